/**
 * Deadlines and status of directive tasks (DOMAIN §5), in working days. Pure: the working calendar and
 * "today" are passed in.
 */
import { addWorkingDays, countWorkingDays, formatDate, type WorkingCalendar } from '@cchc/core';
import type { Recurrence, ReportState } from './directives.tables';

export type TaskStatus = 'not_started' | 'in_progress' | 'done_on_time' | 'done_late' | 'overdue' | 'cancelled';

export const STATUS_LABELS: Record<TaskStatus, string> = {
  not_started: 'Chưa thực hiện',
  in_progress: 'Đang thực hiện',
  done_on_time: 'Hoàn thành đúng hạn',
  done_late: 'Hoàn thành quá hạn',
  overdue: 'Quá hạn chưa hoàn thành',
  cancelled: 'Đã hủy',
};

/** Said instead of "in progress" while a report sent in time waits for Sở Nội vụ. */
export const AWAITING_REVIEW_LABEL = 'Đã báo cáo, chờ thẩm định';

export const RECURRENCE_LABELS: Record<Recurrence, string> = {
  monthly: 'Hằng tháng',
  quarterly: 'Hằng quý',
  half_yearly: '6 tháng',
  yearly: 'Hằng năm',
};

import { periodsBetween } from '@cchc/core';
export { periodsBetween, type Period } from '@cchc/core';

export interface TaskDeadline {
  /** The directive's date: recurring duties start with the period that contains it. */
  start: string;
  dueDate: string | null;
  recurrence: Recurrence | null;
  reportDays: number | null;
  recurUntil: string | null;
}

export interface Obligation {
  periodKey: string;
  periodLabel: string;
  periodEnd: string | null;
  dueDate: string;
}

/** What is owed: once by a date, or a report for each period, due N working days after it ends. */
export function obligations(t: TaskDeadline, cal: WorkingCalendar): Obligation[] {
  if (t.dueDate) return [{ periodKey: 'once', periodLabel: 'Một lần', periodEnd: null, dueDate: t.dueDate }];
  if (!t.recurrence) return [];
  const until = t.recurUntil ?? `${t.start.slice(0, 4)}-12-31`;
  return periodsBetween(t.recurrence, t.start, until).map((p) => ({
    periodKey: p.key,
    periodLabel: p.label,
    periodEnd: p.end,
    dueDate: addWorkingDays(cal, p.end, t.reportDays ?? 0),
  }));
}

export interface ReportFacts {
  state: ReportState;
  /** Local date of the (last) submission. */
  submittedOn: string | null;
}

/**
 * Status of one obligation from its due date, its report and today: a returned report is not done; a
 * report sent by the due date and not yet reviewed is not late (the unit is not late for the office's delay).
 */
export function obligationStatus(dueDate: string, report: ReportFacts | undefined, today: string): TaskStatus {
  if (report?.state === 'accepted') return report.submittedOn && report.submittedOn > dueDate ? 'done_late' : 'done_on_time';
  if (report?.state === 'submitted' && report.submittedOn && report.submittedOn <= dueDate) return 'in_progress';
  if (today > dueDate) return 'overdue';
  return report ? 'in_progress' : 'not_started';
}

/**
 * A task's status as of today: the worst of the obligations already due, or the next one's when none is
 * due yet. Order of severity: overdue, done late, then the rest.
 */
export function combineStatus(items: { dueDate: string; status: TaskStatus }[], today: string): TaskStatus {
  const due = items.filter((i) => i.dueDate <= today || i.status === 'done_on_time' || i.status === 'done_late');
  if (!due.length) return items.find((i) => i.dueDate > today)?.status ?? 'not_started';
  if (due.some((i) => i.status === 'overdue')) return 'overdue';
  if (due.some((i) => i.status === 'in_progress' || i.status === 'not_started')) return 'in_progress';
  if (due.some((i) => i.status === 'done_late')) return 'done_late';
  return 'done_on_time';
}

export const isDone = (s: TaskStatus) => s === 'done_on_time' || s === 'done_late';

/** Working days past the due date (0 when not late). */
export function daysLate(cal: WorkingCalendar, dueDate: string, doneOrToday: string): number {
  return doneOrToday > dueDate ? countWorkingDays(cal, dueDate, doneOrToday) : 0;
}

export type ReminderKind = 'due_soon' | 'due_today' | 'overdue';

/**
 * Which reminder an open obligation calls for today: to the focal point from `remindDays` working days
 * before the due date, to the unit head on the day, to Sở Nội vụ and the leader after it.
 */
export function reminderFor(cal: WorkingCalendar, dueDate: string, today: string, remindDays: number): ReminderKind | null {
  if (today > dueDate) return 'overdue';
  if (today === dueDate) return 'due_today';
  const left = countWorkingDays(cal, today, dueDate);
  return left <= remindDays ? 'due_soon' : null;
}

/** Checks a deadline typed by a user; returns a Vietnamese message or null. */
export function deadlineProblem(
  t: { dueDate?: string | null; recurrence?: Recurrence | null; reportDays?: number | null },
  directiveDate: string,
): string | null {
  if (!t.dueDate && !t.recurrence) return 'chưa có thời hạn (một ngày cụ thể hoặc định kỳ)';
  if (t.dueDate && t.recurrence) return 'chỉ chọn một loại thời hạn: ngày cụ thể hoặc định kỳ';
  if (t.dueDate && t.dueDate < directiveDate)
    return `thời hạn ${formatDate(t.dueDate)} trước ngày ban hành văn bản ${formatDate(directiveDate)}`;
  if (t.recurrence && (t.reportDays ?? 0) < 0) return 'số ngày làm việc để báo cáo sau kỳ không được âm';
  return null;
}
