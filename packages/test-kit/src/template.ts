/**
 * The template every test app starts from, prepared once per `vitest` run (migrations, reference data,
 * the demo province on the fixed clock): a PGlite tarball, or a database on the PostgreSQL server used
 * as a template. The global setup builds it in a child process while the test workers start (their
 * module imports and first app builds take as long), and each copy waits until it is ready.
 */
import fs from 'node:fs';
import { openDatabase, prepareDatabase, type DemoSeeder, type MetricsRegistry, type MigrationSet, type ModuleSeams } from '@cchc/core';
import { adminQuery, FIXED_NOW, testDatabaseUrl, testFileStore } from './env';

export type TemplateLocation = ({ kind: 'pglite'; file: string } | { kind: 'postgresql'; name: string }) & {
  /** Written by the build when it ends: `{ ok: true, ms }` or `{ ok: false, error }`. */
  state: string;
};

export function templateLocation(): TemplateLocation | null {
  const raw = process.env.CCHC_TEST_TEMPLATE;
  return raw ? (JSON.parse(raw) as TemplateLocation) : null;
}

/** Waits for the build to end; a failed build fails every test file with the build's own error. */
export async function templateReady(location: TemplateLocation, timeoutMs = 300_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (fs.existsSync(location.state)) {
      const state = JSON.parse(fs.readFileSync(location.state, 'utf8')) as { ok: boolean; error?: string };
      if (!state.ok) throw new Error(`the test template database could not be built:\n${state.error}`);
      return;
    }
    if (Date.now() > until) throw new Error(`the test template database was not ready after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Builds the template where `location` says and writes its state file (the child process of the setup). */
export async function buildTemplate(
  location: TemplateLocation,
  opts: { migrations: MigrationSet[]; seeders: DemoSeeder[]; metrics?: MetricsRegistry; seams?: ModuleSeams },
): Promise<void> {
  const t0 = Date.now();
  try {
    const url = testDatabaseUrl();
    const demo = {
      provinceCode: '86',
      seeders: opts.seeders,
      now: () => FIXED_NOW,
      files: testFileStore(),
      metrics: opts.metrics,
      seams: opts.seams,
    };
    if (location.kind === 'postgresql') {
      if (!url) throw new Error('a PostgreSQL template needs TEST_DATABASE_URL');
      await adminQuery(url, `create database ${location.name}`);
      const target = new URL(url);
      target.pathname = `/${location.name}`;
      const handle = await openDatabase({ databaseUrl: target.href, poolSize: 2 });
      await prepareDatabase(handle.db, { migrations: opts.migrations, referenceData: true, demo });
      await handle.close();
    } else {
      // 1 MB WAL segments: a fresh embedded database initialises in ~1.5 s instead of ~2.3 s (it writes
      // fewer empty segments); the copies inherit the setting from the tarball.
      const handle = await openDatabase({ pgliteInitParams: ['--wal-segsize=1'] });
      await prepareDatabase(handle.db, { migrations: opts.migrations, referenceData: true, demo });
      // A checkpoint first, so that a copy starts without replaying the build's WAL (0,66 s instead of
      // 1 s per copy); uncompressed: every test file loads it, and inflating it cost more than reading it.
      await handle.pglite!.exec('checkpoint');
      const dump = await handle.pglite!.dumpDataDir('none');
      fs.writeFileSync(location.file, Buffer.from(await dump.arrayBuffer()));
      await handle.close();
    }
    fs.writeFileSync(location.state, JSON.stringify({ ok: true, ms: Date.now() - t0 }));
  } catch (err) {
    fs.writeFileSync(location.state, JSON.stringify({ ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }));
    throw err;
  }
}

/** Drops the template (and its state file). */
export async function removeTemplate(location: TemplateLocation): Promise<void> {
  const url = testDatabaseUrl();
  if (location.kind === 'postgresql' && url) await adminQuery(url, `drop database if exists ${location.name} with (force)`);
  if (location.kind === 'pglite') fs.rmSync(location.file, { force: true });
  fs.rmSync(location.state, { force: true });
}
