/**
 * `npm run bench`: dossier import and overview at scale, through the real server, printed as figures
 * and ratios.
 *   BENCH_DATABASE_URL=postgres://…/db  PostgreSQL part (skipped without it); rows: BENCH_PG_ROWS (default 1,000,000)
 *   PGlite part always (a data directory, as `npm start` uses); rows: BENCH_PGLITE_ROWS (default 200,000)
 *
 * For each database: start the server as `npm run serve` does (SERVER_NODE_ARGS, the demo province
 * loaded), generate a year of dossiers as a CSV file, upload it to POST /api/dossiers/imports (rows/s;
 * the server's peak RSS during the import from /proc/PID/status VmHWM, reset just before), then load the
 * same rows with PostgreSQL's own COPY (rows/s, ratios) and time the unit overview through
 * GET /api/dossiers/stats (p50/p95 over 20 calls after 3 warm-up calls) against a naive GROUP BY over the raw table.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { loadWorkingCalendar, openDatabase, type Db } from '@cchc/core';
import { generateDossierCsv } from '@cchc/dossiers';
import { login, percentile, resetPeak, rssOf, startServer, timeIt, type Server } from './server';

const PROVINCE = '86';
const YEAR = 2026;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const TEXT_COLUMNS = Array.from({ length: 19 }, (_, i) => `c${i} text`).join(', ');

async function generate(db: Db, rows: number, file: string) {
  const cal = await loadWorkingCalendar(db);
  const units = (
    await db
      .selectFrom('unit')
      .select('code')
      .where('provinceCode', '=', PROVINCE)
      .where('type', 'in', ['commune', 'ward', 'special_zone'])
      .where('validTo', 'is', null)
      .execute()
  ).map((u) => u.code);
  const [, ms] = await timeIt(async () => {
    const out = fs.createWriteStream(file);
    for (const line of generateDossierCsv(cal, { count: rows, units, year: YEAR, today: `${YEAR}-12-31`, seed: 7, codePrefix: 'B' })) {
      if (!out.write(line + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
    }
    await new Promise<void>((r) => out.end(() => r()));
  });
  console.log(`generate      ${fmt(rows / (ms / 1000))} rows/s (${(fs.statSync(file).size / 1e6).toFixed(0)} MB CSV)`);
}

async function importThroughApi(server: Server, headers: Record<string, string>, file: string) {
  const pid = server.proc.pid!;
  const before = rssOf(pid, 'VmRSS');
  resetPeak(pid);
  const form = new FormData();
  form.append('file', await fs.openAsBlob(file), 'bench.csv');
  const [reply, ms] = await timeIt(
    async () =>
      (await (await fetch(`${server.url}/api/dossiers/imports`, { method: 'POST', body: form, headers })).json()) as {
        inserted: number;
        rejected: number;
        errors: unknown[];
      },
  );
  if (!reply.inserted) throw new Error(`import failed: ${JSON.stringify(reply).slice(0, 500)}`);
  const rate = reply.inserted / (ms / 1000);
  console.log(
    `import (API)  ${fmt(rate)} rows/s (${fmt(reply.inserted)} inserted, ${reply.rejected} rejected, ${(ms / 1000).toFixed(1)} s, rollups and ANALYZE included)`,
  );
  console.log(
    `server RSS    peak ${fmt(rssOf(pid, 'VmHWM') / 1e6)} MB during the import (${fmt(before / 1e6)} MB before; target ≤ 300 MB)`,
  );
  return rate;
}

async function overviewThroughApi(server: Server, headers: Record<string, string>, naive: () => Promise<unknown>) {
  const q = `from=${YEAR}-01-01&to=${YEAR}-12-31&asOf=${YEAR}-12-31&groupBy=unit`;
  const api: number[] = [];
  const raw: number[] = [];
  const call = async () => (await fetch(`${server.url}/api/dossiers/stats?${q}`, { headers })).json();
  for (let i = 0; i < WARM_UP; i++) await Promise.all([call(), naive()]);
  for (let i = 0; i < 20; i++) {
    api.push((await timeIt(call))[1]);
    raw.push((await timeIt(naive))[1]);
  }
  console.log(
    `overview      unit × year through the API, 20 calls after ${WARM_UP} warm-up: p50 ${percentile(api, 50).toFixed(0)} ms, p95 ${percentile(api, 95).toFixed(0)} ms`,
  );
  if (!raw.some((ms) => ms > 1)) return console.log(`overview      (naive GROUP BY timed separately below)`);
  console.log(
    `naive         GROUP BY unit, month over the raw table: p50 ${percentile(raw, 50).toFixed(0)} ms → API is ${(percentile(raw, 50) / percentile(api, 50)).toFixed(1)}× faster at p50, ${(percentile(raw, 95) / percentile(api, 95)).toFixed(1)}× at p95`,
  );
}

/** Calls before timing: the first ones read the tables from disk into the cache. */
const WARM_UP = 3;
const NAIVE = `select unit_code, received_month, count(*), count(*) filter (where finished_date > due_date) from dossier where province_code = '${PROVINCE}' group by 1, 2`;

function printCopy(importRate: number, typedRate: number, textRate: number) {
  console.log(
    `COPY typed    ${fmt(typedRate)} rows/s: the same dossier rows into a copy of the dossier table (same columns and indexes) → import / COPY = ${(importRate / typedRate).toFixed(2)} (target ≥ 0.5)`,
  );
  console.log(
    `COPY text     ${fmt(textRate)} rows/s: the raw CSV into 19 unindexed text columns → import / COPY = ${(importRate / textRate).toFixed(2)}`,
  );
}

async function benchPostgres(baseUrl: string, rows: number) {
  console.log(`\n== PostgreSQL: ${fmt(rows)} dossiers ==`);
  const dbName = `cchc_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const url = new URL(baseUrl);
  url.pathname = `/${dbName}`;
  const file = path.join(os.tmpdir(), `${dbName}.csv`);
  const dump = `${file}.copy`;
  const server = await startServer({ DATABASE_URL: url.href });
  const client = new pg.Client({ connectionString: url.href });
  try {
    await client.connect();
    const handle = await openDatabase({ databaseUrl: url.href, poolSize: 1 });
    await generate(handle.db, rows, file);
    await handle.close();
    const headers = await login(server.url);
    const importRate = await importThroughApi(server, headers, file);
    await overviewThroughApi(server, headers, () => client.query(NAIVE));
    // PostgreSQL's own COPY of the same rows: (a) typed, into a table like `dossier` with its indexes — the
    // same end state without validation, derivation or idempotency; (b) the raw CSV into text columns.
    await client.query(`create table bench_dossier (like dossier including all); create table bench_text (${TEXT_COLUMNS})`);
    await new Promise<void>((res, rej) =>
      client
        .query(copyTo(`COPY (select * from dossier where code like 'B%') TO STDOUT`))
        .pipe(fs.createWriteStream(dump))
        .on('finish', res)
        .on('error', rej),
    );
    const load = (statement: string, source: string) =>
      timeIt(
        () =>
          new Promise<void>((res, rej) =>
            fs
              .createReadStream(source)
              .pipe(client.query(copyFrom(statement)))
              .on('finish', res)
              .on('error', rej),
          ),
      );
    const [, typedMs] = await load('COPY bench_dossier FROM STDIN', dump);
    const [, textMs] = await load('COPY bench_text FROM STDIN WITH (FORMAT csv, HEADER true)', file);
    printCopy(importRate, rows / (typedMs / 1000), rows / (textMs / 1000));
  } finally {
    await server.stop();
    await client.end().catch(() => undefined);
    await admin.query(`drop database if exists ${dbName}`);
    await admin.end();
    fs.rmSync(file, { force: true });
    fs.rmSync(dump, { force: true });
  }
}

async function benchPglite(rows: number) {
  console.log(`\n== PGlite: ${fmt(rows)} dossiers ==`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cchc-bench-pglite-'));
  const file = path.join(os.tmpdir(), `cchc-bench-${process.pid}.csv`);
  try {
    // First start loads the demo province; the generator then reads the calendar and units from the
    // data directory while the server is down (PGlite has one process at a time).
    await (await startServer({ DATA_DIR: dataDir })).stop();
    const gen = await openDatabase({ dataDir });
    await generate(gen.db, rows, file);
    await gen.close();
    const server = await startServer({ DATA_DIR: dataDir });
    let importRate: number;
    try {
      const headers = await login(server.url);
      importRate = await importThroughApi(server, headers, file);
      await overviewThroughApi(server, headers, async () => undefined);
    } finally {
      await server.stop();
    }
    const handle = await openDatabase({ dataDir });
    const pglite = handle.pglite!;
    const naive: number[] = [];
    for (let i = 0; i < 5; i++) naive.push((await timeIt(() => pglite.query(NAIVE)))[1]);
    console.log(`naive         GROUP BY unit, month over the raw table (in-process, 5 runs): p50 ${percentile(naive, 50).toFixed(0)} ms`);
    await pglite.exec(`create table bench_dossier (like dossier including all); create table bench_text (${TEXT_COLUMNS})`);
    const { blob } = await pglite.query(`COPY (select * from dossier where code like 'B%') TO '/dev/blob'`);
    const [, typedMs] = await timeIt(() => pglite.query(`COPY bench_dossier FROM '/dev/blob'`, [], { blob }));
    const csvBlob = await fs.openAsBlob(file);
    const [, textMs] = await timeIt(() =>
      pglite.query(`COPY bench_text FROM '/dev/blob' WITH (FORMAT csv, HEADER true)`, [], { blob: csvBlob }),
    );
    printCopy(importRate, rows / (typedMs / 1000), rows / (textMs / 1000));
    await handle.close();
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(file, { force: true });
  }
}

const pgUrl = process.env.BENCH_DATABASE_URL;
if (pgUrl) await benchPostgres(pgUrl, Number(process.env.BENCH_PG_ROWS ?? 1_000_000));
else console.log('BENCH_DATABASE_URL not set: PostgreSQL part skipped.');
await benchPglite(Number(process.env.BENCH_PGLITE_ROWS ?? 200_000));
