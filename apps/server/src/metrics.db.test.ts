/**
 * The metrics registry as modules use it: the published measures agree with the modules' own pages, the
 * caller's unit scope applies, and a module reaches another's figures only through it. The scheduler
 * runs every module's reminder sources once per (user, kind, subject, period).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineModule, runReminders, type AppServices, type ReminderSource } from '@cchc/core';
import { dossiersModule } from '@cchc/dossiers';
import { indicesModule } from '@cchc/indices';
import { startTestApp, type TestApp, type TestClient } from './testing';

let t: TestApp;
let office: TestClient;
const range = 'from=2026-01-01&to=2026-11-23';

beforeAll(async () => {
  t = await startTestApp();
  office = await t.login('cchc');
});
afterAll(() => t.close());

describe('metrics registry', () => {
  it('lists the measures the installed modules publish', async () => {
    const keys = (await office.get('/api/metrics/catalogue')).json().map((m: { key: string }) => m.key);
    expect(keys).toEqual([
      'assessment.index',
      'dossiers.apologyCompliance',
      'dossiers.onTimeRate',
      'feedback.classifiedRate',
      'feedback.onTimeRate',
      'feedback.satisfaction',
      'indices.officialResult',
      'initiatives.recognised',
      'initiatives.registered',
      'inspections.covered',
      'inspections.remediationRate',
      'surveys.satisfaction',
      'tasks.byIndexComponent',
      'tasks.onTimeRate',
    ]);
  });

  it('gives the dossier on-time rate the dossier statistics give, per unit and for the province', async () => {
    const rows = (await office.get(`/api/dossiers/stats?${range}&groupBy=unit`)).json() as {
      key: string;
      resolved: number;
      early: number;
      onTime: number;
    }[];
    const byUnit = (await office.get(`/api/metrics/dossiers.onTimeRate?${range}&byUnit=true`)).json() as {
      key: string;
      numerator: number;
      denominator: number;
      value: number | null;
    }[];
    expect(byUnit.map((p) => p.key)).toEqual(rows.map((r) => r.key));
    for (const r of rows) {
      const p = byUnit.find((x) => x.key === r.key)!;
      expect([p.numerator, p.denominator]).toEqual([r.early + r.onTime, r.resolved]);
    }
    const [province] = (await office.get(`/api/metrics/dossiers.onTimeRate?${range}`)).json();
    const good = rows.reduce((a, r) => a + r.early + r.onTime, 0);
    const resolved = rows.reduce((a, r) => a + r.resolved, 0);
    expect(province).toMatchObject({ key: '86', numerator: good, denominator: resolved });
    expect(province.value).toBe(Math.round((good / resolved) * 1000) / 10);
    expect(province.link).toContain('/dossiers?');
  });

  it('measures the on-time rate of task reports per lead unit, from what was accepted by its due date', async () => {
    const points = (await office.get(`/api/metrics/tasks.onTimeRate?${range}&byUnit=true`)).json();
    expect(points.length).toBeGreaterThan(5);
    for (const p of points) {
      expect(p.numerator).toBeLessThanOrEqual(p.parts.done);
      expect(p.parts.done + p.parts.overdue).toBeLessThanOrEqual(p.denominator);
    }
    const [all] = (await office.get(`/api/metrics/tasks.onTimeRate?${range}`)).json();
    expect(all.denominator).toBe(points.reduce((a: number, p: { denominator: number }) => a + p.denominator, 0));
  });

  it('gives one value per unit and period in the shape the internal index reads', async () => {
    const v = (await office.get('/api/metrics?key=dossiers.onTimeRate&unit=86.STC&period=2026')).json();
    const [p] = (await office.get('/api/metrics/dossiers.onTimeRate?from=2026-01-01&to=2026-12-31&unit=86.STC')).json();
    expect(v).toMatchObject({ key: 'dossiers.onTimeRate', unitCode: '86.STC', period: '2026', from: '2026-01-01', to: '2026-12-31' });
    expect(v.value).toBe(p.value);
    expect(v.label).toBe('Tỷ lệ hồ sơ giải quyết đúng hạn');
    expect(v.href).toContain('unit=86.STC');
    const q = (await office.get('/api/metrics?key=tasks.onTimeRate&period=2026-Q3')).json();
    expect(q).toMatchObject({ unitCode: '86', period: '2026-Q3', from: '2026-07-01', to: '2026-09-30' });
    const bad = await office.get('/api/metrics?key=tasks.onTimeRate&period=2026-Q5');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('Kỳ "2026-Q5" không hợp lệ');
  });

  it("keeps a unit to its own figures and refuses another unit's", async () => {
    const focal = await t.login('daumoi.stc');
    const mine = (await focal.get(`/api/metrics/tasks.onTimeRate?${range}&byUnit=true`)).json();
    expect(mine.map((p: { key: string }) => p.key)).toEqual(['86.STC']);
    const other = await focal.get(`/api/metrics/dossiers.onTimeRate?${range}&unit=86.SYT`);
    expect(other.statusCode).toBe(404);
    const unknown = await focal.get(`/api/metrics/tasks.nothing?${range}`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toContain('Không có chỉ tiêu đo');
  });
});

describe('a module without the directives module', () => {
  it('has no tasks metric, and the index analysis shows no linked tasks instead of failing', async () => {
    const only = await startTestApp({ modules: [indicesModule, dossiersModule] });
    try {
      const c = await only.login('cchc');
      const keys = (await c.get('/api/metrics/catalogue')).json().map((m: { key: string }) => m.key);
      expect(keys).toEqual(['dossiers.apologyCompliance', 'dossiers.onTimeRate', 'indices.officialResult']);
      const a = await c.get('/api/indices/analysis?index=PAPI&year=2022&province=86');
      expect(a.statusCode).toBe(200);
      expect(a.json().components.every((x: { tasks: { linked: number } }) => x.tasks.linked === 0)).toBe(true);
      expect((await c.get('/api/tasks')).statusCode).toBe(404);
    } finally {
      await only.close();
    }
  });
});

describe('the scheduler', () => {
  it("runs every module's reminders once per user, kind, subject and period, and one failure stops no other", async () => {
    const s: AppServices = t.app.services;
    const users = await s.db.selectFrom('appUser').select('id').where('username', 'in', ['daumoi.stc', 'cchc']).execute();
    const source: ReminderSource = {
      name: 'probe',
      async run(ctx) {
        let n = 0;
        for (const u of users) {
          const created = await ctx.notify({
            userId: u.id,
            kind: 'probe_due',
            subjectType: 'probe',
            subjectId: 7,
            periodKey: '2026-Q4',
            title: 'Sắp đến hạn',
            body: 'Thử nhắc việc.',
            link: '/',
          });
          if (created) n++;
        }
        return n;
      },
    };
    const failing: ReminderSource = {
      name: 'broken',
      run: async () => {
        throw new Error('hỏng');
      },
    };
    const modules = [
      defineModule({ name: 'broken', label: 'Hỏng', reminders: [failing] }),
      defineModule({ name: 'probe', label: 'Thử', reminders: [source] }),
    ];
    const said: string[] = [];
    expect(await runReminders(s, modules, { remindDays: 3, email: false, log: (m) => said.push(m) })).toBe(2);
    expect(said).toEqual(['nhắc việc (broken/broken) lỗi: hỏng']);
    expect(await runReminders(s, modules, { remindDays: 3, email: false })).toBe(0);
    const mine = (await office.get('/api/notifications')).json();
    expect(mine.items.filter((n: { kind: string }) => n.kind === 'probe_due')).toHaveLength(1);
  });
});
