/** The task status computed in SQL against the domain rules, and the task and directive lists built on it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '@cchc/server/testing';
import { sql } from 'kysely';

let t: TestApp;
let office: TestClient;
beforeAll(async () => {
  t = await startTestApp(); // today is 2026-11-23 (Monday)
  office = await t.login('cchc');
});
afterAll(() => t.close());

describe('task status in SQL', () => {
  it('equals the domain rules (loadTasks) for every task of the demo province on several report dates', async () => {
    const { loadTasks } = await import('./task.service');
    const status = await import('./task.status');
    const { systemActor } = await import('@cchc/core');
    const s = t.app.services;
    const actor = systemActor('86');
    for (const asOf of ['2026-02-10', '2026-07-01', '2026-11-23', '2027-03-31']) {
      const js = await loadTasks(s, actor, {}, asOf);
      expect(js.length).toBeGreaterThan(1000);
      const f = { scope: actor.scope, provinceCode: '86', asOf };
      const sqlRows = await status
        .scopedTasks(s.db, f)
        .select(['t.id', sql<string>`coalesce(ts.status, 'not_started')`.as('status'), sql<string | null>`ts.next_due_date`.as('next')])
        .execute();
      const bySql = new Map(sqlRows.map((r) => [Number(r.id), r]));
      const mismatches = js.filter((tk) => bySql.get(tk.id)?.status !== tk.status || (bySql.get(tk.id)?.next ?? null) !== tk.nextDueDate);
      expect(mismatches.map((m) => [m.id, m.status, bySql.get(m.id)])).toEqual([]);
      const totals = await status.countTotals(s.db, f);
      expect(totals.overdue).toBe(js.filter((x) => x.status === 'overdue').length);
      expect(totals.done).toBe(js.filter((x) => x.status === 'done_on_time' || x.status === 'done_late').length);
    }
  });

  it('pages, filters and searches the task list in SQL', async () => {
    const page1 = (await office.get('/api/tasks?limit=10')).json();
    const page2 = (await office.get('/api/tasks?limit=10&offset=10')).json();
    expect(page1.rows).toHaveLength(10);
    expect(page1.total).toBeGreaterThan(1000);
    expect(page2.total).toBe(page1.total);
    expect(page2.rows.map((r: { id: number }) => r.id)).not.toContain(page1.rows[0].id);
    const overdue = (await office.get('/api/tasks?status=overdue&limit=200')).json();
    expect(overdue.rows.every((r: { status: string }) => r.status === 'overdue')).toBe(true);
    // most days late first
    const late = overdue.rows.map((r: { daysLate: number }) => r.daysLate);
    expect(late).toEqual([...late].sort((a: number, b: number) => b - a));
    const dash = (await office.get('/api/directives/dashboard')).json();
    expect(dash.overdueTotal).toBe(overdue.total);
    expect(dash.overdue.length).toBeLessThanOrEqual(20);
    const found = (await office.get(`/api/tasks?q=${encodeURIComponent('thủ tục')}&limit=5`)).json();
    expect(found.total).toBeGreaterThan(0);
    expect(
      found.rows.every((r: { content: string; label: string; directiveNumber: string }) =>
        /thủ tục/i.test(`${r.content} ${r.label} ${r.directiveNumber}`),
      ),
    ).toBe(true);
    const xa = await t.login('daumoi.xa');
    const mine = (await xa.get('/api/tasks?limit=200')).json();
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.total).toBeLessThan(page1.total);
  });
});

describe('directive list', () => {
  it('is paged, searched without accents, and a unit sees only directives that give it a task', async () => {
    const all = (await office.get('/api/directives?limit=2')).json();
    expect(all.rows).toHaveLength(2);
    expect(all.total).toBeGreaterThanOrEqual(5);
    const found = (await office.get(`/api/directives?q=${encodeURIComponent('cai cach hanh chinh')}`)).json();
    expect(found.total).toBeGreaterThan(0);
    const xa = await t.login('daumoi.xa');
    const mine = (await xa.get('/api/directives?limit=200')).json();
    for (const d of mine.rows) expect(d.tasks).toBeGreaterThan(0);
  });
});

describe('directive page', () => {
  type Section = { id: number; taskCount: number; overdue: number; cancelled: number };
  it('gives its figures and each section’s counts from SQL, and a section’s tasks a page at a time', async () => {
    const list = (await office.get('/api/directives?limit=200')).json().rows as { id: number; tasks: number }[];
    const big = list.reduce((a, b) => (b.tasks > a.tasks ? b : a));
    const d = (await office.get(`/api/directives/${big.id}`)).json();
    const sections = d.sections as Section[];
    expect(sections.reduce((a, s) => a + s.taskCount, 0)).toBe(d.counts.tasks);
    expect(sections.reduce((a, s) => a + s.overdue, 0)).toBe(d.counts.overdue);
    expect(d.progress.reduce((a: number, u: { tasks: number }) => a + u.tasks, 0)).toBe(d.counts.tasks);
    const widest = sections.reduce((a, b) => (b.taskCount > a.taskCount ? b : a));
    expect(widest.taskCount).toBeGreaterThan(20);
    const page = (await office.get(`/api/tasks?directive=${big.id}&section=${widest.id}&limit=20&offset=0`)).json();
    expect([page.total, page.rows.length]).toEqual([widest.taskCount, 20]);
    const inSection = await t.db.db
      .selectFrom('task')
      .select('id')
      .where('sectionId', '=', widest.id)
      .where(
        'id',
        'in',
        page.rows.map((r: { id: number }) => r.id),
      )
      .execute();
    expect(inSection).toHaveLength(20);
    const overdue = (await office.get(`/api/tasks?directive=${big.id}&section=${widest.id}&status=overdue&limit=1`)).json();
    expect(overdue.total).toBe(widest.overdue);
  });

  it('counts for a unit only the tasks it leads or coordinates', async () => {
    const xa = await t.login('daumoi.xa');
    const mine = (await xa.get('/api/directives?limit=200')).json().rows as { id: number; tasks: number }[];
    const d = (await xa.get(`/api/directives/${mine[0]!.id}`)).json();
    const theirs = (await xa.get(`/api/tasks?directive=${mine[0]!.id}&limit=1`)).json().total;
    expect((d.sections as Section[]).reduce((a, s) => a + s.taskCount, 0)).toBe(theirs);
    expect(d.counts.tasks).toBe(theirs);
  });
});
