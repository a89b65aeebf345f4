/**
 * Demo: the five seed documents imported as directives of the demo province, through the same parser
 * and save path a user takes, then a year of realistic follow-up: reports accepted on time or late,
 * some returned, some waiting, some missing (overdue), with evidence. Deterministic.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import {
  addWorkingDays,
  previousWorkingDay,
  isCommuneLevel,
  systemActor,
  systemContext,
  referenceDataDir,
  type DemoSeeder,
  type AppServices,
  type WorkingCalendar,
} from '@cchc/core';
import { createDirective, provinceUnits, storeSource, type DirectiveInput, type SectionInput } from './directive.service';
import { parseDirective, type DirectiveKind } from './parser/directive-parser';
import { obligations } from './task.domain';
import { EVIDENCE_OWNER } from './evidence.service';
import type { Recurrence } from './directives.tables';

const SYSTEM = systemContext('demo-seed');
const EVIDENCE = Buffer.from('Báo cáo kết quả thực hiện nhiệm vụ (minh chứng mẫu).');

/** How the demo "user" resolved what the parser could not match, and the dates used (the current year). */
const SEEDS: { file: string; number: string; kind: DirectiveKind; date: string; title?: string; resolve: Record<string, string | null> }[] =
  [
    {
      file: '000_65c197f8117704df.txt',
      number: '08/CT-UBND',
      kind: 'chi_thi',
      date: '2026-01-15',
      resolve: { 'Tổ chức thực hiện': '86.SNV' },
    },
    {
      file: '001_64e6f3e83bcfc3ce.txt',
      number: '125/UBND-NC',
      kind: 'cong_van',
      date: '2026-03-02',
      title: 'Về việc nâng cao hiệu quả công tác cải cách hành chính năm 2026',
      resolve: {},
    },
    {
      file: '002_113563b5a82f84bb.txt',
      number: '12/CT-UBND',
      kind: 'chi_thi',
      date: '2026-04-10',
      title:
        'Về việc nâng cao Chỉ số cải cách hành chính (PAR INDEX), Chỉ số hài lòng về sự phục vụ hành chính (SIPAS), Chỉ số Hiệu quả quản trị và hành chính công cấp tỉnh (PAPI)',
      resolve: { 'Duy trì': '86.SNV', 'Tổ chức thực hiện': '86.SNV' },
    },
    {
      file: '003_4e41335fd8846a46.txt',
      number: '3520/KH-UBND',
      kind: 'ke_hoach',
      date: '2026-01-05',
      title: 'Kế hoạch cải cách hành chính nhà nước tỉnh Vĩnh Long năm 2026',
      resolve: {
        'Công tác chỉ đạo': '86.SNV',
        'Cải cách thể chế': '86.STP',
        'Cải cách thủ tục': '86.VP',
        'Cải cách tổ chức': '86.SNV',
        'Cải cách chế độ': '86.SNV',
        'Cải cách tài chính': '86.STC',
        'Xây dựng và phát triển': '86.SKHCN',
      },
    },
    {
      file: '004_c9a21e28dcb7ca98.txt',
      number: '7190/UBND-NV',
      kind: 'cong_van',
      date: '2026-06-15',
      title: 'V/v triển khai thực hiện giải pháp cải thiện kết quả Chỉ số PAR INDEX, Chỉ số SIPAS của tỉnh năm 2026',
      resolve: { 'Văn phòng HĐND': '86.VP', 'Phòng Tài chính': '86.STC', 'Phòng Nội vụ': '86.SNV' },
    },
  ];

const RECURRENCES: Recurrence[] = ['quarterly', 'half_yearly', 'monthly'];

/** A stable number in [0, 1) for a key. */
const rand = (key: string) => crypto.createHash('sha1').update(key).digest().readUInt32BE(0) / 2 ** 32;

export const directivesDemo: DemoSeeder = async (services) => {
  const { db, provinceCode } = services;
  const today = services.today();
  const calendar = services.calendar();
  const actor = systemActor(provinceCode, 'Dữ liệu mẫu');
  const { children } = await provinceUnits(db, provinceCode, today);
  const units = children.map((u) => ({
    code: u.code,
    name: u.name,
    shortName: u.shortName,
    kind: isCommuneLevel(u.type) ? ('commune' as const) : ('department' as const),
  }));
  const dir = path.join(referenceDataDir(), 'seeds');
  for (const seed of SEEDS) {
    const file = path.join(dir, seed.file);
    if (!fs.existsSync(file)) continue;
    const text = fs.readFileSync(file, 'utf8');
    const parsed = parseDirective(text, units);
    const sections: SectionInput[] = [];
    for (const sec of parsed.sections) {
      let code = sec.leadUnitCode;
      if (!code && !sec.isGroup) {
        const key = Object.keys(seed.resolve).find((k) => sec.heading.startsWith(k));
        code = key ? (seed.resolve[key] ?? null) : null;
        if (!code) continue; // bodies outside the province's administration (MTTQ, press, post office)
      }
      sections.push({
        number: sec.number,
        heading: sec.heading,
        leadUnitCode: code,
        isGroup: sec.isGroup,
        group: sec.group,
        tasks: sec.tasks.map((t, j) => {
          const r = rand(`${seed.number}|${sec.number}|${j}`);
          const indexLinks = t.suggestedLinks ?? [];
          if (r < 0.25)
            return {
              label: t.label,
              text: t.text,
              indexLinks,
              recurrence: RECURRENCES[Math.floor(r * 12) % 3]!,
              reportDays: 5,
              recurUntil: '2026-12-31',
            };
          const due = addWorkingDays(calendar, seed.date, 20 + Math.floor(r * 200));
          return { label: t.label, text: t.text, indexLinks, dueDate: due, priority: r > 0.9 ? ('high' as const) : ('normal' as const) };
        }),
      });
    }
    const input: DirectiveInput = {
      number: seed.number,
      kind: seed.kind,
      date: seed.date,
      issuer: 'Chủ tịch Ủy ban nhân dân tỉnh Vĩnh Long',
      title: seed.title ?? parsed.title ?? seed.number,
      sourceText: text,
      sections,
    };
    const { id } = await createDirective(services, SYSTEM, actor, input);
    await storeSource(services, db, id, { filename: seed.file, mimetype: 'text/plain; charset=utf-8', data: Buffer.from(text) }, null);
    await followUp(services, id, calendar, today);
  }
};

/** Reports for the demo tasks, as units and Sở Nội vụ would have written them. */
async function followUp(s: AppServices, directiveId: number, calendar: WorkingCalendar, today: string) {
  const db = s.db;
  const tasks = await db
    .selectFrom('task as t')
    .innerJoin('directive as d', 'd.id', 't.directiveId')
    .select(['t.id', 't.leadUnitId', 't.dueDate', 't.recurrence', 't.reportDays', 't.recurUntil', 'd.issuedOn'])
    .where('t.directiveId', '=', directiveId)
    .execute();
  const leadOf = new Map(tasks.map((t) => [Number(t.id), Number(t.leadUnitId)]));
  const at = (date: string, hour: number) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+07:00`);
  const reports: {
    taskId: number;
    periodKey: string;
    content: string;
    percent: number;
    state: 'draft' | 'submitted' | 'accepted' | 'returned';
    updatedAt: Date;
    submittedAt: Date | null;
    reviewedAt: Date | null;
    reviewNote: string | null;
  }[] = [];
  for (const t of tasks) {
    for (const o of obligations(
      { start: t.issuedOn, dueDate: t.dueDate, recurrence: t.recurrence, reportDays: t.reportDays, recurUntil: t.recurUntil },
      calendar,
    )) {
      const r = rand(`${t.id}|${o.periodKey}`);
      const before = (n: number) => {
        let d = o.dueDate;
        for (let i = 0; i < n; i++) d = previousWorkingDay(calendar, d);
        return d;
      };
      const after = (n: number) => addWorkingDays(calendar, o.dueDate, n);
      const base = { taskId: t.id, periodKey: o.periodKey };
      if (o.dueDate < today) {
        if (r < 0.55)
          reports.push({
            ...base,
            content: 'Đã triển khai đầy đủ, có văn bản chỉ đạo và kết quả kèm theo.',
            percent: 100,
            state: 'accepted',
            updatedAt: at(before(3), 9),
            submittedAt: at(before(1 + Math.floor(r * 8)), 10),
            reviewedAt: at(o.dueDate, 15),
            reviewNote: null,
          });
        else if (r < 0.7) {
          const sub = after(1 + Math.floor(r * 20));
          if (sub <= today)
            reports.push({
              ...base,
              content: 'Đã hoàn thành, báo cáo chậm do chờ số liệu của các phòng chuyên môn.',
              percent: 100,
              state: 'accepted',
              updatedAt: at(sub, 9),
              submittedAt: at(sub, 10),
              reviewedAt: at(sub, 16),
              reviewNote: null,
            });
        } else if (r < 0.78)
          reports.push({
            ...base,
            content: 'Đang hoàn thiện, đã thực hiện phần lớn nội dung.',
            percent: 80,
            state: 'returned',
            updatedAt: at(before(2), 9),
            submittedAt: at(before(1), 10),
            reviewedAt: at(o.dueDate, 14),
            reviewNote: 'Chưa có minh chứng kết quả; đề nghị bổ sung văn bản triển khai.',
          });
        else if (r < 0.82)
          reports.push({
            ...base,
            content: 'Đã hoàn thành, gửi kèm báo cáo kết quả.',
            percent: 100,
            state: 'submitted',
            updatedAt: at(before(1), 9),
            submittedAt: at(before(1), 10),
            reviewedAt: null,
            reviewNote: null,
          });
        else if (r < 0.87)
          reports.push({
            ...base,
            content: 'Đang thực hiện.',
            percent: 40,
            state: 'draft',
            updatedAt: at(before(4), 9),
            submittedAt: null,
            reviewedAt: null,
            reviewNote: null,
          });
        // else: nothing reported, overdue
      } else if (r < 0.1) {
        const sub = previousWorkingDay(calendar, today);
        if (sub >= t.issuedOn)
          reports.push({
            ...base,
            content: 'Đã hoàn thành sớm.',
            percent: 100,
            state: 'accepted',
            updatedAt: at(sub, 9),
            submittedAt: at(sub, 10),
            reviewedAt: at(sub, 15),
            reviewNote: null,
          });
      } else if (r < 0.4)
        reports.push({
          ...base,
          content: 'Đang triển khai theo kế hoạch.',
          percent: 30 + Math.floor(r * 100),
          state: 'draft',
          updatedAt: at(previousWorkingDay(calendar, today), 9),
          submittedAt: null,
          reviewedAt: null,
          reviewNote: null,
        });
    }
  }
  for (let i = 0; i < reports.length; i += 500) {
    const ids = await db
      .insertInto('taskReport')
      .values(reports.slice(i, i + 500))
      .returning(['id', 'state', 'taskId'])
      .execute();
    // Every third accepted report has the same sample evidence: stored once, linked to each report.
    const withEvidence = ids.filter((x, k) => x.state === 'accepted' && k % 3 === 0);
    await s.files.attachToMany(
      db,
      { data: EVIDENCE, filename: 'bao-cao-ket-qua.txt', mime: 'text/plain; charset=utf-8', uploadedBy: null },
      withEvidence.map((x) => ({ ownerType: EVIDENCE_OWNER, ownerId: x.id, unitId: leadOf.get(Number(x.taskId)) ?? null })),
    );
  }
}
