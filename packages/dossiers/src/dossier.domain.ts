/**
 * Dossier rules (DOMAIN §3–4), pure: parsing local times, the due date (15:00 cut-off, working days,
 * working hours, supplement waits), the outcome as of a date, and the apology rule.
 */
import {
  addDays,
  addWorkingDays,
  countWorkingDays,
  countedReceiptDay,
  isWorkingDay,
  nextWorkingDay,
  previousWorkingDay,
  toLocalParts,
  type WorkingCalendar,
} from '@cchc/core/domain';

export type TimeUnit = 'ngay_lam_viec' | 'ngay' | 'gio';
export type Outcome = 'early' | 'on_time' | 'late' | 'open' | 'open_overdue';

const VN_RE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * A local (UTC+7) date-time as written in exports: `2025-09-03T14:20:00`, `03/09/2025 14:20[:ss]`, or a
 * date alone. Returns the instant, whether a time was given, or null when the text is not a date.
 */
export function parseLocalDateTime(text: string): { at: Date; hasTime: boolean; date: string } | null {
  const s = text.trim();
  let Y: number,
    M: number,
    D: number,
    H = 0,
    Mi = 0,
    S = 0,
    hasTime = false,
    date: string;
  const n = s.length;
  if ((n === 10 || n === 16 || n === 19) && s[4] === '-' && s[7] === '-') {
    // ISO, the form of almost every export: read by position (imports parse millions of these).
    Y = digitsAt(s, 0, 4);
    M = digitsAt(s, 5, 2);
    D = digitsAt(s, 8, 2);
    if (n > 10) {
      if ((s[10] !== 'T' && s[10] !== ' ') || s[13] !== ':' || (n === 19 && s[16] !== ':')) return null;
      H = digitsAt(s, 11, 2);
      Mi = digitsAt(s, 14, 2);
      S = n === 19 ? digitsAt(s, 17, 2) : 0;
      hasTime = true;
    }
    if (Y < 0 || M < 0 || D < 0 || H < 0 || Mi < 0 || S < 0) return null;
    date = s.slice(0, 10);
  } else {
    const m = VN_RE.exec(s);
    if (!m) return null;
    const [, d, mo, y, h, mi, se] = m as unknown as [string, string, string, string, string?, string?, string?];
    Y = Number(y);
    M = Number(mo);
    D = Number(d);
    if (h !== undefined) {
      H = Number(h);
      Mi = Number(mi);
      S = se === undefined ? 0 : Number(se);
      hasTime = true;
    }
    date = `${y}-${mo.length === 1 ? '0' + mo : mo}-${d.length === 1 ? '0' + d : d}`;
  }
  if (M < 1 || M > 12 || D < 1 || D > daysInMonth(Y, M) || H > 23 || Mi > 59 || S > 59) return null; // 31/02 and the like
  return { at: new Date(Date.UTC(Y, M - 1, D, H - 7, Mi, S)), hasTime, date };
}

/** The number written by `len` digits at `from`, or -1 when one of them is not a digit. */
function digitsAt(s: string, from: number, len: number): number {
  let v = 0;
  for (let i = from; i < from + len; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysInMonth = (y: number, m: number) => (m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : DAYS_IN_MONTH[m - 1]!);

export interface SupplementWait {
  start: Date;
  end: Date | null;
}

/** `start/end;start/end` pairs (either date format); an open wait has no end. */
export function parseSupplements(text: string): SupplementWait[] | string {
  if (!text.trim()) return [];
  const out: SupplementWait[] = [];
  for (const pair of text
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [a, b] = pair.split('/').length === 2 ? pair.split('/') : splitVnPair(pair);
    const start = a ? parseLocalDateTime(a) : null;
    const end = b?.trim() ? parseLocalDateTime(b) : null;
    if (!start || (b?.trim() && !end)) return `"${pair}" không phải cặp thời điểm bắt đầu/kết thúc`;
    if (end && end.at < start.at) return `"${pair}": thời điểm kết thúc trước thời điểm bắt đầu`;
    out.push({ start: start.at, end: end?.at ?? null });
  }
  return out;
}

/** "03/09/2025 10:00/05/09/2025 16:00" has slashes inside the dates: split on the slash between them. */
function splitVnPair(pair: string): [string, string | undefined] {
  const m = /^(\d{1,2}\/\d{1,2}\/\d{4}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)\s*\/\s*(.*)$/.exec(pair);
  return m ? [m[1]!, m[2]] : [pair, undefined];
}

const WORK_START = 8 * 60;
const WORK_END = 17 * 60;

/** Adds working hours (08:00–17:00 on working days) to an instant; returns the local due date. */
export function addWorkingHours(cal: WorkingCalendar, from: Date, hours: number): string {
  const { date, time } = toLocalParts(from);
  let day = date;
  let minute = Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
  if (!isWorkingDay(cal, day) || minute >= WORK_END) {
    day = nextWorkingDay(cal, day);
    minute = WORK_START;
  } else if (minute < WORK_START) minute = WORK_START;
  let left = hours * 60;
  for (;;) {
    const room = WORK_END - minute;
    if (left <= room) return day;
    left -= room;
    day = nextWorkingDay(cal, day);
    minute = WORK_START;
  }
}

export interface DueInput {
  receivedAt: Date;
  appointmentAt: Date | null;
  timeLimit: number | null;
  timeUnit: TimeUnit | null;
  supplements: SupplementWait[];
}

/**
 * The due date: the promised return date when given; otherwise from the counted receipt day (after
 * 15:00 or on a day off counts from the next working day) plus the statutory time. Working days inside
 * supplement waits (after the request, up to the day the applicant supplied) extend it by as many
 * working days; a wait still open does not extend it yet.
 */
export function dueDate(cal: WorkingCalendar, d: DueInput): string | null {
  let due: string;
  if (d.appointmentAt) due = toLocalParts(d.appointmentAt).date;
  else if (d.timeLimit !== null && d.timeUnit) {
    const counted = countedReceiptDay(cal, d.receivedAt);
    if (d.timeUnit === 'ngay_lam_viec') due = addWorkingDays(cal, counted, d.timeLimit);
    else if (d.timeUnit === 'ngay') due = addDays(counted, d.timeLimit);
    else due = addWorkingHours(cal, d.receivedAt, d.timeLimit);
  } else return null;
  // A wait counts the working days after the request up to and including the day the applicant supplied.
  let waited = 0;
  for (const w of d.supplements)
    if (w.end) waited += Math.max(0, countWorkingDays(cal, toLocalParts(w.start).date, toLocalParts(w.end).date));
  return waited ? addWorkingDays(cal, due, waited) : due;
}

/**
 * Early, on time or late when closed; open or open-overdue as of `asOf`. A second supplement request
 * counts as late (766 rule).
 */
export function outcome(due: string | null, finishedAt: Date | null, supplementCount: number, asOf: string): Outcome {
  const finished = finishedAt ? toLocalParts(finishedAt).date : null;
  if (!finished || finished > asOf) return due && asOf > due ? 'open_overdue' : 'open';
  if (supplementCount >= 2) return 'late';
  if (!due) return 'on_time';
  if (finished < due) return 'early';
  return finished === due ? 'on_time' : 'late';
}

export type ApologyStatus = 'not_needed' | 'compliant' | 'late' | 'missing';

/** The apology must be sent at least one working day before the original due date. */
export function apologyStatus(cal: WorkingCalendar, due: string | null, apologyAt: Date | null, isLate: boolean): ApologyStatus {
  if (!apologyAt) return isLate ? 'missing' : 'not_needed';
  if (!due) return 'compliant';
  const sent = toLocalParts(apologyAt).date;
  return sent <= previousWorkingDay(cal, due) ? 'compliant' : 'late';
}

/** Categories of lateness used by the Vũng Tàu report (seed 004), in the order reports list them. */
export const LATE_CAUSE_CATEGORIES = [
  'Do cán bộ, công chức',
  'Liên thông, phối hợp giữa các cơ quan',
  'Do người dân, tổ chức',
  'Phần mềm, hệ thống',
  'Nguyên nhân khác',
  'Chưa ghi nguyên nhân',
] as const;

/** The category of a free-text cause of lateness (one of LATE_CAUSE_CATEGORIES). */
export function lateCauseCategory(cause: string | null): string {
  const c = (cause ?? '').toLowerCase().normalize('NFC');
  if (!c.trim()) return 'Chưa ghi nguyên nhân';
  if (/phần mềm|hệ thống|lỗi kỹ thuật|đường truyền|kết thúc trễ trên/.test(c)) return 'Phần mềm, hệ thống';
  if (/liên thông|phối hợp|cơ quan khác|chờ ý kiến|xác minh/.test(c)) return 'Liên thông, phối hợp giữa các cơ quan';
  if (/người dân|công dân|tổ chức|bổ sung|chưa nộp|không đến nhận/.test(c)) return 'Do người dân, tổ chức';
  if (/cán bộ|công chức|chậm xử lý|quá tải|nghỉ phép|thiếu người/.test(c)) return 'Do cán bộ, công chức';
  return 'Nguyên nhân khác';
}

export const OUTCOME_LABELS: Record<Outcome, string> = {
  early: 'Trước hạn',
  on_time: 'Đúng hạn',
  late: 'Trễ hạn',
  open: 'Đang giải quyết',
  open_overdue: 'Đang giải quyết, quá hạn',
};
