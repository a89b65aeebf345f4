import type { Db } from '../db/database';
import type { CalendarEntry, WorkingCalendar } from './calendar.domain';
import { buildCalendar } from './calendar.domain';

export async function listCalendarDays(db: Db, year?: number): Promise<CalendarEntry[]> {
  let q = db.selectFrom('calendarDay').select(['date', 'kind', 'name', 'source']).orderBy('date');
  if (year) q = q.where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`);
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, kind: r.kind as CalendarEntry['kind'] }));
}

export async function loadWorkingCalendar(db: Db): Promise<WorkingCalendar> {
  return buildCalendar(await listCalendarDays(db));
}

export async function replaceYear(db: Db, year: number, entries: CalendarEntry[]): Promise<void> {
  await db.deleteFrom('calendarDay').where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`).execute();
  if (entries.length)
    await db
      .insertInto('calendarDay')
      .values(entries.map((e) => ({ date: e.date, kind: e.kind, name: e.name, source: e.source ?? null })))
      .execute();
}

export async function insertDays(db: Db, entries: CalendarEntry[]): Promise<void> {
  if (!entries.length) return;
  await db
    .insertInto('calendarDay')
    .values(entries.map((e) => ({ date: e.date, kind: e.kind, name: e.name, source: e.source ?? null })))
    .onConflict((oc) => oc.column('date').doNothing())
    .execute();
}
