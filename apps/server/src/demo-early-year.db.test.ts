/**
 * The demo started in the first days of a year (a new installation in January): every module's demo still
 * loads, with months of history behind it — dossiers from last year, a finished survey with published
 * results and an open one. The other db tests use the template built on the fixed clock (23/11/2026).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '@cchc/test-kit';
import { installModules, metricsOf, seamsOf } from '@cchc/core';
import { MODULES } from './modules';

let db: TestDatabase;
beforeAll(async () => {
  installModules(MODULES);
  db = await createTestDatabase({
    migrations: MODULES.flatMap((m) => (m.migrations ? [m.migrations] : [])),
    seeders: MODULES.flatMap((m) => (m.demo ? [m.demo] : [])),
    now: () => new Date('2027-01-05T09:00:00+07:00'),
    metrics: metricsOf(MODULES),
    seams: seamsOf(MODULES),
  });
}, 240_000);
afterAll(() => db?.cleanup());

describe('the demo started on 5 January', () => {
  it('has every module’s records', async () => {
    const tables = ['directive', 'task', 'task_report', 'dossier', 'index_result', 'assessment_round', 'assessment_score'];
    const more = ['feedback_case', 'inspection', 'inspection_finding', 'initiative', 'survey_response'];
    const counts: Record<string, number> = {};
    for (const table of [...tables, ...more])
      counts[table] = Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db.db)).rows[0]!.n);
    expect(Object.entries(counts).filter(([, n]) => n === 0)).toEqual([]);
  });

  it('has last year’s dossiers and both demo surveys, the first with its results published', async () => {
    const lastYear = await db.db
      .selectFrom('dossier')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('receivedDate', '>=', '2026-01-01')
      .where('receivedDate', '<', '2026-02-01')
      .executeTakeFirstOrThrow();
    expect(Number(lastYear.n)).toBeGreaterThan(0); // from January of last year
    const surveys = await db.db.selectFrom('survey').select(['status', 'resultsPublishedAt', 'periodFrom']).orderBy('id').execute();
    expect(surveys.map((x) => x.status)).toEqual(['closed', 'published']);
    expect(surveys[0]!.resultsPublishedAt).not.toBeNull();
    expect(String(surveys[0]!.periodFrom)).toBe('2026-01-01');
  });
});
