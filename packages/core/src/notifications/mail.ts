import nodemailer from 'nodemailer';
import type { AppServices } from '../http/types';

export interface Mailer {
  send(to: string, subject: string, text: string): Promise<void>;
}

export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(to, subject, text) {
      await transport.sendMail({ from, to, subject, text });
    },
  };
}

/** E-mails sent per pass at most; the rest wait for the next pass. */
const MAIL_BATCH = 200;

/** Sends the pending e-mails; a failure is recorded on the row and retried on the next pass. */
export async function sendPendingEmails(s: AppServices, mailer: Mailer, baseUrl: string): Promise<{ sent: number; failed: number }> {
  const rows = await s.db
    .selectFrom('notification as n')
    .innerJoin('appUser as u', 'u.id', 'n.userId')
    .select(['n.id', 'n.title', 'n.body', 'n.link', 'u.email', 'u.fullName'])
    .where('n.emailStatus', 'in', ['pending', 'failed'])
    .orderBy('n.id')
    .limit(MAIL_BATCH)
    .execute();
  let sent = 0;
  let failed = 0;
  for (const r of rows) {
    if (!r.email) {
      await s.db
        .updateTable('notification')
        .set({ emailStatus: 'none', emailError: 'Người nhận chưa có địa chỉ thư điện tử.' })
        .where('id', '=', r.id)
        .execute();
      continue;
    }
    // Claim the row first: a concurrent pass cannot send it again.
    const claimed = await s.db
      .updateTable('notification')
      .set({ emailStatus: 'sending' })
      .where('id', '=', r.id)
      .where('emailStatus', 'in', ['pending', 'failed'])
      .returning('id')
      .executeTakeFirst();
    if (!claimed) continue;
    try {
      await mailer.send(
        r.email,
        `[CCHC] ${r.title}`,
        `Kính gửi ${r.fullName},\n\n${r.body}\n\nXem chi tiết: ${baseUrl}${r.link ?? ''}\n\n(Thư gửi tự động từ hệ thống quản lý cải cách hành chính.)`,
      );
      await s.db
        .updateTable('notification')
        .set({ emailStatus: 'sent', emailedAt: s.now(), emailError: null })
        .where('id', '=', r.id)
        .execute();
      sent++;
    } catch (err) {
      await s.db
        .updateTable('notification')
        .set({ emailStatus: 'failed', emailError: String((err as Error).message).slice(0, 500) })
        .where('id', '=', r.id)
        .execute();
      failed++;
    }
  }
  return { sent, failed };
}
