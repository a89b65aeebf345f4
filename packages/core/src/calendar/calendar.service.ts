import type { AppServices } from '../http/types';
import type { Actor } from '../policy/actor';
import { authorize } from '../policy/policy';
import { AppError } from '../errors';
import { recordAudit, type RequestContext } from '../audit/audit';
import { isIsoDate, isWeekend, type CalendarEntry } from './calendar.domain';
import * as repo from './calendar.repository';

export function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new AppError('INVALID_YEAR', `Năm không hợp lệ: ${year}.`);
}

/**
 * Replaces a year's days off and make-up working days (the Government announces bridge days late
 * in the previous year). Every entry is checked before anything is written.
 */
export async function replaceCalendarYear(
  s: AppServices,
  ctx: RequestContext,
  actor: Actor,
  year: number,
  entries: CalendarEntry[],
): Promise<CalendarEntry[]> {
  authorize(actor, 'calendar.update');
  checkYear(year);
  const seen = new Set<string>();
  entries.forEach((e, i) => {
    const row = `Dòng ${i + 1}`;
    if (!isIsoDate(e.date)) throw new AppError('INVALID_DATE', `${row}, trường "ngày": "${e.date}" không phải ngày hợp lệ (YYYY-MM-DD).`);
    if (!e.date.startsWith(`${year}-`)) throw new AppError('INVALID_DATE', `${row}, trường "ngày": ${e.date} không thuộc năm ${year}.`);
    if (seen.has(e.date)) throw new AppError('DUPLICATE_DATE', `${row}, trường "ngày": ${e.date} bị trùng.`);
    seen.add(e.date);
    if (e.kind === 'makeup_workday' && !isWeekend(e.date))
      throw new AppError('INVALID_MAKEUP_DAY', `${row}: ngày làm bù ${e.date} phải là thứ Bảy hoặc Chủ nhật.`);
    if (e.kind === 'day_off' && isWeekend(e.date))
      throw new AppError('INVALID_DAY_OFF', `${row}: ngày nghỉ ${e.date} đã là cuối tuần; hãy nhập ngày nghỉ bù vào ngày làm việc.`);
    if (!e.name?.trim()) throw new AppError('MISSING_NAME', `${row}, trường "tên": không được để trống.`);
  });
  await s.db.transaction().execute(async (tx) => {
    const before = await repo.listCalendarDays(tx, year);
    await repo.replaceYear(tx, year, entries);
    await recordAudit(tx, ctx, 'calendar.update', { entityType: 'calendar_year', entityId: year, before, after: entries });
  });
  await s.reloadCalendar();
  return repo.listCalendarDays(s.db, year);
}
