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
  parseLocalDateTime,
  previousWorkingDay,
  toLocalParts,
  type WorkingCalendar,
} from '@cchc/core/domain';

export { parseLocalDateTime };

export type TimeUnit = 'ngay_lam_viec' | 'ngay' | 'gio';
export type Outcome = 'early' | 'on_time' | 'late' | 'open' | 'open_overdue';

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
