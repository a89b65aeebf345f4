/**
 * Vitest global setup of the `db` project: one template database for the whole run (every module, the
 * demo province on the fixed clock), which every test app copies — a PGlite tarball loaded in memory, or
 * `CREATE DATABASE … TEMPLATE` on PostgreSQL — instead of building the province per file. It is built
 * by a child process (`test-template.build.ts`) while the workers start; each copy waits for it. The
 * demo's files go to one directory for the run.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { removeTemplate, testDatabaseUrl, type TemplateLocation } from '@cchc/test-kit';

export default function setup(): () => Promise<void> {
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cchc-test-files-'));
  process.env.CCHC_TEST_FILES = filesDir;
  // 6,000 dossiers instead of the demo's 20,000: every statistic, rule and page is exercised the same,
  // and the template builds faster (the demo a user starts keeps 20,000).
  process.env.CCHC_DEMO_DOSSIERS ??= '6000';
  const id = `${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
  const state = path.join(os.tmpdir(), `cchc-test-template-${id}.json`);
  const location: TemplateLocation = testDatabaseUrl()
    ? { kind: 'postgresql', name: `cchc_tpl_${id}`, state }
    : { kind: 'pglite', file: path.join(os.tmpdir(), `cchc-test-template-${id}.tar`), state };
  process.env.CCHC_TEST_TEMPLATE = JSON.stringify(location);
  const script = fileURLToPath(new URL('./test-template.build.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script], { env: process.env, stdio: 'inherit' });
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      // A build that died before saying so (an import error, a crash) still ends the waiting copies.
      if (!fs.existsSync(state)) fs.writeFileSync(state, JSON.stringify({ ok: false, error: `the build exited (${code ?? signal})` }));
      resolve();
    }),
  );
  return async () => {
    if (child.exitCode === null) child.kill();
    await exited;
    await removeTemplate(location);
    fs.rmSync(filesDir, { recursive: true, force: true });
  };
}
