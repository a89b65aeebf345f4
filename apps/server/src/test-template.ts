/**
 * Vitest global setup of the `db` project: migrates and seeds one template database for the whole run
 * (the demo province on the fixed clock), which every test app then copies — a PGlite tarball loaded in
 * memory, or `CREATE DATABASE … TEMPLATE` on PostgreSQL — instead of building the province per file.
 */
import { buildTemplate } from '@cchc/test-kit';
import { demoSeeders, moduleMigrations } from './modules';

export default async function setup(): Promise<() => Promise<void>> {
  const t0 = Date.now();
  const template = await buildTemplate({ migrations: moduleMigrations, seeders: demoSeeders });
  process.env.CCHC_TEST_TEMPLATE = JSON.stringify(template.location);
  console.info(`[test] template database (${template.location.kind}) ready in ${Date.now() - t0} ms`);
  return () => template.remove();
}
