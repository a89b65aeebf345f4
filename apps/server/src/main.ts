import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import { AppError, openDatabase, prepareDatabase, sweepUploadTemp } from '@cchc/core';
import { recoverInterruptedImports } from '@cchc/dossiers';
import { buildApp } from './app';
import { cookieSecret, readConfig } from './config';
import { createServices } from './services';
import { demoSeeders, moduleMigrations } from './modules';
import { smtpMailer, startReminderScheduler } from '@cchc/directives';

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
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  log(handle.kind === 'pglite' ? `CSDL nhúng PGlite tại ${config.dataDir}` : 'CSDL PostgreSQL (DATABASE_URL)');
  await prepareDatabase(handle.db, {
    migrations: moduleMigrations,
    demo: config.demo ? { provinceCode: config.provinceCode, seeders: demoSeeders } : false,
    analyzeAtStart: handle.kind === 'pglite',
    log,
  });
  const services = await createServices(handle, { provinceCode: config.provinceCode });
  // Imports a dead process left running: the embedded database has one process (locked), so all of
  // them; on PostgreSQL other instances may be importing, so those whose heartbeat stopped 2 minutes ago.
  const recover = () => recoverInterruptedImports(services, { staleMs: handle.kind === 'pglite' ? 0 : 2 * 60_000 });
  const interrupted = await recover();
  if (interrupted)
    log(
      `${interrupted} lần nhập hồ sơ bị gián đoạn (máy chủ dừng giữa chừng) đã được đánh dấu; số liệu tổng hợp của các tháng liên quan đã tính lại.`,
    );
  const recoverTimer = handle.kind === 'postgresql' ? setInterval(() => void recover().catch((e) => console.error(e)), 60_000) : undefined;
  const app = await buildApp({
    services,
    cookieSecret: await cookieSecret(handle.db),
    webDist: path.resolve(here, '../../web/dist'),
    logger: process.env.LOG_REQUESTS === '1',
    trustProxy: config.trustProxy,
  });
  await app.listen({ port: config.port, host: config.host });
  const stopReminders = startReminderScheduler(services, {
    intervalMs: config.reminderIntervalMs,
    firstDelayMs: config.reminderFirstDelayMs,
    remindDays: config.remindDays,
    mailer: config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : null,
    baseUrl: config.publicUrl ?? `http://localhost:${config.port}`,
    log,
  });
  log(`Sẵn sàng sau ${Date.now() - t0} ms: http://localhost:${config.port}`);
  const stop = async () => {
    stopReminders();
    if (recoverTimer) clearInterval(recoverTimer);
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
