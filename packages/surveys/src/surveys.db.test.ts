/**
 * Surveys on the database: the contract (template → sample from the dossiers → publish → one answer per
 * token → results with margins), the reproducible draw, every channel (online, paper by code with a second
 * keying, interview synced twice and stored once, kiosk), quality control and exclusions with their audit,
 * versions, scope, bad input, the metric, the demo surveys, and the rate limit per address.
 * The fixed clock: 23/11/2026.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '@cchc/server/testing';
import { SATISFACTION_ITEM_IDS } from './survey.templates';

let t: TestApp;
let office: TestClient;
let focal: TestClient;
let counter: TestClient;
let admin: TestClient;
let units: { key: string; resolved: number }[];
let address = 1;

const PERIOD = { from: '2026-03-01', to: '2026-06-30' };
const answer = (token: string, answers: Record<string, unknown>, from?: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/public/surveys/${token}/responses`,
    payload: { answers },
    remoteAddress: from ?? `10.7.${Math.floor(address / 250)}.${address++ % 250}`,
  });
const all = (v: number) => Object.fromEntries(SATISFACTION_ITEM_IDS.map((id) => [id, v]));
const audit = (action: string) =>
  t.db.db.selectFrom('auditLog').selectAll().where('action', '=', action).orderBy('id', 'desc').executeTakeFirst();

async function newSurvey(name: string) {
  const r = await office.send('POST', '/api/surveys/from-template', { template: 'sipas-1001', name, period: PERIOD });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as number;
}

beforeAll(async () => {
  t = await startTestApp();
  office = await t.login('cchc');
  focal = await t.login('daumoi.stc');
  counter = await t.login('motcua');
  admin = await t.login('admin');
  const stats = (await office.get(`/api/dossiers/stats?from=${PERIOD.from}&to=${PERIOD.to}&groupBy=unit`)).json();
  units = stats.filter((r: { resolved: number }) => r.resolved >= 30).slice(0, 2);
  expect(units).toHaveLength(2);
});
afterAll(() => t.close());

describe('the contract', () => {
  let id: number;
  let sample: { unitCode: string; population: number; sampleSize: number; tokens: string[] }[];

  it('samples each unit from the dossiers resolved in the period, n = ⌈N/(1+N·e²)⌉, one token per person', async () => {
    id = await newSurvey('Khảo sát hợp đồng');
    const r = await office.send('POST', `/api/surveys/${id}/sample`, { units: units.map((u) => u.key), marginOfError: 0.05, seed: 42 });
    expect(r.statusCode, r.body).toBe(200);
    sample = r.json().units;
    for (const [i, u] of units.entries()) {
      expect(sample[i]).toMatchObject({
        unitCode: u.key,
        population: u.resolved,
        sampleSize: Math.ceil(u.resolved / (1 + u.resolved * 0.0025)),
      });
      expect(sample[i]!.tokens.length).toBeGreaterThan(0);
      expect(sample[i]!.tokens.length).toBeLessThanOrEqual(sample[i]!.sampleSize);
      expect(new Set(sample[i]!.tokens).size).toBe(sample[i]!.tokens.length);
    }
    expect((await audit('survey.sample'))?.entityId).toBe(String(id));
  });

  it('draws the same dossiers again from the same seed (the draw can be audited)', async () => {
    const again = await newSurvey('Khảo sát kiểm tra hạt giống');
    await office.send('POST', `/api/surveys/${again}/sample`, { units: units.map((u) => u.key), marginOfError: 0.05, seed: 42 });
    const codes = async (sid: number) =>
      (await office.get(`/api/surveys/${sid}/tokens?pageSize=200&unit=${units[0]!.key}`))
        .json()
        .rows.map((x: { dossierCode: string }) => x.dossierCode);
    expect(await codes(again)).toEqual(await codes(id));
    const other = await newSurvey('Khảo sát hạt giống khác');
    await office.send('POST', `/api/surveys/${other}/sample`, { units: [units[0]!.key], marginOfError: 0.05, seed: 43 });
    expect(await codes(other)).not.toEqual(await codes(id));
  });

  it('answers a token once the survey is published, once only', async () => {
    const token = sample[0]!.tokens[0]!;
    expect((await t.app.inject({ url: `/api/public/surveys/${token}` })).statusCode).toBe(409);
    expect((await office.send('POST', `/api/surveys/${id}/publish`)).statusCode).toBe(204);
    const form = await t.app.inject({ url: `/api/public/surveys/${token}` });
    expect(form.statusCode).toBe(200);
    const scale = form.json().questions.filter((q: { type: string }) => q.type === 'scale5');
    expect(scale).toHaveLength(33);
    expect(scale[0]).toMatchObject({ id: 'C9_01', aspect: 'CS1', options: expect.arrayContaining([{ value: 5, label: 'Rất hài lòng' }]) });
    expect(form.json().title).toContain('hài lòng');
    const first = await answer(token, all(4));
    expect(first.statusCode, first.body).toBe(201);
    const second = await answer(token, all(2));
    expect(second.statusCode).toBe(409);
    expect(second.json().message).toContain('đã được trả lời');
    expect((await t.app.inject({ url: `/api/public/surveys/unknown-token` })).statusCode).toBe(404);
    const html = await t.app.inject({ url: `/khao-sat/${sample[0]!.tokens[1]}` });
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('<fieldset data-q="C9_33"');
    expect(html.body).toContain('lang="vi"');
  });

  it('computes the share satisfied, the mean and the margin of error per item, aspect and overall', async () => {
    // Unit 0: the token above answered all 4; three more: all 5, all 2, and 1 on the first item only.
    const tokens = sample[0]!.tokens;
    expect((await answer(tokens[1]!, all(5))).statusCode).toBe(201);
    expect((await answer(tokens[2]!, all(2))).statusCode).toBe(201);
    expect((await answer(tokens[3]!, { C9_01: 1 })).statusCode).toBe(201);
    const r = (await office.get(`/api/surveys/${id}/results?unit=${units[0]!.key}`)).json();
    expect(r.valid).toBe(4);
    const item1 = r.items.find((i: { id: string }) => i.id === 'C9_01');
    // Answers 4, 5, 2, 1: two satisfied of four; mean 3; margin 1,96·√(0,25/4) = 0,49.
    expect(item1).toMatchObject({ n: 4, satisfiedShare: 0.5, mean: 3, marginOfError: 0.49, reliable: false });
    const item2 = r.items.find((i: { id: string }) => i.id === 'C9_02');
    expect(item2).toMatchObject({ n: 3, satisfiedShare: 0.6667, mean: 3.667 });
    const p = 2 / 3;
    expect(item2.marginOfError).toBeCloseTo(1.96 * Math.sqrt((p * (1 - p)) / 3), 3);
    const dv = r.aspects.find((a: { id: string }) => a.id === 'DV1');
    expect(dv).toMatchObject({ n: 3, answers: 12, satisfiedShare: 0.6667 });
    expect(r.aspects).toHaveLength(9);
    expect(r.overall.n).toBe(4);
    expect(r.overall.definition).toContain('trung bình cộng');
    // Overall = mean of the aspects' shares: CS1 has 2 of 4 on item 1 and 2 of 3 on item 2 (4/7), the others 2/3.
    const expected = (4 / 7 + 8 * (2 / 3)) / 9;
    expect(r.overall.satisfiedShare).toBeCloseTo(expected, 3);
    // The other unit has no answers.
    const empty = (await office.get(`/api/surveys/${id}/results?unit=${units[1]!.key}`)).json();
    expect(empty).toMatchObject({ valid: 0, overall: { n: 0, satisfiedShare: null } });
  });

  it('refuses a wrong answer with the question named, and a bad sample request with the field', async () => {
    const bad = await answer(sample[1]!.tokens[0]!, { C9_05: 7 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/^Câu "C9_05" .*"7" không phải phương án nào/);
    const e = await office.send('POST', `/api/surveys/${id}/sample`, { units: [units[1]!.key], marginOfError: 0 });
    expect(e.statusCode).toBe(400);
    expect(e.json().message).toContain('Sai số cho phép');
    const unknown = await office.send('POST', `/api/surveys/${id}/sample`, { units: ['99999'] });
    expect(unknown.json().message).toContain('"99999"');
    const redraw = await office.send('POST', `/api/surveys/${id}/sample`, { units: [units[0]!.key], seed: 1 });
    expect(redraw.statusCode).toBe(409);
    const period = await office.send('POST', '/api/surveys/from-template', {
      template: 'sipas-1001',
      name: 'X',
      period: { from: '2026-06-01', to: '2026-05-01' },
    });
    expect(period.statusCode).toBe(400);
    expect(period.json().message).toContain('ngày kết thúc 2026-05-01 trước ngày bắt đầu 2026-06-01');
  });
});

describe('channels, quality control and versions', () => {
  let id: number;
  let unit: string;

  beforeAll(async () => {
    id = await newSurvey('Khảo sát các kênh');
    unit = units[0]!.key;
    await office.send('POST', `/api/surveys/${id}/sample`, { units: [unit], marginOfError: 0.05, seed: 5 });
    await office.send('POST', `/api/surveys/${id}/publish`);
  });

  it('keys a paper form by its code, refuses it twice, and measures keying errors from a second keying by someone else', async () => {
    const tokens = (await office.get(`/api/surveys/${id}/tokens?unit=${unit}&pageSize=5`)).json().rows;
    const code = tokens[0].paperCode as string;
    const lookup = (await office.get(`/api/surveys/paper/${code.toLowerCase().replace('-', ' ')}`)).json();
    expect(lookup).toMatchObject({ surveyId: id, unitCode: unit, status: 'issued' });
    const r = await office.send('POST', `/api/surveys/${id}/responses`, { channel: 'paper', paperCode: code, answers: all(4) });
    expect(r.statusCode, r.body).toBe(201);
    const again = await office.send('POST', `/api/surveys/${id}/responses`, { channel: 'paper', paperCode: code, answers: all(4) });
    expect(again.statusCode).toBe(409);
    const self = await office.send('POST', `/api/surveys/responses/${r.json().id}/double-entry`, { answers: all(4) });
    expect(self.statusCode).toBe(400);
    const second = await admin.send('POST', `/api/surveys/responses/${r.json().id}/double-entry`, { answers: { ...all(4), C9_03: 5 } });
    expect(second.json()).toEqual({ fields: 33, mismatches: 1, differing: ['C9_03'] });
    const q = (await office.get(`/api/surveys/${id}/quality`)).json();
    expect(q.keying).toMatchObject({ paperForms: 1, doubleKeyed: 1, fields: 33, mismatches: 1 });
    expect(q.keying.errorRate).toBeCloseTo(3.03, 2);
  });

  it('stores an offline interview once however many times it is synced, with the interviewer', async () => {
    const item = { channel: 'interview', unitCode: unit, clientId: 'offline-0001-abcd', answers: all(3), durationS: 420 };
    const first = await office.send('POST', `/api/surveys/${id}/responses/sync`, {
      items: [item, { ...item, clientId: 'offline-0002-abcd', answers: { C9_01: 9 } }],
    });
    expect(first.json().results.map((x: { status: string }) => x.status)).toEqual(['created', 'error']);
    expect(first.json().results[1].message).toMatch(/^Phiếu thứ 2: Câu "C9_01"/);
    const again = await office.send('POST', `/api/surveys/${id}/responses/sync`, { items: [item] });
    expect(again.json().results[0]).toMatchObject({ status: 'duplicate', id: first.json().results[0].id });
    const rows = await t.db.db.selectFrom('surveyResponse').select(['interviewerId']).where('clientId', '=', 'offline-0001-abcd').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.interviewerId).not.toBeNull();
    const q = (await office.get(`/api/surveys/${id}/quality`)).json();
    expect(q.interviewers[0]).toMatchObject({ responses: 1, straightLine: 1 });
  });

  it('takes one rating at the counter kiosk for the officer’s unit, without a code', async () => {
    const r = await counter.send('POST', `/api/surveys/${id}/responses`, { channel: 'kiosk', answers: { C9_23: 5, C9_28: 4 } });
    expect(r.statusCode, r.body).toBe(201);
    const withCode = await counter.send('POST', `/api/surveys/${id}/responses`, {
      channel: 'kiosk',
      paperCode: 'AAAA-BBBB',
      answers: { C9_23: 5 },
    });
    expect(withCode.statusCode).toBe(400);
  });

  it('flags straight-lining, excludes a response only with a reason (audited), and leaves it out of the results', async () => {
    const list = (await office.get(`/api/surveys/${id}/responses?flag=straight_line`)).json();
    expect(list.total).toBeGreaterThanOrEqual(1);
    const rid = list.rows[0].id;
    const before = (await office.get(`/api/surveys/${id}/results`)).json().valid;
    expect((await office.send('POST', `/api/surveys/responses/${rid}/exclusion`, { excluded: true, reason: '' })).statusCode).toBe(400);
    const ok = await office.send('POST', `/api/surveys/responses/${rid}/exclusion`, {
      excluded: true,
      reason: 'Phỏng vấn viên chọn thay người trả lời',
    });
    expect(ok.statusCode).toBe(204);
    expect((await office.get(`/api/surveys/${id}/results`)).json().valid).toBe(before - 1);
    const row = await audit('survey.response.exclude');
    expect(row).toMatchObject({ entityId: String(rid) });
    expect(row!.after).toMatchObject({ excluded: true, reason: 'Phỏng vấn viên chọn thay người trả lời' });
  });

  it('logs a non-response with its reason and counts it in the response rate', async () => {
    const token = (await office.get(`/api/surveys/${id}/tokens?unit=${unit}&status=issued&pageSize=1`)).json().rows[0];
    expect((await office.send('POST', `/api/surveys/${id}/tokens/${token.id}/status`, { status: 'refused' })).statusCode).toBe(400);
    expect(
      (await office.send('POST', `/api/surveys/${id}/tokens/${token.id}/status`, { status: 'refused', reason: 'Không muốn trả lời' }))
        .statusCode,
    ).toBe(204);
    const q = (await office.get(`/api/surveys/${id}/quality`)).json();
    expect(q.nonResponse.find((x: { status: string }) => x.status === 'refused').count).toBe(1);
    expect(q.responseRate).toBeCloseTo((q.answered / q.issued) * 100, 0);
  });

  it('freezes a published questionnaire: a change makes a new version, answers keep theirs', async () => {
    const detail = (await office.get(`/api/surveys/${id}`)).json();
    const def = detail.definition;
    def.sections[3].questions.push({
      id: 'C12',
      text: 'Ông/Bà có giới thiệu dịch vụ cho người khác?',
      type: 'single',
      options: [
        { value: 1, label: 'Có' },
        { value: 2, label: 'Không' },
      ],
    });
    const r = await office.send('PUT', `/api/surveys/${id}/questionnaire`, { definition: def, version: detail.version });
    expect(r.json()).toEqual({ version: 2, newVersion: true });
    const stale = await office.send('PUT', `/api/surveys/${id}/questionnaire`, { definition: def, version: 1 });
    expect(stale.statusCode).toBe(409);
    const versions = (await office.get(`/api/surveys/${id}`)).json().versions;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(versions[0].responses).toBeGreaterThan(0);
    expect(versions[1].responses).toBe(0);
  });
});

describe('scope and roles', () => {
  it('keeps the sample list to the office and results to the unit’s own scope', async () => {
    const demo = (await office.get('/api/surveys?status=closed')).json().rows[0];
    expect((await focal.get(`/api/surveys/${demo.id}/tokens`)).statusCode).toBe(403);
    const mine = (await focal.get('/api/auth/me')).json().unitCode;
    const other = units.find((u) => u.key !== mine)!.key;
    const res = await focal.get(`/api/surveys/${demo.id}/results?unit=${other}`);
    expect(res.statusCode).toBe(404);
    expect((await focal.send('POST', '/api/surveys/from-template', { template: 'sipas-1001', name: 'X', period: PERIOD })).statusCode).toBe(
      403,
    );
  });
});

describe('the demo and the metric', () => {
  it('has a finished survey with published results from every channel and an open one', async () => {
    const list = (await office.get('/api/surveys?q=đợt')).json().rows;
    const finished = list.find((x: { status: string }) => x.status === 'closed');
    const open = list.find((x: { status: string }) => x.status === 'published');
    expect(finished).toMatchObject({ resultsPublished: true });
    expect(open).toBeTruthy();
    const q = (await office.get(`/api/surveys/${finished.id}/quality`)).json();
    for (const c of ['online', 'paper', 'interview', 'kiosk'])
      expect(q.byChannel.find((x: { channel: string }) => x.channel === c).responses).toBeGreaterThan(0);
    expect(q.keying.doubleKeyed).toBeGreaterThan(0);
    const r = (await office.get(`/api/surveys/${finished.id}/results`)).json();
    expect(r.valid).toBeGreaterThan(100);
    expect(r.weighted.strata).toBeGreaterThan(1);
    const pub = await t.app.inject({ url: `/api/public/survey-results/${finished.id}` });
    expect(pub.json().overall.satisfiedShare).toBe(r.overall.satisfiedShare);
    expect((await t.app.inject({ url: `/api/public/survey-results/${open.id}` })).statusCode).toBe(404);
    // The public list and the trend read each survey as its own results page does (one list query, not one per survey).
    const listed = (await t.app.inject({ url: '/api/public/survey-results' })).json();
    expect(listed.map((x: { id: number }) => x.id)).toEqual([finished.id]);
    expect(listed[0]).toMatchObject({ name: finished.name, valid: r.valid, overall: { satisfiedShare: r.overall.satisfiedShare } });
    const trend = (await office.get(`/api/surveys/trend?template=${finished.template}`)).json();
    expect(trend.map((x: { surveyId: number }) => x.surveyId)).toContain(finished.id);
    expect(trend.find((x: { surveyId: number }) => x.surveyId === finished.id)).toMatchObject({
      valid: r.valid,
      satisfiedShare: r.overall.satisfiedShare,
    });
    const xlsx = await office.get(`/api/surveys/${finished.id}/results.xlsx`);
    expect([xlsx.statusCode, xlsx.rawPayload.subarray(0, 2).toString()]).toEqual([200, 'PK']);
    const docx = await office.get(`/api/surveys/${finished.id}/results.docx`);
    expect([docx.statusCode, docx.rawPayload.subarray(0, 2).toString()]).toEqual([200, 'PK']);
    const unitCode = r.perUnit[0].unitCode;
    const pdf = await office.get(`/api/surveys/${open.id}/forms.pdf?unit=${unitCode}`);
    expect([pdf.statusCode, pdf.headers['content-type'], pdf.rawPayload.subarray(0, 5).toString()]).toEqual([
      200,
      'application/pdf',
      '%PDF-',
    ]);
    const m = (await office.get('/api/metrics/surveys.satisfaction?from=2026-01-01&to=2026-12-31')).json();
    expect(m[0].value).toBeCloseTo(r.overall.satisfiedShare * 100, 1);
    expect(m[0].denominator).toBe(r.valid);
  });
});

describe('the rate limit', () => {
  it('refuses a flood from one address without blocking another', async () => {
    const id = await newSurvey('Khảo sát giới hạn');
    const s = (await office.send('POST', `/api/surveys/${id}/sample`, { units: [units[1]!.key], seed: 9 })).json().units[0];
    await office.send('POST', `/api/surveys/${id}/publish`);
    const codes = [];
    for (let i = 0; i < 32; i++) codes.push((await answer(s.tokens[i % s.tokens.length], { C9_01: 4 }, '10.9.9.9')).statusCode);
    expect(codes.filter((c) => c === 429).length).toBeGreaterThan(0);
    expect((await answer(s.tokens.at(-1), { C9_01: 4 }, '10.9.9.10')).statusCode).toBe(201);
  });
});
