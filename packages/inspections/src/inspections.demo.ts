/**
 * The demo province's 2026 (this year's) inspection plan: visits held across the year with checklists,
 * records and conclusions, findings in every state (remedied and verified, reported and waiting for
 * verification, in progress, overdue, not remedied, repeated), a few visits still to come, and a sealed
 * draw of unannounced ones. Findings become tasks through the task seam, in bulk.
 */
import { randomBytes } from 'node:crypto';
import {
  addDays,
  isWorkingDay,
  nextWorkingDay,
  seededRandom,
  type AppServices,
  type DemoSeeder,
  type SeedTask,
  demoHistoryStart,
} from '@cchc/core';
import { AREAS, DEFAULT_TEMPLATE, drawUnits, type Area } from './inspections.domain';
import { ensureTemplate, provinceUnits } from './inspections.repository';
import type { FindingStatus, Severity } from './inspections.tables';

const FINDINGS: Record<Area, string[]> = {
  direction: ['Kế hoạch CCHC năm ban hành chậm so với yêu cầu của UBND tỉnh', 'Báo cáo CCHC quý gửi chậm, thiếu số liệu kiểm chứng'],
  procedures: [
    'Chưa niêm yết đầy đủ thủ tục hành chính tại Bộ phận Một cửa',
    'Còn hồ sơ quá hạn chưa gửi phiếu xin lỗi và hẹn lại ngày trả kết quả',
    'Sổ theo dõi hồ sơ ghi không đầy đủ ngày trả kết quả',
  ],
  feedback: ['Phản ánh, kiến nghị của người dân trả lời quá thời hạn quy định'],
  discipline: [
    'Một số công chức không đeo thẻ khi thi hành công vụ',
    'Công chức Bộ phận Một cửa vắng mặt trong giờ làm việc không có lý do',
  ],
  organisation: ['Quy chế làm việc chưa được cập nhật sau sắp xếp tổ chức bộ máy'],
  civilService: ['Bố trí công chức chưa đúng vị trí việc làm được phê duyệt'],
  finance: ['Chưa công khai dự toán, quyết toán ngân sách theo quy định'],
  digital: ['Tỷ lệ văn bản được ký số, xử lý trên môi trường điện tử còn thấp'],
};
const REMEDY = 'Chấn chỉnh, khắc phục ngay và báo cáo kết quả kèm tài liệu kiểm chứng';
const ITEM_OF: Record<string, string> = Object.fromEntries(DEFAULT_TEMPLATE.map((t) => [t.area, t.code]));

export const inspectionsDemo: DemoSeeder = async (s: AppServices) => {
  await ensureTemplate(s.db, s.provinceCode);
  const today = s.today();
  const thisYear = Number(today.slice(0, 4));
  // Early in a year (core's demoHistoryStart: before April) the held visits are last year's finished plan
  // (this year's has only visits to come).
  const year = Number(demoHistoryStart(today).slice(0, 4));
  const early = year < thisYear;
  const asOf = early ? `${year}-12-20` : today;
  const cal = s.calendar();
  const rnd = seededRandom(2026_30);
  const units = await provinceUnits(s.db, s.provinceCode, today);
  if (!units.length) return;
  const office = await s.db
    .selectFrom('appUser as u')
    .innerJoin('userRole as r', 'r.userId', 'u.id')
    .select('u.id')
    .where('r.role', '=', 'cchc_office')
    .executeTakeFirst();
  const by = office ? Number(office.id) : null;
  const planOf = async (y: number) =>
    Number(
      (
        await s.db
          .insertInto('inspectionPlan')
          .values({
            provinceCode: s.provinceCode,
            year: y,
            name: `Kế hoạch kiểm tra công tác cải cách hành chính năm ${y}`,
            target: 0.3,
            selfTarget: 0.5,
            createdBy: by,
            createdAt: s.now(),
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
  const planId = await planOf(year);
  const currentPlanId = early ? await planOf(thisYear) : planId;
  const inYear = (d: string) => d.slice(0, 4) === String(thisYear);
  const workday = (d: string) => (isWorkingDay(cal, d) ? d : nextWorkingDay(cal, d));
  // Shuffle the units (departments and communes mixed), then take the visits from the front.
  const order = [...units].sort(() => rnd() - 0.5);
  const start = `${year}-02-20`;
  const span = Math.max(0, Math.min(280, (Date.parse(asOf) - Date.parse(start)) / 86_400_000 - 5));
  const held = order.slice(0, Math.round(units.length * 0.27));
  const upcoming = order.slice(held.length, held.length + 6);
  const areasAll = Object.keys(AREAS) as Area[];
  const template = DEFAULT_TEMPLATE;
  type Visit = {
    planId: number;
    unitId: number;
    date: string;
    kind: 'planned' | 'thematic' | 'unannounced';
    status: 'scheduled' | 'concluded';
    areas: Area[];
  };
  const visits: Visit[] = held.map((u, i) => {
    const date = workday(addDays(start, Math.floor((span * i) / Math.max(1, held.length))));
    const thematic = i % 9 === 4;
    return {
      planId,
      unitId: Number(u.id),
      date: date < asOf ? date : addDays(asOf, -1),
      kind: i % 11 === 7 ? 'unannounced' : thematic ? 'thematic' : 'planned',
      status: i < held.length - 3 ? 'concluded' : 'scheduled',
      areas: thematic ? ['procedures', 'feedback'] : areasAll,
    };
  });
  // Two units inspected again later in the year: the same shortcoming found twice is marked repeated.
  const again = visits.filter((v) => v.status === 'concluded' && v.date < addDays(asOf, -150)).slice(0, 2);
  for (const v of again) visits.push({ ...v, date: workday(addDays(v.date, 120)), kind: 'planned', status: 'concluded' });
  for (const [i, u] of upcoming.entries()) {
    const date = workday(addDays(today, 3 + i * 4));
    if (inYear(date))
      visits.push({ planId: currentPlanId, unitId: Number(u.id), date, kind: 'planned', status: 'scheduled', areas: areasAll });
  }
  const inserted = await s.db
    .insertInto('inspection')
    .values(
      visits.map((v) => ({
        provinceCode: s.provinceCode,
        planId: v.planId,
        unitId: v.unitId,
        byUnitId: null,
        kind: v.kind,
        status: v.status,
        date: v.date,
        areas: v.areas,
        teamLeader: 'Trần Thị Thu Hà, Trưởng phòng CCHC, Sở Nội vụ',
        teamMembers: 'Lê Minh Tuấn (Sở Nội vụ); đại diện Văn phòng UBND tỉnh, Sở Tư pháp',
        drawId: null,
        recordText:
          v.status === 'concluded'
            ? 'Đơn vị đã chuẩn bị báo cáo, hồ sơ, tài liệu theo yêu cầu; Đoàn kiểm tra hồ sơ tại Bộ phận Một cửa và làm việc với lãnh đạo đơn vị.'
            : null,
        conclusion:
          v.status === 'concluded'
            ? 'Đơn vị đã triển khai các nhiệm vụ CCHC theo kế hoạch của tỉnh; công tác giải quyết thủ tục hành chính cơ bản đúng quy định.'
            : null,
        concludedAt: v.status === 'concluded' ? new Date(`${v.date}T10:00:00+07:00`) : null,
        concludedBy: v.status === 'concluded' ? by : null,
        createdBy: by,
        createdAt: new Date(`${addDays(v.date, -20)}T09:00:00+07:00`),
      })),
    )
    .returning(['id', 'unitId', 'date', 'status', 'areas'])
    .execute();
  // Checklists, findings and their remedy tasks.
  const checks: {
    inspectionId: number;
    itemCode: string;
    area: string;
    text: string;
    sortOrder: number;
    result: 'pass' | 'fail' | 'na' | null;
    note: string | null;
  }[] = [];
  const findings: {
    row: {
      inspectionId: number;
      unitId: number;
      area: string;
      itemCode: string | null;
      text: string;
      severity: Severity;
      remedy: string;
      dueDate: string;
      status: FindingStatus;
      verifiedAt: Date | null;
      verifiedBy: number | null;
      verifyNote: string | null;
      createdBy: number | null;
      createdAt: Date;
    };
    task: SeedTask;
    repeatKey: string;
  }[] = [];
  const firstFinding = new Map<string, number>();
  for (const [k, r] of inserted.entries()) {
    const id = Number(r.id);
    const concluded = r.status === 'concluded';
    const areas = r.areas as Area[];
    const failed = concluded ? areas.filter(() => rnd() < 0.3).slice(0, 3) : [];
    const isRepeat = k >= held.length && k < held.length + again.length;
    const firstOfAgain = k < held.length && again.some((a) => a.unitId === Number(r.unitId));
    if ((isRepeat || firstOfAgain) && !failed.includes('procedures')) failed.push('procedures');
    if (concluded && !failed.length) failed.push(areas[Math.floor(rnd() * areas.length)]!);
    for (const [j, t] of template.entries())
      if (areas.includes(t.area))
        checks.push({
          inspectionId: id,
          itemCode: t.code,
          area: t.area,
          text: t.text,
          sortOrder: j + 1,
          result: concluded ? (failed.includes(t.area) && ITEM_OF[t.area] === t.code ? 'fail' : 'pass') : null,
          note: null,
        });
    for (const area of failed) {
      const texts = FINDINGS[area];
      const text =
        area === 'procedures' && (isRepeat || again.some((a) => a.unitId === Number(r.unitId)))
          ? texts[1]!
          : texts[Math.floor(rnd() * texts.length)]!;
      const due = workday(addDays(r.date, 45));
      const x = rnd();
      // What happened since: verified, reported, under way, overdue, not remedied.
      const past = due < today;
      const status: FindingStatus = x < 0.45 && past ? 'remedied' : x > 0.95 ? 'unresolved' : 'open';
      const reported = status === 'remedied' || (status === 'open' && x < 0.6);
      const reportAt = new Date(`${addDays(due, -5) < today ? addDays(due, -5) : addDays(today, -1)}T15:00:00+07:00`);
      findings.push({
        row: {
          inspectionId: id,
          unitId: Number(r.unitId),
          area,
          itemCode: ITEM_OF[area] ?? null,
          text,
          severity: x < 0.15 ? 'serious' : x < 0.6 ? 'major' : 'minor',
          remedy: REMEDY,
          dueDate: due,
          status,
          verifiedAt: status === 'open' ? null : new Date(`${addDays(due, 2) < today ? addDays(due, 2) : today}T09:00:00+07:00`),
          verifiedBy: status === 'open' ? null : by,
          verifyNote: status === 'unresolved' ? 'Kiểm tra lại: đơn vị chưa khắc phục xong, đề nghị kiểm tra lại trong đợt sau.' : null,
          createdBy: by,
          createdAt: new Date(`${r.date}T11:00:00+07:00`),
        },
        task: {
          unitId: Number(r.unitId),
          content: `Khắc phục tồn tại sau kiểm tra CCHC: ${text} — Biện pháp: ${REMEDY}`,
          dueDate: due,
          issuedOn: r.date,
          source: { kind: 'inspection', ref: `Kiểm tra CCHC ngày ${r.date.split('-').reverse().join('/')}`, link: `/inspections/${id}` },
          container: {
            number: `KTCCHC-${year}`,
            title: `Khắc phục tồn tại, hạn chế sau kiểm tra cải cách hành chính năm ${year}`,
            issuer: 'SỞ NỘI VỤ',
          },
          report: reported ? { state: 'accepted', at: reportAt, content: 'Đơn vị đã khắc phục, gửi kèm tài liệu kiểm chứng.' } : undefined,
        },
        repeatKey: `${r.unitId}:${area}:${text}`,
      });
    }
  }
  if (checks.length)
    for (let i = 0; i < checks.length; i += 1000)
      await s.db
        .insertInto('inspectionCheck')
        .values(checks.slice(i, i + 1000))
        .execute();
  const taskIds = s.taskIntake
    ? await s.taskIntake.seed(
        s,
        s.db,
        findings.map((f) => f.task),
      )
    : findings.map(() => null);
  const rows = await s.db
    .insertInto('inspectionFinding')
    .values(findings.map((f, i) => ({ ...f.row, taskId: taskIds[i] ?? null, repeatOf: null })))
    .returning(['id'])
    .execute();
  for (const [i, f] of findings.entries()) {
    const first = firstFinding.get(f.repeatKey);
    if (first === undefined) firstFinding.set(f.repeatKey, Number(rows[i]!.id));
    else await s.db.updateTable('inspectionFinding').set({ repeatOf: first }).where('id', '=', Number(rows[i]!.id)).execute();
  }
  // A sealed draw of two unannounced visits next month (the units do not see them before the day).
  const taken = new Set(visits.map((v) => v.unitId));
  const pool = units
    .map((u) => Number(u.id))
    .filter((id) => !taken.has(id))
    .sort((a, b) => a - b);
  const seed = randomBytes(16).toString('hex');
  const chosen = drawUnits(pool, seed, 2);
  const drawDate = inYear(workday(addDays(today, 12))) ? workday(addDays(today, 12)) : `${thisYear}-12-31`;
  const draw = await s.db
    .insertInto('inspectionDraw')
    .values({ planId: currentPlanId, seed, pool, chosen, drawnBy: by, drawnAt: s.now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const sealed = await s.db
    .insertInto('inspection')
    .values(
      chosen.map((unitId) => ({
        provinceCode: s.provinceCode,
        planId: currentPlanId,
        unitId,
        byUnitId: null,
        kind: 'unannounced' as const,
        status: 'scheduled' as const,
        date: drawDate,
        areas: ['procedures', 'discipline'],
        teamLeader: 'Trần Thị Thu Hà, Trưởng phòng CCHC, Sở Nội vụ',
        teamMembers: null,
        drawId: Number(draw.id),
        createdBy: by,
        createdAt: s.now(),
      })),
    )
    .returning('id')
    .execute();
  const sealedChecks = sealed.flatMap((r) =>
    template
      .filter((t) => t.area === 'procedures' || t.area === 'discipline')
      .map((t, j) => ({
        inspectionId: Number(r.id),
        itemCode: t.code,
        area: t.area,
        text: t.text,
        sortOrder: j + 1,
        result: null,
        note: null,
      })),
  );
  if (sealedChecks.length) await s.db.insertInto('inspectionCheck').values(sealedChecks).execute();
};
