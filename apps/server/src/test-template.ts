/**
 * Vitest global setup of the `db` project: migrates and seeds one template database for the whole run
 * (every module, the demo province on the fixed clock), which every test app then copies — a PGlite
 * tarball loaded in memory, or `CREATE DATABASE … TEMPLATE` on PostgreSQL — instead of building the
 * province per file. The demo's files go to one directory for the run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installModules, metricsOf } from '@cchc/core';
import { buildTemplate } from '@cchc/test-kit';
import { MODULES } from './modules';

export default async function setup(): Promise<() => Promise<void>> {
  const t0 = Date.now();
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cchc-test-files-'));
  process.env.CCHC_TEST_FILES = filesDir;
  // 6,000 dossiers instead of the demo's 20,000: every statistic, rule and page is exercised the same,
  // and the template builds faster (the demo a user starts keeps 20,000).
  process.env.CCHC_DEMO_DOSSIERS ??= '6000';
  const { migrations, seeders } = installModules(MODULES);
  const template = await buildTemplate({ migrations, seeders, metrics: metricsOf(MODULES) });
  process.env.CCHC_TEST_TEMPLATE = JSON.stringify(template.location);
  console.info(`[test] template database (${template.location.kind}) ready in ${Date.now() - t0} ms`);
  return async () => {
    await template.remove();
    fs.rmSync(filesDir, { recursive: true, force: true });
  };
}
