/**
 * `npm run bench` (load part): many logged-in officials at once against the real server, with
 * autocannon on loopback.
 *   Read mix — the provincial pages of a deadline day: directive dashboard, task list, dossier
 *   statistics by unit, index analysis — at BENCH_READ_CONNECTIONS connections (PostgreSQL 200,
 *   PGlite 50 by default), each connection its own session.
 *   Write mix — 50 focal points saving their task reports at once (each its own task).
 * For each: requests/s, latency p50/p95/p99, errors (non-2xx and socket errors), the server's
 * event-loop delay (monitorEventLoopDelay, p99 and max) and its RSS; whether it crashed.
 *   BENCH_DATABASE_URL=postgres://…  PostgreSQL part (skipped without it); BENCH_LOAD_SECONDS (default 20).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import autocannon from 'autocannon';
import { login, rssOf, startServer, type Server } from './server';

const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 20);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** Sessions from distinct client addresses (the server trusts X-Forwarded-For from loopback in the bench only). */
async function sessions(server: Server, usernames: string[], n: number) {
  const out: Record<string, string>[] = [];
  for (let i = 0; i < n; i++)
    out.push(
      await login(server.url, usernames[i % usernames.length]!, { 'x-forwarded-for': `198.18.${Math.floor(i / 250)}.${(i % 250) + 1}` }),
    );
  return out;
}

async function runtime(server: Server, admin: Record<string, string>, reset = false) {
  const r = await fetch(`${server.url}/api/system/runtime${reset ? '?reset=true' : ''}`, { headers: admin });
  return (await r.json()) as { eventLoopDelayMs: { p50: number; p99: number; max: number }; rssMb: number };
}

async function cannon(
  server: Server,
  admin: Record<string, string>,
  opts: { title: string; connections: number; headers: Record<string, string>[]; requests: (i: number) => autocannon.Request[] },
) {
  await runtime(server, admin, true);
  // Event-loop delay is read over the steady state: reset once the connections are open and the first
  // answers computed (the opening burst of N simultaneous requests queues N callbacks at once).
  const warm = setTimeout(() => void runtime(server, admin, true).catch(() => undefined), 2_000);
  let next = 0;
  const result = await autocannon({
    url: server.url,
    connections: opts.connections,
    duration: SECONDS,
    timeout: 30,
    headers: { 'accept-encoding': 'gzip' },
    requests: [{ method: 'GET', path: '/api/health' }],
    setupClient: (client) => {
      const i = next++;
      client.setHeaders({ ...opts.headers[i % opts.headers.length]!, 'accept-encoding': 'gzip' });
      client.setRequests(opts.requests(i));
    },
  });
  clearTimeout(warm);
  const alive = server.proc.exitCode === null;
  const rt = alive ? await runtime(server, admin) : null;
  const codes = (result as unknown as { statusCodeStats: Record<string, { count: number }> }).statusCodeStats ?? {};
  const conflicts = codes['409']?.count ?? 0;
  const errors = result.errors + result.timeouts + result.non2xx - conflicts;
  console.log(
    `${opts.title.padEnd(44)} ${fmt(result.requests.average).padStart(6)} req/s  p50 ${fmt(result.latency.p50)} ms  p90 ${fmt(result.latency.p90)} ms  p97.5 ${fmt(result.latency.p97_5)} ms  p99 ${fmt(result.latency.p99)} ms  errors ${errors} (timeouts ${result.timeouts}${conflicts ? `; 409 version conflicts ${conflicts}` : ''}; codes ${Object.entries(
      codes,
    )
      .map(([c, v]) => `${c}×${v.count}`)
      .join(' ')})  ` +
      (rt
        ? `loop delay (after 2 s) p99 ${rt.eventLoopDelayMs.p99} ms max ${rt.eventLoopDelayMs.max} ms  RSS ${rt.rssMb} MB (peak ${fmt(rssOf(server.proc.pid!, 'VmHWM') / 1048576)} MB)`
        : 'SERVER CRASHED'),
  );
  return { result, alive };
}

async function bench(label: string, env: Record<string, string>, readConnections: number) {
  console.log(`\n== Load, ${label}: read mix at ${readConnections} connections, write mix at 50, ${SECONDS} s each ==`);
  const server = await startServer({ ...env, TRUST_PROXY: '127.0.0.1' });
  try {
    const admin = await login(server.url, 'admin', { 'x-forwarded-for': '198.19.0.1' });
    const readers = await sessions(server, ['lanhdao', 'cchc', 'thamdinh', 'admin'], Math.min(readConnections, 200));
    const year = new Date().getFullYear();
    const reads = [
      '/api/directives/dashboard',
      '/api/tasks?limit=20',
      `/api/dossiers/stats?from=${year}-01-01&to=${year}-12-31&groupBy=unit`,
      '/api/indices/analysis?index=PAPI&year=2022&province=86',
    ];
    await cannon(server, admin, {
      title: 'read mix (4 provincial pages)',
      connections: readConnections,
      headers: readers,
      requests: (i) => [...reads.slice(i % 4), ...reads.slice(0, i % 4)].map((p) => ({ method: 'GET', path: p })),
    });
    // Write mix: each connection is a focal point or head saving the report of a task of their own unit
    // (Sở Tài chính and Phường Phú Khương); with more connections than tasks, two may save one report at
    // once and the loser gets 409 (the version check), counted apart from errors.
    const pairs: { headers: Record<string, string>; taskId: number }[] = [];
    for (const [unit, users] of [
      ['86.STC', ['daumoi.stc', 'giamdoc.stc']],
      [null, ['daumoi.xa', 'chutich.xa']],
    ] as const) {
      const who = await sessions(server, [...users], 2);
      const list = (await (
        await fetch(`${server.url}/api/tasks?limit=200${unit ? `&unit=${unit}` : ''}`, { headers: who[0]! })
      ).json()) as { rows: { id: number; dueDate: string | null; reportState: string | null }[] };
      list.rows
        .filter((t) => t.dueDate && (!t.reportState || t.reportState === 'draft' || t.reportState === 'returned'))
        .forEach((t, i) => pairs.push({ headers: who[i % 2]!, taskId: t.id }));
    }
    if (!pairs.length) throw new Error('no editable task for the write mix');
    await cannon(server, admin, {
      title: `write mix (50 report saves, ${Math.min(50, pairs.length)} reports)`,
      connections: 50,
      headers: pairs.map((p) => p.headers),
      requests: (i) => [
        {
          method: 'PUT',
          path: `/api/tasks/${pairs[i % pairs.length]!.taskId}/reports/once`,
          headers: { ...pairs[i % pairs.length]!.headers, 'content-type': 'application/json' },
          body: JSON.stringify({ content: `Cập nhật tiến độ lần ${i}: đã hoàn thành các phần việc theo kế hoạch.`, percent: 50 }),
        },
      ],
    });
  } finally {
    if (server.proc.exitCode === null) await server.stop();
    else console.log(`server exited with ${server.proc.exitCode}`);
  }
}

const pgUrl = process.env.BENCH_DATABASE_URL;
if (pgUrl) {
  const dbName = `cchc_load_${process.pid}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const url = new URL(pgUrl);
  url.pathname = `/${dbName}`;
  try {
    await bench('PostgreSQL', { DATABASE_URL: url.href }, Number(process.env.BENCH_READ_CONNECTIONS ?? 200));
  } finally {
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
} else console.log('BENCH_DATABASE_URL not set: PostgreSQL load part skipped.');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cchc-load-pglite-'));
try {
  await bench('PGlite', { DATA_DIR: dataDir }, Number(process.env.BENCH_PGLITE_CONNECTIONS ?? 50));
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
console.log('Latency: autocannon reports p97.5 (not p95); it is stricter than the p95 targets.');
