import crypto from 'node:crypto';
import fs from 'node:fs';
import {
  DEMO_PASSWORD,
  openDatabase,
  prepareDatabase,
  type AppServices,
  type DatabaseHandle,
  type DemoSeeder,
  type MigrationSet,
  type MetricsRegistry,
  type ModuleSeams,
} from '@cchc/core';
import { adminQuery, FIXED_NOW, testDatabaseUrl, testFileStore } from './env';
import { templateLocation, templateReady } from './template';

export { FIXED_NOW, testDatabaseUrl, testFileStore };

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
    seams?: ModuleSeams;
  } = {},
): Promise<TestDatabase> {
  const url = testDatabaseUrl();
  let handle: DatabaseHandle;
  let dropSchema = async () => {};
  const template = opts.fromTemplate ? templateLocation() : null;
  if (template) await templateReady(template);
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
    await adminQuery(url, `create schema ${schema}`);
    handle = await openDatabase({ databaseUrl: url, searchPath: schema, poolSize: 4 });
    dropSchema = () => adminQuery(url, `drop schema ${schema} cascade`);
  } else {
    handle = await openDatabase({});
  }
  // A copy of the template is already migrated and seeded with every module, by this run.
  if (!template)
    await prepareDatabase(handle.db, {
      migrations: opts.migrations,
      referenceData: opts.reference !== false,
      demo:
        opts.demo === false || opts.reference === false
          ? false
          : {
              provinceCode: '86',
              seeders: opts.seeders,
              now: opts.now ?? (() => FIXED_NOW),
              files: testFileStore(),
              metrics: opts.metrics,
              seams: opts.seams,
            },
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

export { buildTemplate, removeTemplate, templateLocation, templateReady, type TemplateLocation } from './template';
