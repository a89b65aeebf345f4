/**
 * Initiatives on the database: the contract (register → coverage), the workflow from draft to the
 * council's decision with each member's score, the award used once, adoption and the effect read from the
 * metrics registry, the public catalogue, scope, and the audit trail. The fixed clock: 23/11/2026.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReminders } from '@cchc/core';
import { startTestApp, type TestApp, type TestClient } from '@cchc/server/testing';
import { initiativesModule } from './index';

let t: TestApp;
let office: TestClient;
let focal: TestClient;
let head: TestClient;
let council: TestClient;

const audit = (action: string) =>
  t.db.db.selectFrom('auditLog').selectAll().where('action', '=', action).orderBy('id', 'desc').executeTakeFirst();
const FULL = {
  problem: 'Người dân chờ lâu tại Bộ phận Một cửa vào đầu tuần.',
  solution: 'Hẹn giờ nộp hồ sơ qua Zalo, phân luồng theo lĩnh vực.',
  area: 'procedures',
  startedOn: '2026-03-01',
};

beforeAll(async () => {
  t = await startTestApp();
  office = await t.login('cchc');
  focal = await t.login('daumoi.stc');
  head = await t.login('giamdoc.stc');
  council = await t.login('thamdinh');
});
afterAll(() => t.close());

describe('the contract', () => {
  it('counts a unit with an initiative registered in the year and names the others', async () => {
    const before = (await office.get('/api/initiatives/coverage?year=2026')).json();
    expect(before.units).toBeGreaterThan(100);
    expect(before.withInitiative + before.without.length).toBe(before.units);
    const target = before.without[0];
    const r = await office.send('POST', '/api/initiatives', {
      unitCode: target.unitCode,
      year: 2026,
      title: 'Hẹn giờ nộp hồ sơ qua Zalo',
      summary: 'Người dân đặt lịch nộp hồ sơ, giảm thời gian chờ.',
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toEqual({ id: expect.any(Number), code: expect.stringMatching(/^SK\.2026\.\d{3}$/) });
    const after = (await office.get('/api/initiatives/coverage?year=2026')).json();
    expect(after.withInitiative).toBe(before.withInitiative + 1);
    expect(after.without.map((u: { unitCode: string }) => u.unitCode)).not.toContain(target.unitCode);
    const m = (await office.get('/api/metrics/initiatives.registered?from=2026-01-01&to=2026-12-31')).json();
    expect(m[0]).toMatchObject({ numerator: after.withInitiative, denominator: after.units });
  });

  it('refuses bad input with a Vietnamese reason naming the field, and a unit outside the scope', async () => {
    const short = await focal.send('POST', '/api/initiatives', { year: 2026, title: 'Ab', summary: 'Tóm tắt đủ dài để hợp lệ.' });
    expect(short.statusCode).toBe(400);
    expect(short.json().message).toContain('"title"');
    const other = await focal.send('POST', '/api/initiatives', {
      unitCode: '86.SYT',
      year: 2026,
      title: 'Sáng kiến của đơn vị khác',
      summary: 'Tóm tắt đủ dài để hợp lệ.',
    });
    expect(other.statusCode).toBe(404);
    expect(other.json().message).toContain('unitCode');
  });
});

describe('from draft to recognition', () => {
  let id: number;
  it('lets the unit draft, refuses to send an incomplete one, and its head sends it', async () => {
    const r = await focal.send('POST', '/api/initiatives', {
      year: 2026,
      title: 'Một cửa sáng thứ Bảy tại Sở Tài chính',
      summary: 'Tiếp nhận hồ sơ sáng thứ Bảy cho người lao động.',
    });
    id = r.json().id;
    const early = await head.send('POST', `/api/initiatives/${id}/submit`, {});
    expect(early.statusCode).toBe(400);
    expect(early.json().message).toContain('"problem"');
    const v = (await focal.get(`/api/initiatives/${id}`)).json();
    expect(v.abilities.submit).toBe(false); // the focal point drafts; the head sends
    const edited = await focal.send('PATCH', `/api/initiatives/${id}`, { ...FULL, version: v.version });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await focal.send('POST', `/api/initiatives/${id}/submit`, {})).statusCode).toBe(403);
    const sent = await head.send('POST', `/api/initiatives/${id}/submit`, {});
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json().status).toBe('submitted');
  });

  it('returns with a note, then accepts; council members score; the office records the decision', async () => {
    expect((await office.send('POST', `/api/initiatives/${id}/return`, {})).statusCode).toBe(400);
    expect((await office.send('POST', `/api/initiatives/${id}/return`, { note: 'Bổ sung số liệu trước khi áp dụng.' })).json().status).toBe(
      'returned',
    );
    expect((await head.send('POST', `/api/initiatives/${id}/submit`, {})).json().status).toBe('submitted');
    expect((await office.send('POST', `/api/initiatives/${id}/accept`, {})).json().status).toBe('accepted');
    const early = await office.send('POST', `/api/initiatives/${id}/decision`, {
      recognised: true,
      level: 'unit',
      decisionNumber: '15/QĐ-SNV',
      decidedOn: '2026-11-20',
    });
    expect(early.statusCode).toBe(409);
    const over = await council.send('PUT', `/api/initiatives/${id}/scores`, [{ criterion: 'novelty', points: 35 }]);
    expect(over.statusCode).toBe(400);
    expect(over.json().message).toContain('30');
    const scored = await council.send('PUT', `/api/initiatives/${id}/scores`, [
      { criterion: 'novelty', points: 25 },
      { criterion: 'effect', points: 32 },
      { criterion: 'replicable', points: 15 },
      { criterion: 'feasible', points: 8 },
    ]);
    expect(scored.statusCode, scored.body).toBe(200);
    expect(scored.json().council).toMatchObject({ members: 1, total: 80, max: 100, suggested: 'province' });
    // The unit sees the council's result, not each member's points.
    expect((await focal.get(`/api/initiatives/${id}`)).json().memberScores).toEqual([]);
    expect((await focal.send('PUT', `/api/initiatives/${id}/scores`, [{ criterion: 'novelty', points: 30 }])).statusCode).toBe(403);
    const d = await office.send('POST', `/api/initiatives/${id}/decision`, {
      recognised: true,
      level: 'province',
      decisionNumber: '15/QĐ-UBND',
      decidedOn: '2026-11-20',
    });
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json()).toMatchObject({ status: 'recognised', level: 'province', levelLabel: 'Cấp tỉnh' });
    expect((await audit('initiative.decide'))?.after).toMatchObject({ status: 'recognised', councilTotal: 80 });
    for (const doc of ['decision.docx', 'certificate.docx']) {
      const r = await office.get(`/api/initiatives/${id}/${doc}`);
      expect(r.statusCode).toBe(200);
      expect(r.rawPayload.subarray(0, 2).toString()).toBe('PK');
    }
  });

  it('uses a recognised initiative for one award only', async () => {
    expect(
      (await office.send('POST', `/api/initiatives/${id}/award`, { note: 'Căn cứ xét Chiến sĩ thi đua cơ sở 2026' })).json().awardUsed,
    ).toBe(true);
    const again = await office.send('POST', `/api/initiatives/${id}/award`, { note: 'Bằng khen của Chủ tịch UBND tỉnh' });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('một lần');
  });

  it('records adopting units and compares their figures before and after from the metrics registry', async () => {
    const a = await office.send('POST', `/api/initiatives/${id}/adoptions`, { unitCode: '86.SYT', adoptedOn: '2026-06-01' });
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json().adopters).toEqual([expect.objectContaining({ unitCode: '86.SYT', adoptedOn: '2026-06-01' })]);
    const e = (await office.get(`/api/initiatives/${id}/effect`)).json();
    expect(e.units.map((u: { unitCode: string; role: string }) => [u.unitCode, u.role])).toEqual([
      ['86.STC', 'owner'],
      ['86.SYT', 'adopter'],
    ]);
    const owner = e.units[0];
    expect(owner.before).toEqual({ from: '2025-03-01', to: '2026-02-28' });
    expect(owner.after).toEqual({ from: '2026-03-01', to: '2026-11-23' });
    const dossiers = owner.figures.find((f: { key: string }) => f.key === 'dossiers.onTimeRate');
    const direct = (await office.get('/api/metrics/dossiers.onTimeRate?from=2026-03-01&to=2026-11-23&unit=86.STC')).json()[0].value;
    expect(dossiers.after).toBe(direct);
    // A unit sees the figures of its own unit only.
    const mine = (await focal.get(`/api/initiatives/${id}/effect`)).json();
    expect(mine.units.map((u: { unitCode: string }) => u.unitCode)).toEqual(['86.STC']);
  });

  it('shows recognised initiatives in the public catalogue without internal details, and hides the others', async () => {
    const pub = await t.app.inject({ method: 'GET', url: '/api/public/initiatives?q=' + encodeURIComponent('thứ Bảy tại Sở Tài chính') });
    expect(pub.statusCode).toBe(200);
    expect(pub.json().items.map((i: { id: number }) => i.id)).toContain(id);
    const one = (await t.app.inject({ method: 'GET', url: `/api/public/initiatives/${id}` })).json();
    expect(one.title).toContain('thứ Bảy');
    expect(one).not.toHaveProperty('memberScores');
    expect(one).not.toHaveProperty('awardNote');
    const draft = await focal.send('POST', '/api/initiatives', {
      year: 2026,
      title: 'Sáng kiến còn đang soạn',
      summary: 'Chưa gửi, không công khai.',
    });
    expect((await t.app.inject({ method: 'GET', url: `/api/public/initiatives/${draft.json().id}` })).statusCode).toBe(404);
    // Another unit's draft is not visible to a commune; a recognised one is.
    const commune = await t.login('daumoi.xa');
    expect((await commune.get(`/api/initiatives/${draft.json().id}`)).statusCode).toBe(404);
    expect((await commune.get(`/api/initiatives/${id}`)).statusCode).toBe(200);
  });
});

describe('reminders', () => {
  it('in the weeks before 30 November, tells the units with no initiative (not the others) and the office once', async () => {
    await runReminders(t.app.services, [initiativesModule], { remindDays: 3, email: false });
    const without = new Set(
      ((await office.get('/api/initiatives/coverage?year=2026')).json().without as { unitCode: string }[]).map((u) => u.unitCode),
    );
    const users = await t.db.db
      .selectFrom('appUser as u')
      .innerJoin('unit as un', 'un.id', 'u.unitId')
      .innerJoin('userRole as r', 'r.userId', 'u.id')
      .leftJoin('notification as n', (j) => j.onRef('n.userId', '=', 'u.id').on('n.kind', '=', 'initiative.missing'))
      .select(['u.username', 'un.code', 'n.id as notified'])
      .where('r.role', 'in', ['unit_head', 'focal_point'])
      .execute();
    expect(users.length).toBeGreaterThan(0);
    for (const u of users) expect(!!u.notified, `${u.username} (${u.code})`).toBe(without.has(u.code));
    const digest = () =>
      t.db.db
        .selectFrom('notification as n')
        .innerJoin('appUser as u', 'u.id', 'n.userId')
        .select('n.title')
        .where('u.username', '=', 'cchc')
        .where('n.kind', '=', 'initiative.coverage')
        .execute();
    expect(await digest()).toHaveLength(1);
    await runReminders(t.app.services, [initiativesModule], { remindDays: 3, email: false });
    expect(await digest()).toHaveLength(1);
  });
});
