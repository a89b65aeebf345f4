/** What the benchmarks share: start the real server as `npm run serve` starts it, log in, time, read RSS. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { SERVER_NODE_ARGS } from '../apps/server/src/node-args';

const ROOT = path.resolve(import.meta.dirname, '..');

export async function timeIt<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await fn();
  return [r, performance.now() - t];
}

export const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface Server {
  url: string;
  proc: ChildProcess;
  stop(): Promise<void>;
}

export async function startServer(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const proc = spawn(process.execPath, [...SERVER_NODE_ARGS, 'apps/server/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', DEMO: '1', REMINDER_FIRST_DELAY_MS: '86400000' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Sẵn sàng')) resolve();
    });
    proc.once('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    proc,
    stop: () =>
      new Promise<void>((resolve) => {
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}

/** Resets the process's peak RSS (Linux clear_refs 5); VmHWM then reports the peak since. */
export const resetPeak = (pid: number) => fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
export const rssOf = (pid: number, field: 'VmHWM' | 'VmRSS') =>
  Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;

export async function login(url: string, username = 'cchc', headers: Record<string, string> = {}): Promise<Record<string, string>> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ username, password: 'Cchc@2026' }),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { token } = (await (await fetch(`${url}/api/auth/csrf`, { headers: { cookie } })).json()) as { token: string };
  return { cookie, 'x-csrf-token': token };
}

/**
 * Runs a benchmark on a throw-away PostgreSQL database (when BENCH_DATABASE_URL is set; `db` is a client on it)
 * and then on a throw-away PGlite data directory.
 */
export async function onEachDatabase(
  name: string,
  bench: (label: string, env: Record<string, string>, db?: pg.Client) => Promise<void>,
): Promise<void> {
  const pgUrl = process.env.BENCH_DATABASE_URL;
  if (pgUrl) {
    const dbName = `cchc_${name}_${process.pid}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    const url = new URL(pgUrl);
    url.pathname = `/${dbName}`;
    const db = new pg.Client({ connectionString: url.href });
    try {
      await db.connect();
      await bench('PostgreSQL', { DATABASE_URL: url.href }, db);
    } finally {
      await db.end().catch(() => undefined);
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    }
  } else console.log(`BENCH_DATABASE_URL not set: PostgreSQL ${name} part skipped.`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `cchc-${name}-pglite-`));
  try {
    await bench('PGlite', { DATA_DIR: dataDir });
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
