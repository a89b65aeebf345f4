import path from 'node:path';
import { storedSecret, type Db } from '@cchc/core';

export interface ServerConfig {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  provinceCode: string;
  demo: boolean;
  /** Reminders: a pass every N ms; e-mail through SMTP_URL (smtp://user:pass@host:port) when set. */
  reminderIntervalMs: number;
  reminderFirstDelayMs: number;
  remindDays: number;
  smtpUrl?: string;
  mailFrom: string;
  publicUrl?: string;
  /** Attachments in an S3-compatible bucket (https://KEY:SECRET@host/bucket); else DATA_DIR/files. */
  s3Url?: string;
  /** Reverse proxies whose X-Forwarded-For is believed (addresses or CIDR ranges). */
  trustProxy: string[];
}

export function readConfig(env = process.env): ServerConfig {
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.DATA_DIR ?? 'data'),
    provinceCode: env.PROVINCE_CODE ?? '86',
    demo: env.DEMO !== '0',
    reminderIntervalMs: Number(env.REMINDER_INTERVAL_MS ?? 5 * 60_000),
    reminderFirstDelayMs: Number(env.REMINDER_FIRST_DELAY_MS ?? 30_000),
    remindDays: Number(env.REMIND_DAYS ?? 3),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'CCHC <no-reply@cchc.local>',
    publicUrl: env.PUBLIC_URL || undefined,
    s3Url: env.S3_URL || undefined,
    trustProxy: (env.TRUST_PROXY ?? '')
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean),
  };
}

/** COOKIE_SECRET, else one generated on first start and kept in the database. */
export async function cookieSecret(db: Db, env = process.env): Promise<string> {
  return env.COOKIE_SECRET || storedSecret(db, 'cookie_secret');
}
