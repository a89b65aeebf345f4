/**
 * The one scheduler: every pass runs each module's reminder sources, then sends the pending e-mails.
 * Module jobs run at start and on their own intervals. Nothing here knows a module.
 */
import { formatLocalDateTime } from '../calendar/calendar.domain';
import type { AppServices } from '../http/types';
import type { CchcModule, ReminderContext } from '../modules/module';
import { notify, recipients } from './notification.service';
import { sendPendingEmails, type Mailer } from './mail';

/** One reminder pass over every module's sources; returns how many notifications were created. */
export async function runReminders(
  s: AppServices,
  modules: readonly CchcModule[],
  opts: { remindDays: number; email: boolean; log?: (m: string) => void },
): Promise<number> {
  const ctx: ReminderContext = {
    services: s,
    remindDays: opts.remindDays,
    notify: (draft) => notify(s.db, draft, { email: opts.email }),
    recipients: (where, roles) => recipients(s.db, where === 'province' ? { provinceCode: s.provinceCode } : where, roles),
  };
  let created = 0;
  for (const m of modules) {
    for (const source of m.reminders ?? []) {
      try {
        created += await source.run(ctx);
      } catch (err) {
        // One module's failure does not stop the others' reminders.
        opts.log?.(`nhắc việc (${m.name}/${source.name}) lỗi: ${(err as Error).message}`);
      }
    }
  }
  return created;
}

export interface SchedulerOptions {
  intervalMs: number;
  remindDays: number;
  mailer: Mailer | null;
  baseUrl: string;
  firstDelayMs?: number;
  log?: (m: string) => void;
}

/** Runs the jobs marked `atStart` (before the server listens). */
export async function runStartJobs(s: AppServices, modules: readonly CchcModule[], log: (m: string) => void): Promise<void> {
  for (const m of modules) {
    for (const job of m.jobs ?? []) {
      if (!job.atStart) continue;
      const said = await job.run(s);
      if (said) log(said);
    }
  }
}

/** Starts the reminder passes and the modules' periodic jobs; stops them with the returned function. */
export function startScheduler(s: AppServices, modules: readonly CchcModule[], opts: SchedulerOptions): () => void {
  const timers: NodeJS.Timeout[] = [];
  let running = false;
  const pass = async () => {
    if (running) return;
    running = true;
    try {
      const created = await runReminders(s, modules, { remindDays: opts.remindDays, email: !!opts.mailer, log: opts.log });
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
  timers.push(first, setInterval(pass, opts.intervalMs));
  for (const m of modules) {
    for (const job of m.jobs ?? []) {
      const every = job.everyMs?.(s);
      if (!every) continue;
      let busy = false;
      timers.push(
        setInterval(() => {
          if (busy) return;
          busy = true;
          job
            .run(s)
            .then((said) => said && opts.log?.(said))
            .catch((err) => opts.log?.(`${m.name}/${job.name} lỗi: ${(err as Error).message}`))
            .finally(() => (busy = false));
        }, every),
      );
    }
  }
  for (const t of timers) t.unref();
  return () => timers.forEach((t) => clearTimeout(t));
}
