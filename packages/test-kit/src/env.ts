import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { FileStore, localBackend } from '@cchc/core';

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

/** One statement on the server's maintenance connection (CREATE/DROP DATABASE). */
export async function adminQuery(url: string, statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}
