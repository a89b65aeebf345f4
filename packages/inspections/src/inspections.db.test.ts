/**
 * Inspections on the database: the contract (plan, visit, finding → task in the unit's task list,
 * coverage), the sealed unannounced draw, the checklist sync, conclusion documents, verification and the
 * remediation metric, repeated findings, scope, and the audit trail. The fixed clock: Monday 23/11/2026.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReminders } from '@cchc/core';
import { startTestApp, type TestApp, type TestClient } from '@cchc/server/testing';
import { inspectionsModule } from './index';
import { drawUnits } from './inspections.domain';

let t: TestApp;
let office: TestClient;
let commune: TestClient;
let stc: TestClient;
let firstCommune: string;
let planId: number;

const audit = (action: string) =>
  t.db.db.selectFrom('auditLog').selectAll().where('action', '=', action).orderBy('id', 'desc').executeTakeFirst();

beforeAll(async () => {
  t = await startTestApp();
  office = await t.login('cchc');
  commune = await t.login('daumoi.xa');
  stc = await t.login('daumoi.stc');
  const u = await t.db.db
    .selectFrom('appUser as a')
    .innerJoin('unit as u', 'u.id', 'a.unitId')
    .select('u.code')
    .where('a.username', '=', 'daumoi.xa')
    .executeTakeFirstOrThrow();
  firstCommune = u.code;
  const plan = await office.send('POST', '/api/inspections/plans', { year: 2026, name: 'Kế hoạch kiểm tra bổ sung năm 2026', target: 0.3 });
  expect(plan.statusCode, plan.body).toBe(201);
  planId = plan.json().id;
});
afterAll(() => t.close());

describe('the contract', () => {
  it('counts a unit as inspected once a visit on or before today is held, and lists the others', async () => {
    const before = (await office.get('/api/inspections/coverage?year=2026')).json();
    expect(before.units).toBeGreaterThan(100); // 16 departments and agencies + the communes of the demo province
    expect(before.target).toBe(0.3);
    const candidate = before.uninspected.find(
      (u: { unitCode: string; scheduled: boolean }) => !u.scheduled && u.unitCode.startsWith('86.S'),
    );
    expect(candidate).toBeTruthy();
    const future = await office.send('POST', '/api/inspections', {
      planId,
      unitCode: candidate.unitCode,
      date: '2026-12-10',
      kind: 'planned',
    });
    expect(future.statusCode, future.body).toBe(201);
    expect((await office.get('/api/inspections/coverage?year=2026')).json().inspected).toBe(before.inspected);
    const held = await office.send('POST', '/api/inspections', {
      planId,
      unitCode: candidate.unitCode,
      date: '2026-11-20',
      kind: 'planned',
    });
    expect(held.statusCode).toBe(201);
    const after = (await office.get('/api/inspections/coverage?year=2026')).json();
    expect(after.inspected).toBe(before.inspected + 1);
    expect(after.share).toBeCloseTo(after.inspected / after.units, 4);
    expect(after.uninspected.map((u: { unitCode: string }) => u.unitCode)).not.toContain(candidate.unitCode);
    expect(after.uninspected).toHaveLength(after.units - after.inspected);
  });

  it('turns a finding into a task the unit sees in its task list, with the report workflow', async () => {
    const visit = await office.send('POST', '/api/inspections', {
      planId,
      unitCode: '86.STC',
      date: '2026-11-19',
      kind: 'thematic',
      areas: ['procedures'],
    });
    const id = visit.json().id;
    const f = await office.send('POST', `/api/inspections/${id}/findings`, {
      text: 'Chưa niêm yết đầy đủ thủ tục hành chính tại Bộ phận Một cửa',
      severity: 'major',
      dueDate: '2026-12-31',
    });
    expect(f.statusCode, f.body).toBe(201);
    expect(f.json()).toEqual({ id: expect.any(Number), taskId: expect.any(Number), repeated: false });
    const tasks = await stc.get('/api/tasks?limit=200&q=' + encodeURIComponent('niêm yết đầy đủ'));
    expect(tasks.statusCode, tasks.body).toBe(200);
    expect(tasks.json().rows.map((x: { id: number }) => x.id)).toContain(f.json().taskId);
    // Another unit does not see it.
    const other = await commune.get('/api/tasks?limit=200&q=' + encodeURIComponent('niêm yết đầy đủ'));
    expect(other.json().rows.map((x: { id: number }) => x.id)).not.toContain(f.json().taskId);
    const row = await audit('inspection.finding.create');
    expect(row?.actorUsername).toBe('cchc');
    expect(row?.after).toMatchObject({ severity: 'major', dueDate: '2026-12-31' });
  });

  it('refuses bad input with a Vietnamese reason naming the field', async () => {
    const noUnit = await office.send('POST', '/api/inspections', { planId, unitCode: '99.XYZ', date: '2026-11-19', kind: 'planned' });
    expect(noUnit.statusCode).toBe(404);
    expect(noUnit.json().message).toContain('unitCode');
    const wrongYear = await office.send('POST', '/api/inspections', { planId, unitCode: '86.STC', date: '2025-11-19', kind: 'planned' });
    expect(wrongYear.statusCode).toBe(400);
    expect(wrongYear.json().message).toContain('2026');
    const visit = (
      await office.send('POST', '/api/inspections', { planId, unitCode: '86.STP', date: '2026-11-18', kind: 'planned' })
    ).json().id;
    const pastDue = await office.send('POST', `/api/inspections/${visit}/findings`, {
      text: 'Báo cáo CCHC quý gửi chậm so với quy định',
      severity: 'minor',
      dueDate: '2026-11-01',
    });
    expect(pastDue.statusCode).toBe(400);
    expect(pastDue.json().message).toContain('"dueDate"');
    const sev = await office.send('POST', `/api/inspections/${visit}/findings`, {
      text: 'Báo cáo CCHC quý gửi chậm so với quy định',
      severity: 'rất nặng',
      dueDate: '2026-12-20',
    });
    expect(sev.statusCode).toBe(400);
    expect(sev.json().message).toContain('"severity"');
  });

  it('lets only the office plan and schedule; a unit cannot', async () => {
    expect((await commune.send('POST', '/api/inspections/plans', { year: 2026, name: 'Kế hoạch của xã' })).statusCode).toBe(403);
    expect(
      (await stc.send('POST', '/api/inspections', { planId, unitCode: '86.STC', date: '2026-11-19', kind: 'planned' })).statusCode,
    ).toBe(403);
  });
});

describe('unannounced visits', () => {
  it('draws from a recorded seed, reproducibly, and keeps the visit sealed from the unit until its day', async () => {
    const draw = await office.send('POST', `/api/inspections/plans/${planId}/draw`, { count: 2, date: '2026-12-15' });
    expect(draw.statusCode, draw.body).toBe(201);
    const chosen = draw.json().chosen as { unitCode: string; inspectionId: number }[];
    expect(chosen).toHaveLength(2);
    const draws = (await office.get(`/api/inspections/plans/${planId}/draws`)).json();
    expect(draws[0]).toMatchObject({ reproducible: true, seed: expect.stringMatching(/^[0-9a-f]{32}$/) });
    const stored = await t.db.db.selectFrom('inspectionDraw').selectAll().where('id', '=', draw.json().drawId).executeTakeFirstOrThrow();
    expect(drawUnits(stored.pool.map(Number), stored.seed, 2)).toEqual(stored.chosen.map(Number));
    // The units' people do not see the draws, nor the visit before its day.
    expect((await commune.get(`/api/inspections/plans/${planId}/draws`)).statusCode).toBe(403);
    const sealedId = chosen[0]!.inspectionId;
    const unitCode = chosen[0]!.unitCode;
    const unitUser = await t.db.db
      .selectFrom('appUser as a')
      .innerJoin('unit as u', 'u.id', 'a.unitId')
      .select('a.username')
      .where('u.code', '=', unitCode)
      .executeTakeFirst();
    if (unitUser) {
      const c = await t.login(unitUser.username);
      expect((await c.get(`/api/inspections/${sealedId}`)).statusCode).toBe(404);
      expect((await c.get('/api/inspections?year=2026&limit=200')).json().items.map((i: { id: number }) => i.id)).not.toContain(sealedId);
    }
    const admin = await t.login('lanhdao');
    expect((await admin.get(`/api/inspections/${sealedId}`)).statusCode).toBe(404);
    expect((await office.get(`/api/inspections/${sealedId}`)).statusCode).toBe(200);
  });
});

describe('the visit to the end', () => {
  it('saves the checklist once per version (a retried sync is not applied twice), concludes and writes the documents', async () => {
    const id = (
      await office.send('POST', '/api/inspections', {
        planId,
        unitCode: '86.SCT',
        date: '2026-11-20',
        kind: 'planned',
        areas: ['procedures', 'discipline'],
      })
    ).json().id;
    const v = (await office.get(`/api/inspections/${id}`)).json();
    expect(v.checks.map((c: { itemCode: string }) => c.itemCode)).toEqual(['TT1', 'TT2', 'TT3', 'TT4', 'KL1', 'KL2']);
    const results = v.checks.map((c: { itemCode: string }) => ({
      itemCode: c.itemCode,
      result: c.itemCode === 'TT3' ? 'fail' : 'pass',
      note: null,
    }));
    const saved = await office.send('PUT', `/api/inspections/${id}/checklist`, { version: v.version, results });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().version).toBe(v.version + 1);
    const retry = await office.send('PUT', `/api/inspections/${id}/checklist`, { version: v.version, results });
    expect(retry.statusCode).toBe(200);
    expect(retry.json().version).toBe(v.version + 1);
    const stale = await office.send('PUT', `/api/inspections/${id}/checklist`, {
      version: v.version,
      results: [{ itemCode: 'TT1', result: 'fail' }],
    });
    expect(stale.statusCode).toBe(409);
    const done = await office.send('POST', `/api/inspections/${id}/conclude`, {
      version: saved.json().version,
      recordText: 'Đoàn kiểm tra hồ sơ tại Bộ phận Một cửa, làm việc với lãnh đạo Sở.',
      conclusion: 'Sở đã triển khai kế hoạch CCHC; còn hồ sơ quá hạn chưa gửi phiếu xin lỗi.',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().status).toBe('concluded');
    for (const doc of ['record.docx', 'conclusion.docx']) {
      const r = await office.get(`/api/inspections/${id}/${doc}`);
      expect(r.statusCode).toBe(200);
      expect(r.rawPayload.subarray(0, 2).toString()).toBe('PK');
    }
    const xlsx = await office.get('/api/inspections/report.xlsx?year=2026');
    expect(xlsx.statusCode).toBe(200);
  });

  it('marks a finding repeated at the next inspection, verifies remedies and moves the remediation rate', async () => {
    const first = (
      await office.send('POST', '/api/inspections', {
        planId,
        unitCode: '86.SXD',
        date: '2026-03-10',
        kind: 'planned',
        areas: ['procedures'],
      })
    ).json().id;
    t.setNow(new Date('2026-03-10T09:00:00+07:00'));
    const a = (
      await office.send('POST', `/api/inspections/${first}/findings`, {
        text: 'Còn hồ sơ quá hạn chưa gửi phiếu xin lỗi',
        severity: 'minor',
        dueDate: '2026-04-30',
        itemCode: 'TT3',
      })
    ).json();
    t.setNow(null);
    const metric = async () =>
      (await office.get('/api/metrics/inspections.remediationRate?from=2026-01-01&to=2026-12-31&unit=86.SXD')).json();
    const m0 = await metric();
    const point = (m: { value: number | null; numerator: number; denominator: number }[]) => m[0]!;
    const p0 = point(m0);
    const ok = await office.send('POST', `/api/inspections/findings/${a.id}/verify`, { remedied: true });
    expect(ok.statusCode, ok.body).toBe(204);
    // The finding was due in April: it counted from the start; verified, it counts as remedied.
    expect(point(await metric())).toMatchObject({ numerator: p0.numerator + 1, denominator: p0.denominator });
    const second = (
      await office.send('POST', '/api/inspections', {
        planId,
        unitCode: '86.SXD',
        date: '2026-11-20',
        kind: 'planned',
        areas: ['procedures'],
      })
    ).json().id;
    const b = await office.send('POST', `/api/inspections/${second}/findings`, {
      text: 'Hồ sơ quá hạn vẫn chưa gửi phiếu xin lỗi người dân',
      severity: 'major',
      dueDate: '2026-12-31',
      itemCode: 'TT3',
    });
    expect(b.json().repeated).toBe(true);
    const list = (await office.get('/api/inspections/findings?year=2026&unit=86.SXD&repeated=true')).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0].state).toBe('in_progress');
    const no = await office.send('POST', `/api/inspections/findings/${b.json().id}/verify`, { remedied: false });
    expect(no.statusCode).toBe(400);
    expect(no.json().message).toContain('"note"');
    expect((await audit('inspection.finding.verify'))?.before).toMatchObject({ status: 'open' });
  });

  it('publishes coverage through the metrics registry', async () => {
    const m = (await office.get('/api/metrics/inspections.covered?from=2026-01-01&to=2026-12-31')).json();
    const cov = (await office.get('/api/inspections/coverage?year=2026')).json();
    expect(m[0]).toMatchObject({ numerator: cov.inspected, denominator: cov.units });
  });

  it('suggests units by risk from the other modules’ figures', async () => {
    const r = await office.get('/api/inspections/risk?year=2026&limit=10');
    expect(r.statusCode, r.body).toBe(200);
    const items = r.json().items;
    expect(items).toHaveLength(10);
    expect(items[0].score).toBeGreaterThanOrEqual(items[9].score);
    expect(items.some((i: { dossierOnTime: number | null }) => i.dossierOnTime !== null)).toBe(true);
    // Last year's published internal index (assessment.index, through the registry).
    const all = (await office.get('/api/inspections/risk?year=2026&limit=200')).json().items;
    expect(all.filter((i: { internalIndex: number | null }) => i.internalIndex !== null).length).toBeGreaterThan(10);
    expect((await commune.get('/api/inspections/risk?year=2026')).statusCode).toBe(403);
  });

  it('shows a commune only its own inspections and findings', async () => {
    const list = (await commune.get('/api/inspections?year=2026&limit=200')).json();
    expect(list.items.every((i: { unitCode: string }) => i.unitCode === firstCommune)).toBe(true);
    const findings = (await commune.get('/api/inspections/findings?year=2026&limit=200')).json();
    expect(findings.items.every((i: { unitCode: string }) => i.unitCode === firstCommune)).toBe(true);
    const stcVisit = (await office.get('/api/inspections?unit=86.STC&year=2026')).json().items[0].id;
    expect((await commune.get(`/api/inspections/${stcVisit}`)).statusCode).toBe(404);
  });
});

describe('reminders', () => {
  it('tells each unit about its overdue remedies and the office once a day, in one digest', async () => {
    const mine = (username: string, kind: string) =>
      t.db.db
        .selectFrom('notification as n')
        .innerJoin('appUser as u', 'u.id', 'n.userId')
        .select(['n.title', 'n.subjectId'])
        .where('u.username', '=', username)
        .where('n.kind', 'like', kind)
        .execute();
    await runReminders(t.app.services, [inspectionsModule], { remindDays: 3, email: false });
    const digest = await mine('cchc', 'inspection.findings.digest');
    expect(digest).toHaveLength(1);
    expect(digest[0]!.title).toMatch(/^\d+ kiến nghị sau kiểm tra quá hạn khắc phục$/);
    // A remedy of Sở Tài chính due in October, still open.
    const visit = (
      await office.send('POST', '/api/inspections', { planId, unitCode: '86.STC', date: '2026-10-01', kind: 'planned' })
    ).json().id;
    t.setNow(new Date('2026-10-01T10:00:00+07:00'));
    const late = (
      await office.send('POST', `/api/inspections/${visit}/findings`, {
        text: 'Chưa công khai đầy đủ thủ tục hành chính tại quầy',
        severity: 'minor',
        dueDate: '2026-10-20',
      })
    ).json();
    t.setNow(null);
    await runReminders(t.app.services, [inspectionsModule], { remindDays: 3, email: false });
    const told = await mine('daumoi.stc', 'inspection.finding.overdue');
    expect(told.map((n) => Number(n.subjectId))).toContain(late.id);
    await runReminders(t.app.services, [inspectionsModule], { remindDays: 3, email: false });
    expect(await mine('cchc', 'inspection.findings.digest')).toHaveLength(1);
  });
});
