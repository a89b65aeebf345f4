/**
 * Demo: example frameworks for departments and communes (marked as examples to correct), imported through
 * the same path as a user's file, and a 2026 round for each group with units in every stage.
 * Deterministic; scores are written in bulk.
 */
import crypto from 'node:crypto';
import { systemActor, systemContext, type DemoSeeder } from '@cchc/core';
import { importFramework } from './framework.service';
import { createRound } from './round.service';
import { publishRound } from './publication.service';
import * as repo from './assessment.repository';
import { EVIDENCE_OWNER } from './assessment.repository';
import type { SheetState, Stage, UnitGroup } from './assessment.tables';

const SYSTEM = systemContext('demo-seed');

/**
 * The example framework (100 points with the survey; bonus and penalty beside it). The citizens' satisfaction
 * (8.1) is computed from the surveys module's published results; the officials' survey (8.2) is entered.
 */
export const EXAMPLE_FRAMEWORK = `ma,noi_dung,diem_toi_da,cach_cham,du_lieu,thang_diem,minh_chung
1,Công tác chỉ đạo, điều hành cải cách hành chính,12,,,,
1.1,Ban hành kế hoạch CCHC năm đúng hạn, đầy đủ nội dung,3,tu_cham,,,1
1.2,Báo cáo CCHC định kỳ đầy đủ, đúng hạn,3,tu_cham,,,1
1.3,Hoàn thành nhiệm vụ CCHC được giao đúng hạn,6,du_lieu,tasks.onTimeRate,>=100:6;>=90:5;>=80:4;>=70:2;0,
2,Cải cách thể chế,8,,,,
2.1,Rà soát, hệ thống hóa văn bản quy phạm pháp luật,4,tu_cham,,,1
2.2,Tổ chức thực hiện văn bản quy phạm pháp luật,4,tu_cham,,,1
3,Cải cách thủ tục hành chính,20,,,,
3.1,Công khai thủ tục hành chính đầy đủ, đúng quy định,4,tu_cham,,,1
3.2,Hồ sơ thủ tục hành chính giải quyết đúng hạn,8,du_lieu,dossiers.onTimeRate,>=98:8;>=95:6;>=90:4;>=80:2;0,
3.3,Xin lỗi người dân khi hồ sơ trễ hạn,4,du_lieu,dossiers.apologyCompliance,>=100:4;>=80:2;0,
3.4,Tiếp nhận, xử lý phản ánh, kiến nghị về TTHC,4,tu_cham,,,1
4,Cải cách tổ chức bộ máy hành chính,8,,,,
4.1,Sắp xếp tổ chức bộ máy theo quy định,4,tu_cham,,,1
4.2,Thực hiện quy định về vị trí việc làm,4,tu_cham,,,1
5,Xây dựng, nâng cao chất lượng đội ngũ,10,,,,
5.1,Tuyển dụng, sử dụng công chức, viên chức đúng quy định,5,tu_cham,,,1
5.2,Chấp hành kỷ luật, kỷ cương hành chính,5,tu_cham,,,1
6,Cải cách tài chính công,8,,,,
6.1,Thực hiện tự chủ tài chính,4,tu_cham,,,1
6.2,Công khai ngân sách đúng quy định,4,tu_cham,,,1
7,Xây dựng chính quyền điện tử, chính quyền số,14,,,,
7.1,Cung cấp dịch vụ công trực tuyến toàn trình,7,tu_cham,,,1
7.2,Số hóa hồ sơ, kết quả giải quyết TTHC,7,tu_cham,,,1
8,Điều tra xã hội học,20,,,,
8.1,Mức độ hài lòng của người dân, tổ chức qua khảo sát của tỉnh,10,du_lieu,surveys.satisfaction,>=90:10;>=80:8;>=70:6;>=60:4;0,
8.2,Đánh giá của cán bộ, công chức và lãnh đạo (điều tra xã hội học),10,khao_sat,,,
9,Điểm thưởng,3,,,,
9.1,Sáng kiến CCHC được công nhận,2,thuong,,,1
9.2,Được khen thưởng về CCHC,1,thuong,,,1
10,Điểm trừ,5,,,,
10.1,Bị phê bình về công tác CCHC,3,tru,,,
10.2,Để xảy ra vi phạm về kỷ luật hành chính,2,tru,,,`;

/** The CSV above has commas inside contents: quote the content column. */
function quoted(csv: string): string {
  return csv
    .split('\n')
    .map((line, i) => {
      if (i === 0) return line;
      const cells = line.split(',');
      const tail = cells.slice(-5);
      return [cells[0], `"${cells.slice(1, -5).join(',')}"`, ...tail].join(',');
    })
    .join('\n');
}

/**
 * The province's own PAR INDEX self-assessment (the Ministry's eight areas with the 2017 maxima, as the
 * indices module's example scheme; an example to correct against 876/QĐ-BNV). Area n is the index's
 * component Ln, so directive tasks and official results link to it.
 */
export const PAR_SELF_FRAMEWORK = `ma,noi_dung,diem_toi_da,cach_cham,du_lieu,thang_diem,minh_chung
1,"Công tác chỉ đạo, điều hành cải cách hành chính",10,,,,
1.1,Kế hoạch cải cách hành chính năm của tỉnh,4,tu_cham,,,1
1.2,"Kiểm tra, báo cáo, tuyên truyền cải cách hành chính",6,tu_cham,,,1
2,Cải cách thể chế,10,,,,
2.1,"Xây dựng, ban hành văn bản quy phạm pháp luật",5,tu_cham,,,1
2.2,"Kiểm tra, rà soát, xử lý văn bản",5,tu_cham,,,1
3,Cải cách thủ tục hành chính,"14,5",,,,
3.1,"Công khai, kiểm soát thủ tục hành chính","6,5",tu_cham,,,1
3.2,Giải quyết thủ tục hành chính đúng hạn,8,tu_cham,,,1
4,Cải cách tổ chức bộ máy hành chính nhà nước,11,,,,
4.1,Sắp xếp tổ chức bộ máy,6,tu_cham,,,1
4.2,"Quản lý biên chế, vị trí việc làm",5,tu_cham,,,1
5,Cải cách chế độ công vụ,16,,,,
5.1,"Tuyển dụng, sử dụng, quản lý công chức",10,tu_cham,,,1
5.2,"Kỷ luật, kỷ cương hành chính",6,tu_cham,,,1
6,Cải cách tài chính công,7,tu_cham,,,1
7,"Xây dựng và phát triển Chính phủ điện tử, Chính phủ số",16,,,,
7.1,Dịch vụ công trực tuyến,8,tu_cham,,,1
7.2,"Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",8,tu_cham,,,1
8,"Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế – xã hội","15,5",khao_sat,,,`;

async function seedProvinceSelfAssessment(
  s: Parameters<DemoSeeder>[0],
  actor: ReturnType<typeof systemActor>,
  year: number,
  today: string,
) {
  const f = await importFramework(
    s,
    SYSTEM,
    actor,
    {
      year,
      unitGroup: 'province',
      name: `Tự đánh giá Chỉ số CCHC cấp tỉnh (PAR INDEX) năm ${year} (mẫu – cần chỉnh theo hướng dẫn của Bộ Nội vụ)`,
      filename: 'par-index-tu-danh-gia.csv',
      data: Buffer.from(PAR_SELF_FRAMEWORK),
    },
    { isExample: true },
  );
  if (!f.id) throw new Error(`PAR self-assessment framework: ${JSON.stringify(f.errors.slice(0, 3))}`);
  const { id: roundId } = await createRound(s, SYSTEM, actor, {
    frameworkId: f.id,
    deadlines: {
      selfEnd: addDays(today, 15),
      appraisal1End: addDays(today, 40),
      explanationEnd: addDays(today, 50),
      appraisal2End: addDays(today, 60),
    },
  });
  const [province] = await repo.groupUnits(s.db, s.provinceCode, 'province', `${year}-12-31`);
  if (!province) return;
  const sheetId = await repo.setSheetState(s.db, roundId, Number(province.id), 'self_draft', s.now());
  const criteria = (await repo.criteriaOf(s.db, f.id)).filter((c) => c.method === 'tu_cham');
  const now = s.now();
  // Sở Nội vụ has scored most criteria; the last two are still open.
  const scored = criteria.slice(0, -2);
  await s.db
    .insertInto('assessmentScore')
    .values(
      scored.map((c) => ({
        sheetId,
        criterionId: Number(c.id),
        stage: 'self' as const,
        score: Math.round(Number(c.maxPoints) * (0.75 + rand(`par:${c.code}`) * 0.2) * 4) / 4,
        note: rand(`par:${c.code}:note`) < 0.3 ? 'Văn bản đang trình UBND tỉnh ký, sẽ bổ sung tài liệu kiểm chứng.' : null,
        scoredBy: null,
        scoredAt: now,
      })),
    )
    .execute();
  const proven = scored.filter((c) => rand(`par:${c.code}:note`) >= 0.3);
  const rows = proven.length
    ? await s.db
        .insertInto('assessmentEvidence')
        .values(proven.map((c) => ({ sheetId, criterionId: Number(c.id), locator: 'Phụ lục, trang 2', addedBy: null, addedAt: now })))
        .returning('id')
        .execute()
    : [];
  await s.files.attachToMany(
    s.db,
    { data: SAMPLE_EVIDENCE, filename: 'tai-lieu-kiem-chung-mau.txt', mime: 'text/plain; charset=utf-8', uploadedBy: null },
    rows.map((r) => ({ ownerType: EVIDENCE_OWNER, ownerId: Number(r.id), unitId: Number(province.id) })),
  );
}

const SAMPLE_EVIDENCE = Buffer.from(
  'Tài liệu kiểm chứng mẫu của dữ liệu thử nghiệm cchc.\nTrong thực tế, đơn vị tải lên văn bản của cơ quan có thẩm quyền (kế hoạch, báo cáo, quyết định) và ghi mục, trang chứa kết quả.\n',
);

const rand = (key: string) => crypto.createHash('sha1').update(key).digest().readUInt32BE(0) / 2 ** 32;

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export const assessmentDemo: DemoSeeder = async (s) => {
  const actor = systemActor(s.provinceCode, 'Dữ liệu mẫu');
  const today = s.today();
  const year = Number(today.slice(0, 4));
  const groups: [UnitGroup, string][] = [
    ['department', 'Bộ tiêu chí mẫu chỉ số CCHC các sở, ban, ngành'],
    ['commune', 'Bộ tiêu chí mẫu chỉ số CCHC các xã, phường, đặc khu'],
  ];
  // Last year's rounds are closed and published (the public page, the year-over-year change); this
  // year's are in every stage.
  for (const [unitGroup, name] of groups)
    for (const y of [year - 1, year]) {
      const past = y < year;
      const f = await importFramework(
        s,
        SYSTEM,
        actor,
        {
          year: y,
          unitGroup,
          name: `${name} năm ${y} (mẫu – cần chỉnh theo quyết định của tỉnh)`,
          filename: 'bo-tieu-chi-mau.csv',
          data: Buffer.from(quoted(EXAMPLE_FRAMEWORK)),
        },
        { isExample: true },
      );
      if (!f.id) throw new Error(`example framework: ${JSON.stringify(f.errors.slice(0, 3))}`);
      const { id: roundId } = await createRound(s, SYSTEM, actor, {
        frameworkId: f.id,
        deadlines: past
          ? { selfEnd: `${y}-11-30`, appraisal1End: `${y}-12-15`, explanationEnd: `${y}-12-25`, appraisal2End: `${y + 1}-01-10` }
          : {
              selfEnd: addDays(today, 10),
              appraisal1End: addDays(today, 20),
              explanationEnd: addDays(today, 27),
              appraisal2End: addDays(today, 35),
            },
      });
      const criteria = await repo.criteriaOf(s.db, f.id);
      const parents = new Set(criteria.map((c) => c.parentCode).filter(Boolean));
      const scored = criteria.filter((c) => !parents.has(c.code) && c.method && c.method !== 'du_lieu' && c.method !== 'khao_sat');
      const survey = criteria.find((c) => c.method === 'khao_sat');
      const units = await repo.groupUnits(s.db, s.provinceCode, unitGroup, `${y}-12-31`);
      const STATES: (SheetState | null)[] = [
        null,
        'self_draft',
        'submitted',
        'appraised1',
        'explaining',
        'explained',
        'appraised2',
        'final',
      ];
      const now = s.now();
      const scores: {
        sheetId: number;
        criterionId: number;
        stage: Stage;
        score: number;
        note: string | null;
        scoredBy: null;
        scoredAt: Date;
      }[] = [];
      const proofs: { sheetId: number; criterionId: number; locator: string | null; unitId: number }[] = [];
      for (const u of units) {
        // The demo department focal point's unit is still self-assessing: its users have something to do.
        const state = past
          ? 'final'
          : u.code === `${s.provinceCode}.STC`
            ? 'self_draft'
            : STATES[Math.floor(rand(`${roundId}:${u.code}`) * STATES.length)]!;
        if (!state) continue; // not started
        const sheetId = await repo.setSheetState(s.db, roundId, Number(u.id), state, now, state !== 'self_draft');
        const stages: Stage[] = ['self'];
        if (['appraised1', 'explaining', 'explained', 'appraised2', 'final'].includes(state)) stages.push('appraisal1');
        if (['appraised2', 'final'].includes(state)) stages.push('appraisal2');
        if (state === 'final') stages.push('final');
        for (const c of scored) {
          const max = Number(c.maxPoints);
          const extra = c.method === 'thuong' || c.method === 'tru';
          const r = rand(`${y}:${u.code}:${c.code}`);
          if (extra && r > 0.3) continue; // most units have no bonus or penalty
          let score = extra ? max * 0.5 : Math.round(max * (0.7 + r * 0.3) * 2) / 2;
          // Most criteria that need evidence have a file; the others a written explanation.
          const proven = c.evidenceRequired && rand(`${u.code}:${c.code}:proof`) < 0.8;
          if (proven)
            proofs.push({
              sheetId,
              criterionId: Number(c.id),
              locator: r < 0.5 ? `Mục ${['I', 'II', 'III'][Math.floor(r * 6)]}, trang ${1 + Math.floor(r * 10)}` : null,
              unitId: Number(u.id),
            });
          for (const stage of stages) {
            const down = stage !== 'self' && !extra && rand(`${u.code}:${c.code}:${stage}`) < 0.25;
            if (down) score = Math.max(0, score - 0.5); // marked down
            const note =
              stage === 'self'
                ? c.evidenceRequired && !proven
                  ? 'Đã thực hiện; văn bản đang trình ký, sẽ bổ sung khi giải trình.'
                  : null
                : down
                  ? 'Minh chứng chưa thể hiện đầy đủ kết quả; trừ 0,5 điểm.'
                  : null;
            scores.push({ sheetId, criterionId: Number(c.id), stage, score, note, scoredBy: null, scoredAt: now });
          }
        }
      }
      // The sociological survey's points, once the second appraisal is done (14–19 of 20).
      if (survey)
        for (const sheetId of [...new Set(scores.filter((x) => x.stage === 'appraisal2').map((x) => x.sheetId))])
          scores.push({
            sheetId,
            criterionId: Number(survey.id),
            stage: 'appraisal2',
            score: Math.round((14 + rand(`${y}:${sheetId}:survey`) * 5) * 4) / 4,
            note: 'Kết quả điều tra xã hội học của tỉnh.',
            scoredBy: null,
            scoredAt: now,
          });
      for (let i = 0; i < scores.length; i += 1000)
        await s.db
          .insertInto('assessmentScore')
          .values(scores.slice(i, i + 1000))
          .execute();
      // The evidence rows in bulk, all linked to one sample document (content-addressed: stored once).
      const ids: { id: number; unitId: number }[] = [];
      for (let i = 0; i < proofs.length; i += 1000) {
        const chunk = proofs.slice(i, i + 1000);
        const rows = await s.db
          .insertInto('assessmentEvidence')
          .values(chunk.map(({ unitId: _unit, ...p }) => ({ ...p, addedBy: null, addedAt: now })))
          .returning('id')
          .execute();
        rows.forEach((r, k) => ids.push({ id: Number(r.id), unitId: chunk[k]!.unitId }));
      }
      await s.files.attachToMany(
        s.db,
        { data: SAMPLE_EVIDENCE, filename: 'tai-lieu-kiem-chung-mau.txt', mime: 'text/plain; charset=utf-8', uploadedBy: null },
        ids.map((e) => ({ ownerType: EVIDENCE_OWNER, ownerId: e.id, unitId: e.unitId })),
      );
      if (past)
        await publishRound(s, SYSTEM, actor, roundId, {
          decisionNumber: `${unitGroup === 'department' ? 215 : 216}/QĐ-UBND`,
          decisionDate: `${y + 1}-01-20`,
        });
    }
  await seedProvinceSelfAssessment(s, actor, year, today);
};
