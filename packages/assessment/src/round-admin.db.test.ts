/**
 * A unit's evidence (files with where the proof is; a file or a written explanation where the framework
 * requires evidence), the head's withdrawal, the appraisers the office assigns to a round, and deadlines
 * moved to reopen a stage that locked — each audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, startTestApp, type TestApp, type TestClient } from '@cchc/server/testing';

let t: TestApp;
let office: TestClient;
let roundId: number;
const CSV = `ma,noi_dung,diem_toi_da,cach_cham,du_lieu,thang_diem,minh_chung
1,Chỉ đạo điều hành,4,,,,
1.1,Kế hoạch CCHC,"1,5",tu_cham,,,1
1.2,Báo cáo đúng hạn,"0,5",tu_cham,,,1
1.3,Hồ sơ đúng hạn,2,du_lieu,dossiers.onTimeRate,">=95:2;>=80:1;0",
`;
const DEADLINES = { selfEnd: '2026-12-10', appraisal1End: '2026-12-15', explanationEnd: '2026-12-20', appraisal2End: '2026-12-30' };
const sheetUrl = (unit = '86.STC') => `/api/assessment/rounds/${roundId}/units/${unit}`;
const audit = (action: string) =>
  t.db.db.selectFrom('auditLog').selectAll().where('action', '=', action).orderBy('id', 'desc').executeTakeFirst();

beforeAll(async () => {
  t = await startTestApp();
  office = await t.login('cchc');
  const f = await office.upload(
    '/api/assessment/frameworks/import',
    { name: 'bo.csv', data: CSV },
    { year: '2026', unitGroup: 'department', name: 'Bộ có minh chứng' },
  );
  roundId = (await office.send('POST', '/api/assessment/rounds', { frameworkId: f.json().id, deadlines: DEADLINES })).json().id;
});
afterAll(() => t.close());

describe('evidence', () => {
  it('is kept per criterion with where the proof is, read inside the scope only, never on a computed criterion', async () => {
    const focal = await t.login('daumoi.stc');
    const computed = await focal.upload(`${sheetUrl()}/evidence`, { name: 'x.pdf', data: '%PDF-1.4' }, { criterion: '1.3' });
    expect(computed.statusCode).toBe(400);
    expect(computed.json().code).toBe('COMPUTED_CRITERION');
    const res = await focal.upload(
      `${sheetUrl()}/evidence`,
      { name: 'ke-hoach-cchc.pdf', data: '%PDF-1.4 kế hoạch' },
      { criterion: '1.1', locator: 'Mục II, trang 3' },
    );
    expect(res.statusCode, res.body).toBe(200);
    const c11 = res.json().criteria.find((c: { code: string }) => c.code === '1.1');
    expect(c11.evidence).toHaveLength(1);
    expect(c11.evidence[0]).toMatchObject({
      filename: 'ke-hoach-cchc.pdf',
      locator: 'Mục II, trang 3',
      size: Buffer.byteLength('%PDF-1.4 kế hoạch'),
    });
    const id = c11.evidence[0].id;
    const appraiser = await t.login('thamdinh');
    const file = await appraiser.get(`/api/assessment/evidence/${id}`);
    expect(file.statusCode).toBe(200);
    expect(file.body).toBe('%PDF-1.4 kế hoạch');
    expect((await (await t.login('daumoi.xa')).get(`/api/assessment/evidence/${id}`)).statusCode).toBe(404);
    expect(await audit('assessment.evidence.add')).toMatchObject({ entityId: `${roundId}:86.STC` });
  });

  it('or a written explanation, before the head may send a criterion that requires it', async () => {
    const focal = await t.login('daumoi.stc');
    const head = await t.login('giamdoc.stc');
    await focal.send('PUT', `${sheetUrl()}/scores`, {
      stage: 'self',
      scores: [
        { criterion: '1.1', score: 1.5 },
        { criterion: '1.2', score: 0.5 },
      ],
    });
    const refused = await head.send('POST', `${sheetUrl()}/submit`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe(
      'Chưa gửi được: tiêu chí 1.2 cần tài liệu kiểm chứng hoặc giải trình bằng văn bản (ghi chú) khi không có tài liệu.',
    );
    await focal.send('PUT', `${sheetUrl()}/scores`, {
      stage: 'self',
      scores: [{ criterion: '1.2', score: 0.5, note: 'Báo cáo quý gửi qua hệ thống văn bản, số 12/BC-STC.' }],
    });
    expect((await head.send('POST', `${sheetUrl()}/submit`)).json().state).toBe('submitted');
  });

  it('can be withdrawn by the head before the deadline, audited; the unit then changes it again', async () => {
    const head = await t.login('giamdoc.stc');
    const focal = await t.login('daumoi.stc');
    expect((await focal.send('POST', `${sheetUrl()}/withdraw`)).statusCode).toBe(403);
    const back = await head.send('POST', `${sheetUrl()}/withdraw`);
    expect(back.json()).toMatchObject({ state: 'self_draft' });
    expect(await audit('assessment.withdraw')).toMatchObject({ before: { state: 'submitted' }, after: { state: 'self_draft' } });
    const sheet = (await focal.get(sheetUrl())).json();
    const ev = sheet.criteria.find((c: { code: string }) => c.code === '1.1').evidence[0];
    const gone = await focal.send('DELETE', `${sheetUrl()}/evidence/${ev.id}`);
    expect(gone.json().criteria.find((c: { code: string }) => c.code === '1.1').evidence).toEqual([]);
    expect(await audit('assessment.evidence.remove')).toMatchObject({ before: { filename: 'ke-hoach-cchc.pdf' } });
    await head.send('POST', `${sheetUrl()}/submit`).then((r) => expect(r.statusCode).toBe(409)); // 1.1 lost its evidence
    await focal.upload(`${sheetUrl()}/evidence`, { name: 'kh.pdf', data: '%PDF-1.4' }, { criterion: '1.1' });
    expect((await head.send('POST', `${sheetUrl()}/submit`)).json().state).toBe('submitted');
  });
});

describe('appraisers', () => {
  it('assigned by the office appraise the round alone; an empty list opens it to every appraiser again', async () => {
    const other = await makeUser(t.app.services, { unit: '86.VP', roles: ['appraiser'] });
    const focal = await makeUser(t.app.services, { unit: '86.SYT', roles: ['focal_point'] });
    const list = (await office.get(`/api/assessment/rounds/${roundId}/appraisers`)).json();
    expect(list.map((u: { username: string }) => u.username)).toEqual(expect.arrayContaining(['thamdinh', other.username]));
    const wrong = await office.send('PUT', `/api/assessment/rounds/${roundId}/appraisers`, { userIds: [focal.id] });
    expect(wrong.statusCode).toBe(400);
    const set = await office.send('PUT', `/api/assessment/rounds/${roundId}/appraisers`, { userIds: [other.id] });
    expect(
      set
        .json()
        .filter((u: { assigned: boolean }) => u.assigned)
        .map((u: { id: number }) => u.id),
    ).toEqual([other.id]);
    const scores = { stage: 'appraisal1', scores: [{ criterion: '1.1', score: 1 }] };
    const notAssigned = await (await t.login('thamdinh')).send('PUT', `${sheetUrl()}/scores`, scores);
    expect(notAssigned.statusCode).toBe(403);
    const assigned = await (await t.login(other.username)).send('PUT', `${sheetUrl()}/scores`, scores);
    expect(assigned.json().state).toBe('appraised1');
    expect(await audit('assessment.round.appraisers')).toMatchObject({ before: [], after: [other.id] });
    await office.send('PUT', `/api/assessment/rounds/${roundId}/appraisers`, { userIds: [] });
    expect((await (await t.login('thamdinh')).send('PUT', `${sheetUrl()}/scores`, scores)).statusCode).toBe(200);
    expect((await (await t.login('daumoi.stc')).get(`/api/assessment/rounds/${roundId}/appraisers`)).statusCode).toBe(403);
  });
});

describe('deadlines', () => {
  it('moved by the office with a reason reopen a stage that locked, audited as a reopening', async () => {
    try {
      t.setNow(new Date('2026-12-12T09:00:00+07:00'));
      const office = await t.login('cchc'); // a session of that day
      const url = `/api/assessment/rounds/${roundId}/deadlines`;
      const noReason = await office.send('PUT', url, { deadlines: { ...DEADLINES, selfEnd: '2026-12-14' }, reason: '' });
      expect(noReason.statusCode).toBe(400);
      const res = await office.send('PUT', url, {
        deadlines: { ...DEADLINES, selfEnd: '2026-12-14' },
        reason: 'Hội đồng đồng ý gia hạn do đơn vị sáp nhập.',
      });
      expect(res.json()).toEqual({ id: roundId, reopened: ['tự đánh giá (đến 14/12/2026)'] });
      expect(await audit('assessment.round.reopen')).toMatchObject({
        before: { selfEnd: '2026-12-10' },
        after: { selfEnd: '2026-12-14', reason: 'Hội đồng đồng ý gia hạn do đơn vị sáp nhập.' },
      });
      const focal = await t.login('daumoi.xa');
      expect((await focal.send('PUT', url, { deadlines: DEADLINES, reason: 'Không được phép' })).statusCode).toBe(403);
    } finally {
      t.setNow(null);
    }
  });
});

describe('publication', () => {
  it('waits until every unit has its final points, then shows the ranking on the public page, with the decision as DOCX', async () => {
    const refused = await office.send('POST', `/api/assessment/rounds/${roundId}/publish`, {
      decisionNumber: '300/QĐ-UBND',
      decisionDate: '2027-01-20',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toMatch(/^Chưa công bố được: \d+ đơn vị chưa được chốt điểm \(/);
    // The demo's rounds of last year are closed and published.
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/public/assessment?year=2025' });
    expect(anonymous.statusCode).toBe(200);
    const published = anonymous.json() as { roundId: number; unitGroup: string; decisionNumber: string; rows: Record<string, unknown>[] }[];
    expect(published.map((r) => [r.unitGroup, r.decisionNumber]).sort()).toEqual([
      ['commune', '216/QĐ-UBND'],
      ['department', '215/QĐ-UBND'],
    ]);
    const departments = published.find((r) => r.unitGroup === 'department')!;
    expect(departments.rows.length).toBeGreaterThanOrEqual(16);
    expect(Object.keys(departments.rows[0]!).sort()).toEqual(['band', 'index', 'rank', 'unitName']); // the announced result, no scores
    expect(departments.rows[0]!.rank).toBe(1);
    const again = await office.send('POST', `/api/assessment/rounds/${departments.roundId}/publish`, {
      decisionNumber: '215/QĐ-UBND',
      decisionDate: '2026-01-20',
    });
    expect(again.statusCode).toBe(409);
    const docx = await office.get(`/api/assessment/rounds/${departments.roundId}/decision.docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    const { unzipSync, strFromU8 } = await import('fflate');
    const xml = strFromU8(unzipSync(new Uint8Array(docx.rawPayload))['word/document.xml']!);
    for (const text of ['QUYẾT ĐỊNH', 'Số: 215/QĐ-UBND', 'Công bố Chỉ số cải cách hành chính năm 2025', 'Times New Roman', 'Sở Tài chính'])
      expect(xml).toContain(text);
    expect((await (await t.login('daumoi.stc')).get(`/api/assessment/rounds/${departments.roundId}/decision.docx`)).statusCode).toBe(403);
  });
});
