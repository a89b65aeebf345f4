import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import { getSolarDate } from '@dqcai/vn-lunar';

dayjs.extend(utc);

/** 'YYYY-MM-DD' */
export type IsoDate = string;

export type CalendarDayKind = 'day_off' | 'makeup_workday';

export interface CalendarEntry {
  date: IsoDate;
  kind: CalendarDayKind;
  name: string;
  source?: string | null;
}

/**
 * The working-day calendar: weekdays off (holidays, bridge days) and Saturdays or Sundays that
 * are worked instead. Everything else follows the Monday–Friday week.
 */
export interface WorkingCalendar {
  daysOff: ReadonlySet<IsoDate>;
  makeupDays: ReadonlySet<IsoDate>;
}

export function buildCalendar(entries: Iterable<Pick<CalendarEntry, 'date' | 'kind'>>): WorkingCalendar {
  const daysOff = new Set<IsoDate>();
  const makeupDays = new Set<IsoDate>();
  for (const e of entries) (e.kind === 'day_off' ? daysOff : makeupDays).add(e.date);
  return { daysOff, makeupDays };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: string): boolean {
  return ISO_DATE.test(value) && dayjs.utc(value).format('YYYY-MM-DD') === value;
}

// Day arithmetic on UTC midnights with plain Date: these run millions of times in reports, and a
// calendar day is always 86,400,000 ms in UTC.
const DAY_MS = 86_400_000;
const digit = (s: string, i: number) => s.charCodeAt(i) - 48;

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date, by integer arithmetic (days from civil). */
function dayNumber(date: IsoDate): number {
  let y = digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3);
  const m = digit(date, 5) * 10 + digit(date, 6);
  const d = digit(date, 8) * 10 + digit(date, 9);
  if (m <= 2) y--;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const toMs = (date: IsoDate) => dayNumber(date) * DAY_MS;
// Formatting a day is the costly part of date arithmetic; imports touch a few thousand distinct days.
const isoByDay = new Map<number, IsoDate>();
const fromMs = (ms: number): IsoDate => {
  let iso = isoByDay.get(ms);
  if (iso === undefined) {
    iso = new Date(ms).toISOString().slice(0, 10);
    if (isoByDay.size < 100_000) isoByDay.set(ms, iso);
  }
  return iso;
};

export function addDays(date: IsoDate, n: number): IsoDate {
  return fromMs(toMs(date) + n * DAY_MS);
}

export function isWeekend(date: IsoDate): boolean {
  const dow = new Date(toMs(date)).getUTCDay();
  return dow === 0 || dow === 6;
}

/**
 * The calendar compiled once into flat arrays over 1990–2100: whether each day is worked and how many
 * working days there are up to it. Imports ask millions of due-date questions; with the index each is a
 * few array reads instead of a walk over days and sets. Outside the window, the plain rules below apply.
 */
interface DayIndex {
  working: Uint8Array;
  /** cumulative[i]: working days among days 0..i of the window. */
  cumulative: Int32Array;
}
const WINDOW_FIRST = Date.UTC(1990, 0, 1) / DAY_MS;
const WINDOW_DAYS = Date.UTC(2101, 0, 1) / DAY_MS - WINDOW_FIRST;
const indexes = new WeakMap<WorkingCalendar, DayIndex>();

function dayIndex(cal: WorkingCalendar): DayIndex {
  let index = indexes.get(cal);
  if (index) return index;
  const working = new Uint8Array(WINDOW_DAYS);
  for (let i = 0; i < WINDOW_DAYS; i++) {
    const dow = (i + WINDOW_FIRST + 4) % 7; // 1970-01-01 was a Thursday
    working[i] = dow === 0 || dow === 6 ? 0 : 1;
  }
  const set = (date: IsoDate, v: number) => {
    const i = dayNumber(date) - WINDOW_FIRST;
    if (i >= 0 && i < WINDOW_DAYS) working[i] = v;
  };
  for (const d of cal.daysOff) set(d, 0);
  for (const d of cal.makeupDays) set(d, 1); // a make-up day wins, as in isWorkingDay
  const cumulative = new Int32Array(WINDOW_DAYS);
  let n = 0;
  for (let i = 0; i < WINDOW_DAYS; i++) cumulative[i] = n += working[i]!;
  index = { working, cumulative };
  indexes.set(cal, index);
  return index;
}

/** Position of a date in the window, or -1 outside it. */
function windowPosition(date: IsoDate): number {
  const i = dayNumber(date) - WINDOW_FIRST;
  return i >= 0 && i < WINDOW_DAYS ? i : -1;
}
const fromPosition = (i: number): IsoDate => fromMs((i + WINDOW_FIRST) * DAY_MS);

export function isWorkingDay(cal: WorkingCalendar, date: IsoDate): boolean {
  const i = windowPosition(date);
  if (i >= 0) return dayIndex(cal).working[i] === 1;
  if (cal.makeupDays.has(date)) return true;
  if (cal.daysOff.has(date)) return false;
  return !isWeekend(date);
}

export function nextWorkingDay(cal: WorkingCalendar, date: IsoDate): IsoDate {
  return addWorkingDays(cal, date, 1);
}

export function previousWorkingDay(cal: WorkingCalendar, date: IsoDate): IsoDate {
  const i = windowPosition(date);
  if (i > 0) {
    const { working } = dayIndex(cal);
    for (let j = i - 1; j >= 0; j--) if (working[j]) return fromPosition(j);
  }
  let d = addDays(date, -1);
  while (!isWorkingDay(cal, d)) d = addDays(d, -1);
  return d;
}

/** The n-th working day after `from` (the day `from` itself is never counted). n = 0 returns `from`. */
export function addWorkingDays(cal: WorkingCalendar, from: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a non-negative integer');
  if (n === 0) return from;
  const i = windowPosition(from);
  if (i >= 0) {
    // The first day whose cumulative count reaches cumulative[from] + n: binary search.
    const { cumulative } = dayIndex(cal);
    const target = cumulative[i]! + n;
    if (target <= cumulative[WINDOW_DAYS - 1]!) {
      let lo = i + 1;
      let hi = WINDOW_DAYS - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cumulative[mid]! < target) lo = mid + 1;
        else hi = mid;
      }
      return fromPosition(lo);
    }
  }
  let d = from;
  for (let k = 0; k < n; k++) {
    d = addDays(d, 1);
    while (!isWorkingDay(cal, d)) d = addDays(d, 1);
  }
  return d;
}

/** Working days d with from < d ≤ to; negative when `to` is before `from`. */
export function countWorkingDays(cal: WorkingCalendar, from: IsoDate, to: IsoDate): number {
  if (to < from) return -countWorkingDays(cal, to, from);
  const a = windowPosition(from);
  const b = windowPosition(to);
  if (a >= 0 && b >= 0) {
    const { cumulative } = dayIndex(cal);
    return cumulative[b]! - cumulative[a]!;
  }
  // Weekdays by arithmetic, then the calendar's exceptions inside the range: O(exceptions), not O(days).
  const start = toMs(from) + DAY_MS;
  const days = Math.round((toMs(to) - start) / DAY_MS) + 1;
  const full = Math.floor(days / 7);
  let count = full * 5;
  const startDow = new Date(start).getUTCDay();
  for (let i = 0; i < days % 7; i++) {
    const dow = (startDow + i) % 7;
    if (dow !== 0 && dow !== 6) count++;
  }
  for (const d of cal.daysOff) if (d > from && d <= to && !isWeekend(d) && !cal.makeupDays.has(d)) count--;
  for (const d of cal.makeupDays) if (d > from && d <= to && isWeekend(d)) count++;
  return count;
}

export const VN_UTC_OFFSET_MINUTES = 7 * 60;
export const RECEIPT_CUTOFF = '15:00:00';

const two = (n: number) => (n < 10 ? '0' : '') + n;

/** Local (UTC+7) date and time of an instant. */
export function toLocalParts(instant: Date): { date: IsoDate; time: string } {
  // Vietnam keeps UTC+7 all year (no daylight saving), so a fixed shift is exact and much faster than a
  // time-zone library in imports of millions of rows.
  const local = instant.getTime() + VN_UTC_OFFSET_MINUTES * 60_000;
  const day = Math.floor(local / DAY_MS) * DAY_MS;
  const seconds = Math.floor((local - day) / 1000);
  return { date: fromMs(day), time: `${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}` };
}

/** ISO 8601 with the +07:00 offset, as every API reply shows date-times. */
export function formatLocalDateTime(instant: Date): string {
  return new Date(instant.getTime() + VN_UTC_OFFSET_MINUTES * 60_000).toISOString().slice(0, 19) + '+07:00';
}

/**
 * The day a receipt counts from (DOMAIN §4): a dossier received after 15:00, or on a day that is
 * not a working day, counts from the next working day.
 */
export function countedReceiptDay(cal: WorkingCalendar, receivedAt: Date): IsoDate {
  const { date, time } = toLocalParts(receivedAt);
  if (!isWorkingDay(cal, date) || time > RECEIPT_CUTOFF) return nextWorkingDay(cal, date);
  return date;
}

/** Lunar → solar date in Vietnam's time zone (UTC+7); differs from the Chinese calendar in e.g. 2030. */
export function lunarToSolar(lunarDay: number, lunarMonth: number, lunarYear: number): IsoDate {
  const s = getSolarDate(lunarDay, lunarMonth, lunarYear);
  return dayjs.utc(Date.UTC(s.year, s.month - 1, s.day)).format('YYYY-MM-DD');
}

export function lunarNewYear(year: number): IsoDate {
  return lunarToSolar(1, 1, year);
}

/**
 * Statutory holidays (Labour Code 2019 art. 112) for a year the Government has not announced yet:
 * 1/1; Tết: the last day of the lunar year and the first four days of the new one; Hùng Kings
 * (10/3 lunar); 30/4; 1/5; 2/9 and an adjacent day. A holiday on a weekend moves to the next
 * working day. Administrators replace these with the announced schedule when it is published.
 */
export function statutoryHolidays(year: number): CalendarEntry[] {
  const source = 'Bộ luật Lao động 2019, Điều 112 (dự kiến, chưa có thông báo của Chính phủ)';
  const tet = lunarNewYear(year);
  const named: Array<[IsoDate, string]> = [
    [`${year}-01-01`, `Tết Dương lịch ${year}`],
    ...[-1, 0, 1, 2, 3].map((k): [IsoDate, string] => [addDays(tet, k), `Tết Nguyên Đán ${year}`]),
    [lunarToSolar(10, 3, year), `Giỗ Tổ Hùng Vương ${year}`],
    [`${year}-04-30`, `Ngày Chiến thắng 30/4/${year}`],
    [`${year}-05-01`, `Ngày Quốc tế Lao động ${year}`],
    [`${year}-09-02`, `Quốc khánh ${year}`],
  ];
  const nationalDayDow = new Date(toMs(`${year}-09-02`)).getUTCDay();
  named.push([nationalDayDow === 2 ? `${year}-09-01` : `${year}-09-03`, `Quốc khánh ${year} (ngày liền kề)`]);

  const taken = new Set(named.map(([d]) => d));
  const out: CalendarEntry[] = [];
  for (const [date, name] of named) {
    let d = date;
    if (isWeekend(d)) {
      d = addDays(d, 1);
      while (isWeekend(d) || taken.has(d)) d = addDays(d, 1);
      taken.add(d);
      out.push({ date: d, kind: 'day_off', name: `${name} (nghỉ bù)`, source });
    } else {
      out.push({ date: d, kind: 'day_off', name, source });
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}
