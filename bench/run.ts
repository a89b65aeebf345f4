/**
 * `npm run bench`: dossier import and overview at scale, printed as figures and ratios.
 *   BENCH_DATABASE_URL=postgres://…  PostgreSQL part (skipped without it); rows: BENCH_PG_ROWS (default 1,000,000)
 *   PGlite part always; rows: BENCH_PGLITE_ROWS (default 200,000)
 * For each database: generate a year of dossiers (CSV file), import it through the product's streaming
 * import (rows/s, peak RSS), load the same file with the database's own COPY (rows/s, ratio), then time the
 * unit overview through the service (p50/p95 over 20 runs) against a naive GROUP BY on the raw table.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { loadWorkingCalendar, type AppServices, type Db } from '@cchc/core';
import { createTestDatabase } from '@cchc/test-kit';
import { generateDossierCsv, runDossierImport } from '@cchc/dossiers';
import { moduleMigrations } from '../apps/server/src/modules';
import { createServices } from '../apps/server/src/services';
import { dossierStats } from '../packages/dossiers/src/dossier.stats';

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);

async function timeIt<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await fn();
  return [r, performance.now() - t];
}

function percentile(xs: number[], p: number) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

async function run(label: string, rows: number, databaseUrl?: string) {
  console.log(`\n== ${label}: ${fmt(rows)} dossiers ==`);
  if (databaseUrl) process.env.TEST_DATABASE_URL = databaseUrl;
  else delete process.env.TEST_DATABASE_URL;
  const handle = await createTestDatabase({ migrations: moduleMigrations, demo: false });
  const s: AppServices = await createServices(handle, { provinceCode: '86' });
  const db: Db = s.db;
  const cal = await loadWorkingCalendar(db);
  const units = (await db.selectFrom('unit').select('code').where('provinceCode', '=', '86').where('type', 'in', ['commune', 'ward', 'special_zone']).where('validTo', 'is', null).execute()).map((u) => u.code);
  const file = path.join(os.tmpdir(), `cchc-bench-${process.pid}-${label}.csv`);
  const [, genMs] = await timeIt(async () => {
    const out = fs.createWriteStream(file);
    for (const line of generateDossierCsv(cal, { count: rows, units, year: 2026, today: '2026-12-31', seed: 7 })) {
      if (!out.write(line + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
    }
    await new Promise<void>((r) => out.end(() => r()));
  });
  console.log(`generate      ${fmt(rows / (genMs / 1000))} rows/s (${(fs.statSync(file).size / 1e6).toFixed(0)} MB CSV)`);

  peakRss = process.memoryUsage().rss;
  const rssBefore = peakRss;
  const [outcome, importMs] = await timeIt(() => runDossierImport(s, { actor: null, ip: null, requestId: 'bench' }, null, { filename: 'bench.csv', stream: fs.createReadStream(file) }));
  const importRate = outcome.inserted / (importMs / 1000);
  console.log(`import        ${fmt(importRate)} rows/s (${fmt(outcome.inserted)} inserted, ${outcome.rejected} rejected, ${(importMs / 1000).toFixed(1)} s); peak RSS ${fmt(peakRss / 1e6)} MB (${fmt(rssBefore / 1e6)} MB before)`);

  // PostgreSQL's own COPY of the same rows, two ways: (a) the dossier rows, typed, into a table identical
  // to `dossier` (same columns and indexes) — the same end state without validation, derivation or
  // idempotency; (b) the raw CSV file into a table of 19 text columns without indexes — the floor.
  await sql`create table bench_dossier (like dossier including all)`.execute(db);
  await sql`create table bench_text (${sql.raw(Array.from({ length: 19 }, (_, i) => `c${i} text`).join(', '))})`.execute(db);
  const dump = `${file}.copy`;
  let copyTyped: number, copyText: number;
  if (databaseUrl) {
    const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]!.s;
    const client = new pg.Client({ connectionString: databaseUrl, options: `-c search_path=${schema}` });
    await client.connect();
    const load = (statement: string, source: string) =>
      timeIt(() => new Promise<void>((resolve, reject) => fs.createReadStream(source).pipe(client.query(copyFrom(statement))).on('finish', resolve).on('error', reject)));
    await new Promise<void>((resolve, reject) => client.query(copyTo('COPY dossier TO STDOUT')).pipe(fs.createWriteStream(dump)).on('finish', resolve).on('error', reject));
    [, copyTyped] = await load('COPY bench_dossier FROM STDIN', dump);
    [, copyText] = await load('COPY bench_text FROM STDIN WITH (FORMAT csv, HEADER true)', file);
    await client.end();
  } else {
    const pglite = handle.pglite;
    if (!pglite) throw new Error('no PGlite handle');
    const out = await pglite.query('COPY dossier TO \'/dev/blob\'');
    const blob = out.blob!;
    [, copyTyped] = await timeIt(() => pglite.query(`COPY bench_dossier FROM '/dev/blob'`, [], { blob }));
    [, copyText] = await timeIt(() => pglite.query(`COPY bench_text FROM '/dev/blob' WITH (FORMAT csv, HEADER true)`, [], { blob: new Blob([fs.readFileSync(file)]) }));
  }
  fs.rmSync(dump, { force: true });
  await sql`drop table bench_dossier, bench_text`.execute(db);
  const typedRate = outcome.inserted / (copyTyped / 1000);
  const textRate = rows / (copyText / 1000);
  console.log(`COPY typed    ${fmt(typedRate)} rows/s into a copy of the dossier table → import / COPY = ${(importRate / typedRate).toFixed(2)} (target ≥ 0.5)`);
  console.log(`COPY text     ${fmt(textRate)} rows/s of the raw CSV into unindexed text columns → import / COPY = ${(importRate / textRate).toFixed(2)}`);

  const q = { provinceCode: '86', from: '2026-01-01', to: '2026-12-31', asOf: '2026-12-31', groupBy: 'unit' as const };
  const api: number[] = [];
  const naive: number[] = [];
  for (let i = 0; i < 20; i++) {
    api.push((await timeIt(() => dossierStats(db, q)))[1]);
    naive.push((await timeIt(() => sql`select unit_code, received_month, count(*), count(*) filter (where finished_date > due_date) from dossier group by 1, 2`.execute(db)))[1]);
  }
  console.log(`overview      p50 ${percentile(api, 50).toFixed(0)} ms, p95 ${percentile(api, 95).toFixed(0)} ms; naive GROUP BY p50 ${percentile(naive, 50).toFixed(0)} ms → ratio ${(percentile(naive, 50) / percentile(api, 50)).toFixed(2)}×`);
  fs.rmSync(file, { force: true });
  await handle.cleanup();
}

const pgUrl = process.env.BENCH_DATABASE_URL;
if (pgUrl) await run('postgresql', Number(process.env.BENCH_PG_ROWS ?? 1_000_000), pgUrl);
else console.log('BENCH_DATABASE_URL not set: PostgreSQL part skipped.');
await run('pglite', Number(process.env.BENCH_PGLITE_ROWS ?? 200_000));
clearInterval(sampler);
