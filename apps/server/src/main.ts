import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import {
  AppError,
  installModules,
  metricsOf,
  openDatabase,
  openFileStore,
  prepareDatabase,
  runStartJobs,
  s3Backend,
  smtpMailer,
  startScheduler,
  sweepUploadTemp,
} from '@cchc/core';
import { buildApp } from './app';
import { cookieSecret, readConfig } from './config';
import { createServices } from './services';
import { MODULES } from './modules';

const here = path.dirname(fileURLToPath(import.meta.url));

async function main() {
  const t0 = Date.now();
  const config = readConfig();
  const log = (m: string) => console.info(`[cchc] ${m}`);
  // Uploads (and exceljs's own spool files) go under the data directory; what a dead process left is removed.
  const tmp = path.join(config.dataDir, 'tmp');
  fs.mkdirSync(tmp, { recursive: true });
  process.env.CCHC_TMP_DIR = tmp;
  process.env.TMPDIR = tmp;
  const swept = sweepUploadTemp();
  if (swept) log(`Đã xoá ${swept} tệp tạm còn lại từ lần chạy trước.`);
  const installed = installModules(MODULES);
  const files = openFileStore({ dataDir: config.dataDir, s3Url: config.s3Url });
  if (config.s3Url) {
    await s3Backend(config.s3Url).check();
    log('Kho tệp: S3 (S3_URL)');
  }
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  log(handle.kind === 'pglite' ? `CSDL nhúng PGlite tại ${config.dataDir}` : 'CSDL PostgreSQL (DATABASE_URL)');
  await prepareDatabase(handle.db, {
    migrations: installed.migrations,
    demo: config.demo
      ? {
          provinceCode: config.provinceCode,
          seeders: installed.seeders,
          files,
          metrics: metricsOf(MODULES),
          seams: installed.seams,
        }
      : false,
    analyzeAtStart: handle.kind === 'pglite',
    log,
  });
  const services = await createServices(handle, { provinceCode: config.provinceCode, modules: MODULES, files });
  await runStartJobs(services, MODULES, log);
  const app = await buildApp({
    services,
    modules: MODULES,
    cookieSecret: await cookieSecret(handle.db),
    webDist: path.resolve(here, '../../web/dist'),
    logger: process.env.LOG_REQUESTS === '1',
    trustProxy: config.trustProxy,
  });
  await app.listen({ port: config.port, host: config.host });
  const stopScheduler = startScheduler(services, MODULES, {
    intervalMs: config.reminderIntervalMs,
    firstDelayMs: config.reminderFirstDelayMs,
    remindDays: config.remindDays,
    mailer: config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : null,
    baseUrl: config.publicUrl ?? `http://localhost:${config.port}`,
    log,
  });
  log(`Sẵn sàng sau ${Date.now() - t0} ms: http://localhost:${config.port}`);
  const stop = async () => {
    stopScheduler();
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  if (err instanceof AppError) console.error(`[cchc] Lỗi: ${err.message}`);
  else console.error(err);
  process.exit(1);
});
