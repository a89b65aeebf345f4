/**
 * The internal index as its users meet it, through the API: a framework imported (or refused with every
 * row error), a round opened, a unit self-scoring and submitting, appraisal, the results of the group —
 * with the contract's rules on stages, maxima, computed criteria and deadlines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '@cchc/server/testing';

let t: TestApp;
let office: TestClient;
let frameworkId: number;
let roundId: number;
let nextYearFramework: number;

const CSV = `ma,noi_dung,diem_toi_da,cach_cham,du_lieu,thang_diem,minh_chung
1,Chỉ đạo điều hành,4,,,,
1.1,Kế hoạch CCHC,"1,5",tu_cham,,,1
1.2,Báo cáo đúng hạn,"0,5",tu_cham,,,
1.3,Hồ sơ đúng hạn,2,du_lieu,dossiers.onTimeRate,">=95:2;>=80:1;0",
2,Điểm thưởng,1,,,,
2.1,Sáng kiến,1,thuong,,,
`;

beforeAll(async () => {
  // Every module: the computed criteria read the dossiers module's metrics.
  t = await startTestApp();
  office = await t.login('cchc');
});
afterAll(() => t.close());

describe('frameworks', () => {
  it('refuses a file with row errors whole and says where', async () => {
    const bad = CSV.replace('1,Chỉ đạo điều hành,4', '1,Chỉ đạo điều hành,5').replace('dossiers.onTimeRate', 'dossiers.nothing');
    const res = await office.upload(
      '/api/assessment/frameworks/import',
      { name: 'sai.csv', data: bad },
      { year: '2026', unitGroup: 'department', name: 'Bộ thử sai' },
    );
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json();
    expect(out.id).toBeNull();
    expect(out.errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`)).toEqual(['2:diem_toi_da', '5:du_lieu']);
    const list = (await office.get('/api/assessment/frameworks?year=2026')).json();
    expect(list.some((f: { name: string }) => f.name === 'Bộ thử sai')).toBe(false);
  });

  it('imports a framework, counts the scored criteria and gives it back as a tree and as XLSX', async () => {
    const res = await office.upload(
      '/api/assessment/frameworks/import',
      { name: 'bo.csv', data: CSV },
      { year: '2026', unitGroup: 'department', name: 'Bộ thử' },
    );
    const out = res.json();
    expect(out).toMatchObject({ criteria: 3, maxTotal: 4, errors: [] });
    frameworkId = out.id;
    const f = (await office.get(`/api/assessment/frameworks/${frameworkId}`)).json();
    expect(f.criteria.map((c: { code: string }) => c.code)).toEqual(['1', '1.1', '1.2', '1.3', '2', '2.1']);
    expect(f.criteria[3]).toMatchObject({ method: 'du_lieu', metricKey: 'dossiers.onTimeRate', bands: '>=95:2;>=80:1;0', maxPoints: 2 });
    const x = await office.get(`/api/assessment/frameworks/${frameworkId}/export.xlsx`);
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const focal = await t.login('daumoi.stc');
    const denied = await focal.upload(
      '/api/assessment/frameworks/import',
      { name: 'bo.csv', data: CSV },
      { year: '2026', unitGroup: 'department', name: 'Bộ của đơn vị' },
    );
    expect(denied.statusCode).toBe(403);
    // Without the right, a malformed request is refused the same way (the permission is checked first).
    const malformed = await focal.upload('/api/assessment/frameworks/import', { name: 'bo.csv', data: CSV }, { year: 'năm nay' });
    expect(malformed.statusCode).toBe(403);
  });
});

describe('copying a framework', () => {
  it('copies the tree into another year', async () => {
    const res = await office.send('POST', `/api/assessment/frameworks/${frameworkId}/copy`, { year: 2027 });
    expect(res.statusCode, res.body).toBe(200);
    nextYearFramework = res.json().id;
    const copy = (await office.get(`/api/assessment/frameworks/${res.json().id}`)).json();
    const original = (await office.get(`/api/assessment/frameworks/${frameworkId}`)).json();
    expect(copy).toMatchObject({ year: 2027, unitGroup: 'department', maxTotal: original.maxTotal });
    const shape = (f: { criteria: { code: string; maxPoints: number; method: string | null; bands: string | null }[] }) =>
      f.criteria.map((c) => [c.code, c.maxPoints, c.method, c.bands]);
    expect(shape(copy)).toEqual(shape(original));
  });
});

describe('a framework re-issued within its year', () => {
  it('is a new version from a date, the old one applying until the day before', async () => {
    const url = `/api/assessment/frameworks/${frameworkId}/copy`;
    expect((await office.send('POST', url, { year: 2026 })).json().code).toBe('VALID_FROM_REQUIRED');
    expect((await office.send('POST', url, { year: 2026, validFrom: '2027-01-01' })).statusCode).toBe(400);
    const v2 = await office.send('POST', url, { year: 2026, validFrom: '2026-07-01', name: 'Bộ thử (bản sửa đổi)' });
    expect(v2.statusCode, v2.body).toBe(200);
    const list = (await office.get('/api/assessment/frameworks?year=2026')).json() as {
      id: number;
      validFrom: string | null;
      validTo: string | null;
    }[];
    expect(list.find((f) => f.id === v2.json().id)).toMatchObject({ validFrom: '2026-07-01', validTo: null });
    expect(list.find((f) => f.id === frameworkId)).toMatchObject({ validTo: '2026-06-30' });
  });
});

describe('editing a framework', () => {
  it('checks the edited tree as an import does, saves it whole, and refuses a framework units were scored on', async () => {
    const f = (await office.get(`/api/assessment/frameworks/${nextYearFramework}`)).json();
    const rows = f.criteria.map((c: Record<string, unknown>) => ({
      code: c.code,
      content: c.content,
      maxPoints: c.maxPoints,
      method: c.method,
      metricKey: c.metricKey,
      bands: c.bands,
      evidenceRequired: c.evidenceRequired,
    }));
    const wrong = rows.map((r: { code: string; maxPoints: number }) => (r.code === '1.2' ? { ...r, maxPoints: 1 } : r));
    const refused = (await office.send('PUT', `/api/assessment/frameworks/${nextYearFramework}`, { criteria: wrong })).json();
    expect(refused.id).toBeNull();
    expect(refused.errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`)).toEqual(['2:diem_toi_da']);
    const edited = rows.map((r: { code: string }) => (r.code === '1.1' ? { ...r, content: 'Kế hoạch CCHC năm, ban hành trước 15/12' } : r));
    const ok = (
      await office.send('PUT', `/api/assessment/frameworks/${nextYearFramework}`, { criteria: edited, name: 'Bộ thử 2027 (đã sửa)' })
    ).json();
    expect(ok).toMatchObject({ id: nextYearFramework, criteria: 3, maxTotal: 4, errors: [] });
    const after = (await office.get(`/api/assessment/frameworks/${nextYearFramework}`)).json();
    expect(after.name).toBe('Bộ thử 2027 (đã sửa)');
    expect(after.criteria.find((c: { code: string }) => c.code === '1.1').content).toBe('Kế hoạch CCHC năm, ban hành trước 15/12');
    const demo = (await office.get('/api/assessment/frameworks?year=2026')).json().find((x: { isExample: boolean }) => x.isExample);
    const inUse = await office.send('PUT', `/api/assessment/frameworks/${demo.id}`, { criteria: rows });
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json().code).toBe('FRAMEWORK_IN_USE');
    expect(
      (await (await t.login('daumoi.stc')).send('PUT', `/api/assessment/frameworks/${nextYearFramework}`, { criteria: rows })).statusCode,
    ).toBe(403);
  });
});

describe('a round', () => {
  it('opens with deadlines in order only', async () => {
    const wrong = await office.send('POST', '/api/assessment/rounds', {
      frameworkId,
      deadlines: { selfEnd: '2026-12-20', appraisal1End: '2026-12-10', explanationEnd: '2026-12-25', appraisal2End: '2026-12-30' },
    });
    expect(wrong.statusCode).toBe(400);
    const res = await office.send('POST', '/api/assessment/rounds', {
      frameworkId,
      deadlines: { selfEnd: '2026-12-10', appraisal1End: '2026-12-15', explanationEnd: '2026-12-20', appraisal2End: '2026-12-30' },
    });
    expect(res.statusCode, res.body).toBe(200);
    roundId = res.json().id;
  });

  it('takes the unit’s self-scores within the maxima, never on a computed criterion, and the head’s submission', async () => {
    const focal = await t.login('daumoi.stc');
    const url = `/api/assessment/rounds/${roundId}/units/86.STC/scores`;
    const over = await focal.send('PUT', url, { stage: 'self', scores: [{ criterion: '1.1', score: 2 }] });
    expect(over.statusCode).toBe(400);
    expect(over.json().message).toBe('Dòng 1, tiêu chí "1.1": điểm 2 ngoài khoảng 0–1,5.');
    const computed = await focal.send('PUT', url, { stage: 'self', scores: [{ criterion: '1.3', score: 1 }] });
    expect(computed.json().code).toBe('COMPUTED_CRITERION');
    const asAppraiser = await focal.send('PUT', url, { stage: 'appraisal1', scores: [{ criterion: '1.1', score: 1 }] });
    expect(asAppraiser.statusCode).toBe(403);
    const ok = await focal.send('PUT', url, {
      stage: 'self',
      scores: [
        { criterion: '1.1', score: 1.5, note: 'Kế hoạch số 15/KH-STC, chưa có bản ký số để đính kèm.' },
        { criterion: '1.2', score: 0.5, note: 'Đủ báo cáo quý' },
        { criterion: '2.1', score: 1 },
      ],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'self_draft', abilities: { selfScore: true, submit: false } });
    const comp = ok.json().criteria.find((c: { code: string }) => c.code === '1.3').computed;
    expect(comp.metricKey).toBe('dossiers.onTimeRate');
    expect(comp.href).toContain('unit=86.STC');
    expect(comp).toMatchObject({ rule: 'từ 95 %: 2 điểm; từ 80 %: 1 điểm; thấp hơn: 0 điểm', period: '01/01/2026–31/12/2026' });
    expect(await focal.send('POST', `/api/assessment/rounds/${roundId}/units/86.STC/submit`).then((r) => r.statusCode)).toBe(403);
    const head = await t.login('giamdoc.stc');
    const sent = await head.send('POST', `/api/assessment/rounds/${roundId}/units/86.STC/submit`);
    expect(sent.json()).toMatchObject({ state: 'submitted', stateLabel: 'Đã gửi tự đánh giá' });
    const late = await focal.send('PUT', url, { stage: 'self', scores: [{ criterion: '1.1', score: 1 }] });
    expect(late.statusCode).toBe(403); // submitted: the unit can no longer change it
  });

  it('lets an appraiser of another unit appraise, and gives the results the contract describes', async () => {
    const appraiser = await t.login('thamdinh');
    const a1 = await appraiser.send('PUT', `/api/assessment/rounds/${roundId}/units/86.STC/scores`, {
      stage: 'appraisal1',
      scores: [
        { criterion: '1.1', score: 1 },
        { criterion: '1.2', score: 0.5 },
        { criterion: '2.1', score: 1 },
      ],
    });
    expect(a1.statusCode, a1.body).toBe(200);
    expect(a1.json().state).toBe('appraised1');
    const own = await appraiser.send('PUT', `/api/assessment/rounds/${roundId}/units/86.SNV/scores`, { stage: 'appraisal1', scores: [] });
    expect(own.statusCode).toBe(403); // never their own unit (and 86.SNV has not submitted)
    const rows = (await office.get(`/api/assessment/rounds/${roundId}/results`)).json();
    const stc = rows.find((r: { unitCode: string }) => r.unitCode === '86.STC');
    const [metric] = (await office.get('/api/metrics/dossiers.onTimeRate?from=2026-01-01&to=2026-12-31&unit=86.STC')).json();
    const computed = metric.value >= 95 ? 2 : metric.value >= 80 ? 1 : 0;
    expect(stc).toMatchObject({ self: 2 + computed, appraised: 1.5 + computed, bonus: 1, penalty: 0, total: 2.5 + computed, max: 4 });
    expect(stc.index).toBe(Math.round(((2.5 + computed) / 4) * 10000) / 100);
    expect(rows[0].rank).toBe(1);
    const x = await office.get(`/api/assessment/rounds/${roundId}/results.xlsx`);
    expect(x.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as never);
    const sheet = wb.worksheets[0]!;
    const cells: string[] = [];
    sheet.eachRow((r) => cells.push(String(r.getCell(2).value)));
    expect(cells).toContain('86.STC');
    expect(rows.length).toBeGreaterThanOrEqual(16);
    const focal = await t.login('daumoi.stc');
    expect((await focal.get(`/api/assessment/rounds/${roundId}/results`)).statusCode).toBe(403);
    expect((await focal.get(`/api/assessment/rounds/${roundId}/units/86.SYT`)).statusCode).toBe(404);
  });

  it('shows where the group lost points, what the appraisers marked down, one unit’s gaps and the change from last year', async () => {
    const a = (await office.get(`/api/assessment/rounds/${roundId}/analysis?unit=86.STC`)).json();
    expect(a.units).toBeGreaterThanOrEqual(16);
    const c11 = a.criteria.find((c: { code: string }) => c.code === '1.1');
    // 86.STC: self 1,5, appraised 1 (marked down); the other departments hold 0 of 1,5.
    expect(c11).toMatchObject({ maxPoints: 1.5, best: 1, median: 0, markedDown: 1 });
    expect(c11.lost).toBeCloseTo(a.units * 1.5 - 1, 6);
    expect(a.mostMarkedDown.map((c: { code: string }) => c.code)).toEqual(['1.1']);
    expect(a.unit.gaps.find((g: { code: string }) => g.code === '1.1')).toEqual({
      code: '1.1',
      content: 'Kế hoạch CCHC',
      maxPoints: 1.5,
      points: 1,
      lost: 0.5,
      best: 1,
      median: 0,
    });
    expect(a.criteria.some((c: { code: string }) => c.code === '2.1')).toBe(false); // a bonus is never "lost"
    // Next year's round compares with this one.
    const next = await office.send('POST', '/api/assessment/rounds', {
      frameworkId: nextYearFramework,
      deadlines: { selfEnd: '2027-12-10', appraisal1End: '2027-12-15', explanationEnd: '2027-12-20', appraisal2End: '2027-12-30' },
    });
    const yoy = (await office.get(`/api/assessment/rounds/${next.json().id}/analysis`)).json();
    expect(yoy.previousYear).toBe(2026);
    const results = (await office.get(`/api/assessment/rounds/${roundId}/results`)).json();
    const stc = yoy.yearOverYear.find((r: { unitCode: string }) => r.unitCode === '86.STC');
    const before = results.find((r: { unitCode: string }) => r.unitCode === '86.STC');
    expect(stc).toMatchObject({ previousIndex: before.index, previousRank: before.rank });
    expect(stc.change).toBeCloseTo(stc.index - before.index, 6);
    expect((await (await t.login('daumoi.stc')).get(`/api/assessment/rounds/${roundId}/analysis`)).statusCode).toBe(403);
    // A unit of another province, or of the other group, is not in the round.
    expect((await office.get(`/api/assessment/rounds/${roundId}/analysis?unit=01.STC`)).statusCode).toBe(404);
    const commune = (await office.get('/api/units?parent=86&limit=500')).json().find((u: { type: string }) => u.type === 'ward');
    expect((await office.get(`/api/assessment/rounds/${roundId}/analysis?unit=${commune.code}`)).statusCode).toBe(404);
  });

  it('keeps a unit to the rounds of its own group', async () => {
    const focal = await t.login('daumoi.stc');
    const mine = (await focal.get('/api/assessment/rounds')).json();
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((r: { unitGroup: string }) => r.unitGroup === 'department')).toBe(true);
    const communes = (await office.get('/api/assessment/rounds')).json().find((r: { unitGroup: string }) => r.unitGroup === 'commune');
    const res = await office.get(`/api/assessment/rounds/${communes.id}/units/86.STC`);
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toBe('Sở Tài chính không thuộc nhóm đơn vị của đợt đánh giá này.');
  });

  it('scores the demo communes’ citizen satisfaction from the published survey, not applicable to a commune not surveyed', async () => {
    type Point = { key: string; value: number | null };
    type Criterion = { code: string; computed: { metricKey: string; value: number | null; points: number | null } | null };
    const round = (await office.get('/api/assessment/rounds'))
      .json()
      .find((r: { unitGroup: string; year: number }) => r.unitGroup === 'commune' && r.year === 2026);
    const inRound = new Set(
      (await office.get(`/api/assessment/rounds/${round.id}/results`)).json().map((r: { unitCode: string }) => r.unitCode),
    );
    const points: Point[] = (await office.get('/api/metrics/surveys.satisfaction?from=2026-01-01&to=2026-12-31&byUnit=true')).json();
    const surveyed = points.find((p) => p.value !== null && inRound.has(p.key))!;
    const notSurveyed = points.find((p) => p.value === null && inRound.has(p.key))!;
    const satisfaction = async (unit: string) =>
      (await office.get(`/api/assessment/rounds/${round.id}/units/${unit}`)).json().criteria.find((c: Criterion) => c.code === '8.1')
        .computed as Criterion['computed'];
    const expected =
      (
        [
          [90, 10],
          [80, 8],
          [70, 6],
          [60, 4],
        ] as const
      ).find(([min]) => surveyed.value! >= min)?.[1] ?? 0;
    expect(await satisfaction(surveyed.key)).toMatchObject({ metricKey: 'surveys.satisfaction', value: surveyed.value, points: expected });
    expect(await satisfaction(notSurveyed.key)).toMatchObject({ value: null, points: null });
  });

  it('refuses scores after the stage’s deadline', async () => {
    const r = await office.send('POST', '/api/assessment/rounds', {
      frameworkId,
      deadlines: { selfEnd: '2026-12-10', appraisal1End: '2026-12-15', explanationEnd: '2026-12-20', appraisal2End: '2026-12-30' },
    });
    try {
      t.setNow(new Date('2026-12-11T09:00:00+07:00'));
      const focal = await t.login('daumoi.stc'); // a session of that day (sessions expire when idle)
      const res = await focal.send('PUT', `/api/assessment/rounds/${r.json().id}/units/86.STC/scores`, {
        stage: 'self',
        scores: [{ criterion: '1.1', score: 1 }],
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().message).toBe('Đã hết hạn tự chấm điểm (hạn 10/12/2026).');
    } finally {
      t.setNow(null);
    }
  });
});

describe('reminders', () => {
  it('remind the units that have not sent their self-assessment before the deadline, once', async () => {
    const { runReminders } = await import('@cchc/core');
    const { assessmentModule } = await import('./index');
    const r = await office.send('POST', '/api/assessment/rounds', {
      frameworkId,
      deadlines: { selfEnd: '2026-11-25', appraisal1End: '2026-12-15', explanationEnd: '2026-12-20', appraisal2End: '2026-12-30' },
    });
    expect(r.statusCode).toBe(200);
    const s = t.app.services;
    const first = await runReminders(s, [assessmentModule], { remindDays: 3, email: false });
    expect(first).toBeGreaterThan(0);
    expect(await runReminders(s, [assessmentModule], { remindDays: 3, email: false })).toBe(0);
    const head = await t.login('giamdoc.stc');
    const mine = (await head.get('/api/notifications?limit=50')).json();
    const n = mine.items.find((x: { kind: string; title: string }) => x.kind === 'assessment_self_due' && x.title.includes('25/11/2026'));
    expect(n).toMatchObject({ link: '/assessment?tab=sheet' });
    expect(n.body).toContain('Sở Tài chính chưa gửi tự đánh giá');
  });
});
