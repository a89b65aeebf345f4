import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  DEMO_PASSWORD,
  FileStore,
  localBackend,
  openDatabase,
  prepareDatabase,
  type AppServices,
  type DatabaseHandle,
  type DemoSeeder,
  type MigrationSet,
  type MetricsRegistry,
} from '@cchc/core';

/** The fixed clock of tests: Monday 23/11/2026, 09:00 in Vietnam. */
export const FIXED_NOW = new Date('2026-11-23T09:00:00+07:00');

export const testDatabaseUrl = () => process.env.TEST_DATABASE_URL || undefined;

/**
 * The file store of tests: one directory for the run, shared by every test file (content-addressed, so
 * files never collide), where the template's demo files are too. S3 tests make their own.
 */
export function testFileStore(): FileStore {
  return new FileStore(localBackend(process.env.CCHC_TEST_FILES ?? path.join(os.tmpdir(), 'cchc-test-files')));
}

export interface TestDatabase extends DatabaseHandle {
  cleanup(): Promise<void>;
}

/**
 * A fresh database for one test file: an in-memory PGlite, or (with TEST_DATABASE_URL) a new schema
 * on the real PostgreSQL server, dropped afterwards. Migrations run; reference data and the demo
 * province load unless told otherwise.
 */
export async function createTestDatabase(
  opts: {
    migrations?: MigrationSet[];
    reference?: boolean;
    demo?: boolean;
    seeders?: DemoSeeder[];
    now?: () => Date;
    fromTemplate?: boolean;
    metrics?: MetricsRegistry;
  } = {},
): Promise<TestDatabase> {
  const url = testDatabaseUrl();
  let handle: DatabaseHandle;
  let dropSchema = async () => {};
  const template = opts.fromTemplate ? templateLocation() : null;
  if (template?.kind === 'postgresql' && url) {
    // A copy of the prepared template database (CREATE DATABASE … TEMPLATE), dropped afterwards.
    const name = `t_${crypto.randomBytes(6).toString('hex')}`;
    await adminQuery(url, `create database ${name} template ${template.name}`);
    const target = new URL(url);
    target.pathname = `/${name}`;
    handle = await openDatabase({ databaseUrl: target.href, poolSize: 4 });
    dropSchema = () => adminQuery(url, `drop database if exists ${name} with (force)`);
  } else if (template?.kind === 'pglite') {
    handle = await openDatabase({ pgliteLoadDataDir: new Blob([fs.readFileSync(template.file)]) });
  } else if (url) {
    const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    handle = await openDatabase({ databaseUrl: url, searchPath: schema, poolSize: 4 });
    dropSchema = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    };
  } else {
    handle = await openDatabase({});
  }
  await prepareDatabase(handle.db, {
    migrations: opts.migrations,
    referenceData: opts.reference !== false,
    demo:
      opts.demo === false || opts.reference === false
        ? false
        : { provinceCode: '86', seeders: opts.seeders, now: opts.now ?? (() => FIXED_NOW), files: testFileStore(), metrics: opts.metrics },
  });
  return {
    ...handle,
    cleanup: async () => {
      await handle.close();
      await dropSchema();
    },
  };
}

export { DEMO_PASSWORD };
export type { AppServices };

async function adminQuery(url: string, statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

/**
 * The template every test app starts from, prepared once per `vitest` run by the global setup
 * (migrations, reference data, the demo province on the fixed clock): a PGlite tarball, or a database
 * on the PostgreSQL server used as a template.
 */
export type TemplateLocation = { kind: 'pglite'; file: string } | { kind: 'postgresql'; name: string };

export function templateLocation(): TemplateLocation | null {
  const raw = process.env.CCHC_TEST_TEMPLATE;
  return raw ? (JSON.parse(raw) as TemplateLocation) : null;
}

/** Builds the template (called by the global setup); returns where it is and how to remove it. */
export async function buildTemplate(opts: {
  migrations: MigrationSet[];
  seeders: DemoSeeder[];
  metrics?: MetricsRegistry;
}): Promise<{ location: TemplateLocation; remove(): Promise<void> }> {
  const url = testDatabaseUrl();
  const prepare = (db: DatabaseHandle['db']) =>
    prepareDatabase(db, {
      migrations: opts.migrations,
      referenceData: true,
      demo: { provinceCode: '86', seeders: opts.seeders, now: () => FIXED_NOW, files: testFileStore(), metrics: opts.metrics },
    });
  if (url) {
    const name = `cchc_tpl_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
    await adminQuery(url, `create database ${name}`);
    const target = new URL(url);
    target.pathname = `/${name}`;
    const handle = await openDatabase({ databaseUrl: target.href, poolSize: 2 });
    await prepare(handle.db);
    await handle.close();
    return { location: { kind: 'postgresql', name }, remove: () => adminQuery(url, `drop database if exists ${name} with (force)`) };
  }
  const handle = await openDatabase({});
  await prepare(handle.db);
  const file = path.join(os.tmpdir(), `cchc-test-template-${process.pid}.tar`);
  // Uncompressed: every test file loads it, and inflating it cost more than reading it.
  const dump = await handle.pglite!.dumpDataDir('none');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  return { location: { kind: 'pglite', file }, remove: async () => fs.rmSync(file, { force: true }) };
}
