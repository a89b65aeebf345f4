import crypto from 'node:crypto';
import pg from 'pg';
import {
  DEMO_PASSWORD, openDatabase, prepareDatabase, type AppServices, type DatabaseHandle, type DemoSeeder, type MigrationSet,
} from '@cchc/core';

/** The fixed clock of tests: Monday 23/11/2026, 09:00 in Vietnam. */
export const FIXED_NOW = new Date('2026-11-23T09:00:00+07:00');

export const testDatabaseUrl = () => process.env.TEST_DATABASE_URL || undefined;

export interface TestDatabase extends DatabaseHandle {
  cleanup(): Promise<void>;
}

/**
 * A fresh database for one test file: an in-memory PGlite, or (with TEST_DATABASE_URL) a new schema
 * on the real PostgreSQL server, dropped afterwards. Migrations run; reference data and the demo
 * province load unless told otherwise.
 */
export async function createTestDatabase(
  opts: { migrations?: MigrationSet[]; reference?: boolean; demo?: boolean; seeders?: DemoSeeder[]; now?: () => Date } = {},
): Promise<TestDatabase> {
  const url = testDatabaseUrl();
  let handle: DatabaseHandle;
  let dropSchema = async () => {};
  if (url) {
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
    demo: opts.demo === false || opts.reference === false ? false : { provinceCode: '86', seeders: opts.seeders, now: opts.now ?? (() => FIXED_NOW) },
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
