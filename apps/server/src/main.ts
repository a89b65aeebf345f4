import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError, openDatabase, prepareDatabase } from '@cchc/core';
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
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  log(handle.kind === 'pglite' ? `CSDL nhúng PGlite tại ${config.dataDir}` : 'CSDL PostgreSQL (DATABASE_URL)');
  await prepareDatabase(handle.db, {
    migrations: moduleMigrations,
    demo: config.demo ? { provinceCode: config.provinceCode, seeders: demoSeeders } : false,
    log,
  });
  const services = await createServices(handle, { provinceCode: config.provinceCode });
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
