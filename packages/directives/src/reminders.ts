/**
 * Reminders and escalation. A scheduler pass looks at every open obligation and creates the
 * notifications it calls for; the unique key (user, kind, task, period) makes each reminder happen
 * once, whatever restarts or overlapping passes do. E-mails go out from the notification rows
 * (pending → sent), so a crash between the two only delays an e-mail, never repeats one.
 */
import { sql } from 'kysely';
import nodemailer from 'nodemailer';
import { addWorkingDays, formatLocalDateTime, systemActor, type AppServices, type Db } from '@cchc/core';
import { reminderFor, type ReminderKind } from './task.domain';
import { loadTasks } from './task.service';

const KIND_TEXT: Record<ReminderKind, (task: string, due: string, unit: string) => { title: string; body: string }> = {
  due_soon: (task, due, unit) => ({
    title: `Sắp đến hạn: ${task}`,
    body: `Nhiệm vụ của ${unit} đến hạn ngày ${due}. Hãy cập nhật tiến độ và gửi báo cáo.`,
  }),
  due_today: (task, due, unit) => ({
    title: `Đến hạn hôm nay: ${task}`,
    body: `Hôm nay (${due}) là hạn của nhiệm vụ giao ${unit}. Thủ trưởng đơn vị cần duyệt và gửi báo cáo.`,
  }),
  overdue: (task, due, unit) => ({ title: `Quá hạn: ${task}`, body: `${unit} chưa hoàn thành nhiệm vụ, hạn ngày ${due}.` }),
};

async function unitUsers(db: Db, unitId: number, roles: string[]): Promise<{ id: number }[]> {
  return db
    .selectFrom('appUser as u')
    .innerJoin('userRole as r', 'r.userId', 'u.id')
    .select('u.id')
    .distinct()
    .where('u.isActive', '=', true)
    .where('u.unitId', '=', unitId)
    .where('r.role', 'in', roles)
    .execute();
}

async function provincialUsers(db: Db, provinceCode: string, roles: string[]): Promise<{ id: number }[]> {
  return db
    .selectFrom('appUser as u')
    .innerJoin('userRole as r', 'r.userId', 'u.id')
    .innerJoin('unit as un', 'un.id', 'u.unitId')
    .select('u.id')
    .distinct()
    .where('u.isActive', '=', true)
    .where('un.provinceCode', '=', provinceCode)
    .where('r.role', 'in', roles)
    .execute();
}

/** Who hears of an obligation: the focal point before, the unit head (and focal point) on the day and after. */
const UNIT_ROLES: Record<ReminderKind, string[]> = {
  due_soon: ['focal_point'],
  due_today: ['unit_head', 'focal_point'],
  overdue: ['unit_head'],
};

/** Tasks loaded at a time by a reminder pass. */
const REMINDER_CHUNK = 200;

export interface ReminderSettings {
  remindDays: number;
  emailEnabled: boolean;
}

/**
 * One pass: returns how many notifications it created. Units hear of each of their tasks; Sở Nội vụ
 * and the leaders get one digest a day of what is overdue, not one message per task.
 */
export async function runReminders(s: AppServices, settings: ReminderSettings): Promise<number> {
  const today = s.today();
  // Only tasks with an obligation not yet accepted and due within the reminder window (or past) matter;
  // they are found in SQL and handled in chunks, so a pass never holds the event loop for long.
  const horizon = addWorkingDays(s.calendar(), today, settings.remindDays + 1); // one day of margin; reminderFor decides
  const due = await s.db
    .selectFrom('taskObligation as o')
    .innerJoin('task as t', 't.id', 'o.taskId')
    .innerJoin('directive as d', 'd.id', 't.directiveId')
    .leftJoin('taskReport as r', (j) => j.onRef('r.taskId', '=', 'o.taskId').onRef('r.periodKey', '=', 'o.periodKey'))
    .select('o.taskId')
    .distinct()
    .where('d.provinceCode', '=', s.provinceCode)
    .where('o.dueDate', '<=', horizon)
    .where((eb) => eb.or([eb('r.state', 'is', null), eb('r.state', '!=', 'accepted')]))
    .orderBy('o.taskId')
    .execute();
  const ids = due.map((d) => Number(d.taskId));
  let created = 0;
  const insert = async (row: {
    userId: number;
    kind: string;
    taskId: number | null;
    periodKey: string;
    title: string;
    body: string;
    link: string;
  }) => {
    const res = await s.db
      .insertInto('notification')
      .values({ ...row, emailStatus: settings.emailEnabled ? 'pending' : 'none' })
      .onConflict((oc) => oc.columns(['userId', 'kind', 'taskId', 'periodKey']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (res) created++;
  };
  const overdueByUnit = new Map<string, number>();
  const usersCache = new Map<string, { id: number }[]>();
  const usersOf = async (unitId: number, kind: ReminderKind) => {
    const key = `${unitId}|${kind}`;
    if (!usersCache.has(key)) usersCache.set(key, await unitUsers(s.db, unitId, UNIT_ROLES[kind]));
    return usersCache.get(key)!;
  };
  for (let i = 0; i < ids.length; i += REMINDER_CHUNK) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    for (const t of await loadTasks(s, systemActor(s.provinceCode), { taskIds: ids.slice(i, i + REMINDER_CHUNK) }, today)) {
      for (const o of t.obligations) {
        if (o.status === 'done_on_time' || o.status === 'done_late') continue;
        if (o.report?.state === 'submitted' && o.dueDate >= today) continue; // waiting for Sở Nội vụ, not late
        const kind = reminderFor(s.calendar(), o.dueDate, today, settings.remindDays);
        if (!kind) continue;
        if (kind === 'overdue') overdueByUnit.set(t.leadUnitName, (overdueByUnit.get(t.leadUnitName) ?? 0) + 1);
        const due = o.dueDate.split('-').reverse().join('/');
        const short = `${t.directiveNumber} – ${t.label ? `${t.sectionNumber} ${t.label}` : t.sectionNumber} ${t.content.slice(0, 80)}${t.content.length > 80 ? '…' : ''}`;
        const text = KIND_TEXT[kind](short, due, t.leadUnitName);
        for (const u of await usersOf(t.leadUnitId, kind)) {
          await insert({
            userId: u.id,
            kind,
            taskId: t.id,
            periodKey: o.periodKey,
            title: text.title,
            body: text.body,
            link: `/directives/tasks/${t.id}`,
          });
        }
      }
    }
  }
  if (overdueByUnit.size) {
    const total = [...overdueByUnit.values()].reduce((a, b) => a + b, 0);
    const worst = [...overdueByUnit.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([n, c]) => `${n}: ${c}`)
      .join('; ');
    for (const u of await provincialUsers(s.db, s.provinceCode, ['cchc_office', 'leader'])) {
      await insert({
        userId: u.id,
        kind: 'overdue_digest',
        taskId: null,
        periodKey: today,
        title: `${total} nhiệm vụ quá hạn chưa hoàn thành (${overdueByUnit.size} đơn vị)`,
        body: `Nhiều nhất: ${worst}.`,
        link: '/directives?tab=overdue',
      });
    }
  }
  return created;
}

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

/** Sends the pending e-mails; a failure is recorded on the row and retried on the next pass. */
export async function sendPendingEmails(s: AppServices, mailer: Mailer, baseUrl: string): Promise<{ sent: number; failed: number }> {
  const rows = await s.db
    .selectFrom('notification as n')
    .innerJoin('appUser as u', 'u.id', 'n.userId')
    .select(['n.id', 'n.title', 'n.body', 'n.link', 'u.email', 'u.fullName'])
    .where('n.emailStatus', 'in', ['pending', 'failed'])
    .orderBy('n.id')
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

/** Runs a pass now and then every `intervalMs`; stops with the returned function. */
export function startReminderScheduler(
  s: AppServices,
  opts: {
    intervalMs: number;
    remindDays: number;
    mailer: Mailer | null;
    baseUrl: string;
    firstDelayMs?: number;
    log?: (m: string) => void;
  },
) {
  let running = false;
  const pass = async () => {
    if (running) return;
    running = true;
    try {
      const created = await runReminders(s, { remindDays: opts.remindDays, emailEnabled: !!opts.mailer });
      const mail = opts.mailer ? await sendPendingEmails(s, opts.mailer, opts.baseUrl) : { sent: 0, failed: 0 };
      if (created || mail.sent || mail.failed)
        opts.log?.(
          `nhắc việc: ${created} thông báo mới, ${mail.sent} thư đã gửi, ${mail.failed} thư lỗi (${formatLocalDateTime(s.now())})`,
        );
    } catch (err) {
      opts.log?.(`nhắc việc lỗi: ${(err as Error).message}`);
    } finally {
      running = false;
    }
  };
  // The first pass waits a little, so that start-up and the first page loads are not delayed by it.
  const first = setTimeout(pass, opts.firstDelayMs ?? 30_000);
  first.unref();
  const timer = setInterval(pass, opts.intervalMs);
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}

// ---- the user's notifications ---------------------------------------------------------------------

/** One page of the user's notifications (newest first); unread and total are counted in SQL. */
export async function listNotifications(db: Db, userId: number, page: { limit: number; offset: number } = { limit: 20, offset: 0 }) {
  const mine = db.selectFrom('notification').where('userId', '=', userId);
  const [rows, counts] = await Promise.all([
    mine
      .select(['id', 'kind', 'title', 'body', 'link', 'createdAt', 'readAt', 'emailStatus'])
      .orderBy('id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    mine
      .select([sql<number>`count(*)::int`.as('total'), sql<number>`(count(*) filter (where read_at is null))::int`.as('unread')])
      .executeTakeFirstOrThrow(),
  ]);
  return {
    unread: Number(counts.unread),
    total: Number(counts.total),
    items: rows.map((r) => ({
      ...r,
      createdAt: formatLocalDateTime(r.createdAt),
      readAt: r.readAt ? formatLocalDateTime(r.readAt) : null,
    })),
  };
}

export async function markRead(db: Db, userId: number, id: number | 'all', now: Date) {
  let q = db.updateTable('notification').set({ readAt: now }).where('userId', '=', userId).where('readAt', 'is', null);
  if (id !== 'all') q = q.where('id', '=', id);
  await q.execute();
}
