/**
 * Citizen feedback (phản ánh, kiến nghị — Decree 20/2008, amended by 48/2013; Decision 31/2021 for the
 * national portal; Decision 766 group 5): tracking codes, the clocks in working days, the workflow, and
 * the group-5 measures. Pure functions: no database, no clock of their own.
 */
import crypto from 'node:crypto';
import {
  addWorkingDays,
  AppError,
  countedReceiptDay,
  countWorkingDays,
  defineReviewFlow,
  foldText,
  toLocalParts,
  type IsoDate,
  type WorkingCalendar,
} from '@cchc/core';
import type { CaseKind, CaseStatus, Channel } from './feedback.tables';

/** The clocks of a category, in working days (the 766 values are the defaults). */
export interface CategoryClock {
  processDays: number;
  refuseDays: number;
  transferDays: number;
  publishDays: number;
}

export const CLOCK_766: CategoryClock = { processDays: 15, refuseDays: 2, transferDays: 5, publishDays: 2 };

/** The categories a province starts with; the office renames them, adds others and sets their clocks. */
export const DEFAULT_CATEGORIES: readonly { code: string; name: string }[] = [
  { code: 'thu_tuc', name: 'Thủ tục hành chính, giải quyết hồ sơ' },
  { code: 'cong_vu', name: 'Thái độ, hành vi của cán bộ, công chức' },
  { code: 'dat_dai', name: 'Đất đai, xây dựng, quy hoạch' },
  { code: 'moi_truong', name: 'Môi trường, vệ sinh, rác thải' },
  { code: 'giao_thong', name: 'Giao thông, hạ tầng đô thị' },
  { code: 'y_te', name: 'Y tế' },
  { code: 'giao_duc', name: 'Giáo dục' },
  { code: 'doanh_nghiep', name: 'Doanh nghiệp, đầu tư' },
  { code: 'khac', name: 'Lĩnh vực khác' },
];
/** The category a case gets when the sender chose none (the office classifies it). */
export const DEFAULT_CATEGORY = 'khac';

export const STATUS_LABELS: Record<CaseStatus, string> = {
  received: 'Mới tiếp nhận, chờ phân loại',
  rejected: 'Không tiếp nhận',
  redirected: 'Đã chuyển cơ quan có thẩm quyền',
  assigned: 'Đang xử lý',
  drafted: 'Đã dự thảo trả lời, chờ thủ trưởng duyệt',
  approved: 'Thủ trưởng đã duyệt, chờ công khai',
  returned: 'Trả lại để xử lý lại',
  published: 'Đã trả lời, công khai',
};

export const KIND_LABELS: Record<CaseKind, string> = {
  phan_anh: 'Phản ánh',
  kien_nghi: 'Kiến nghị',
  khieu_nai_to_cao: 'Khiếu nại, tố cáo (chuyển xử lý theo luật riêng)',
};

export const CHANNEL_LABELS: Record<Channel, string> = {
  web: 'Cổng thông tin (trực tuyến)',
  letter: 'Thư, đơn gửi trực tiếp hoặc qua bưu chính',
  phone: 'Điện thoại đường dây nóng',
  email: 'Thư điện tử',
  counter: 'Trực tiếp tại bộ phận một cửa',
  portal: 'Cổng Dịch vụ công quốc gia (PAKN)',
  app: 'Ứng dụng của tỉnh',
  zalo: 'Zalo',
  survey: 'Phiếu khảo sát',
};
export const CHANNELS = Object.keys(CHANNEL_LABELS) as Channel[];

/** Cases still waiting for the province to act (the clock runs). */
export const OPEN_STATUSES: readonly CaseStatus[] = ['received', 'assigned', 'drafted', 'approved', 'returned'];
/** Cases whose unit has not yet answered (approved by its head). */
export const UNANSWERED_STATUSES: readonly CaseStatus[] = ['received', 'assigned', 'drafted', 'returned'];

/**
 * The workflow (core's review machine): the office classifies, assigns and transfers, rejects or
 * redirects; the unit's focal point drafts, its head approves (edited or not); the office returns an
 * answer that does not match the question, or publishes it.
 */
export const caseFlow = defineReviewFlow<CaseStatus, 'assign' | 'reject' | 'redirect' | 'draft' | 'approve' | 'return' | 'publish'>({
  states: STATUS_LABELS,
  transitions: {
    assign: {
      from: ['received', 'assigned', 'drafted', 'returned'],
      to: 'assigned',
      roles: ['cchc_office', 'admin'],
      label: 'giao đơn vị xử lý',
    },
    reject: { from: ['received'], to: 'rejected', roles: ['cchc_office', 'admin'], label: 'từ chối tiếp nhận' },
    redirect: { from: ['received'], to: 'redirected', roles: ['cchc_office', 'admin'], label: 'chuyển cơ quan có thẩm quyền' },
    draft: {
      from: ['assigned', 'drafted', 'returned'],
      to: 'drafted',
      roles: ['focal_point', 'unit_head'],
      label: 'dự thảo trả lời',
    },
    approve: { from: ['assigned', 'drafted', 'returned'], to: 'approved', roles: ['unit_head'], label: 'duyệt trả lời' },
    return: { from: ['approved'], to: 'returned', roles: ['cchc_office', 'admin'], label: 'trả lại trả lời' },
    publish: { from: ['approved'], to: 'published', roles: ['cchc_office', 'admin'], label: 'công khai trả lời' },
  },
});

/** PAKN.YYYYMMDD.NNNN (Decision 31/2021): the day of receipt in Vietnam and that day's sequence number. */
export function caseCode(day: IsoDate, n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99_999) throw new RangeError('sequence out of range');
  return `PAKN.${day.replaceAll('-', '')}.${String(n).padStart(4, '0')}`;
}

export const CASE_CODE = /^PAKN\.\d{8}\.\d{4,5}$/;

/**
 * The clocks of a case received at an instant: counted from the day of receipt (after 15:00 or on a day
 * off, the next working day), the answer is due `processDays` working days later, a refusal or a
 * transfer outside the province's competence within `refuseDays`/`transferDays`.
 */
export function clocksFor(cal: WorkingCalendar, receivedAt: Date, clock: CategoryClock) {
  const countedFrom = countedReceiptDay(cal, receivedAt);
  return {
    countedFrom,
    dueDate: addWorkingDays(cal, countedFrom, clock.processDays),
    classifyDue: addWorkingDays(cal, countedFrom, Math.max(clock.refuseDays, clock.transferDays)),
  };
}

/** The due date after the one extension allowed (in working days, at most the category's own time). */
export function extendedDue(cal: WorkingCalendar, dueDate: IsoDate, days: number, clock: CategoryClock, alreadyExtended: boolean): IsoDate {
  if (alreadyExtended) throw new AppError('ALREADY_EXTENDED', 'Phản ánh chỉ được gia hạn một lần và đã được gia hạn.', 409);
  if (!Number.isInteger(days) || days < 1 || days > clock.processDays)
    throw new AppError('BAD_EXTENSION', `Số ngày gia hạn phải từ 1 đến ${clock.processDays} ngày làm việc.`);
  return addWorkingDays(cal, dueDate, days);
}

/** The day the approved answer must be published by. */
export function publishDueFor(cal: WorkingCalendar, approvedAt: Date, clock: CategoryClock): IsoDate {
  return addWorkingDays(cal, toLocalParts(approvedAt).date, clock.publishDays);
}

export type Timeliness = 'on_time' | 'late' | 'open' | 'overdue' | 'not_counted';

/**
 * How a case stands against its clock on a day: the unit's answer counts when its head approved it (the
 * office's own delay in publishing is measured apart, so a unit is not late for it). Rejected and
 * redirected cases are judged against the classification deadline.
 */
export function timeliness(
  c: { status: CaseStatus; dueDate: IsoDate; classifyDue: IsoDate; approvedAt: Date | null; classifiedAt: Date | null },
  today: IsoDate,
): Timeliness {
  if (c.status === 'rejected' || c.status === 'redirected') {
    if (!c.classifiedAt) return 'not_counted';
    return toLocalParts(c.classifiedAt).date <= c.classifyDue ? 'on_time' : 'late';
  }
  if (c.approvedAt) return toLocalParts(c.approvedAt).date <= c.dueDate ? 'on_time' : 'late';
  return today > c.dueDate ? 'overdue' : 'open';
}

export const TIMELINESS_LABELS: Record<Timeliness, string> = {
  on_time: 'Trả lời đúng hạn',
  late: 'Trả lời quá hạn',
  open: 'Trong hạn',
  overdue: 'Quá hạn chưa trả lời',
  not_counted: 'Không tính hạn',
};

/** Working days left (negative: days overdue) for an open case. */
export function daysLeft(cal: WorkingCalendar, today: IsoDate, dueDate: IsoDate): number {
  return countWorkingDays(cal, today, dueDate);
}

/** Counts behind the group-5 measures of a unit or the province over a period. */
export interface Group5Counts {
  /** Cases received in the period that were classified (accepted, rejected or redirected). */
  received: number;
  classified: number;
  /** Cases judged: answered in the period, or open and overdue at its end. */
  judged: number;
  onTime: number;
  /** Answered cases (published) in the period. */
  answered: number;
  /** Of those: rated unsatisfied (1–2 stars or "not solved"), repeated by the sender, answered late. */
  dissatisfied: number;
  repeated: number;
  late: number;
}

const rate = (num: number, den: number) => (den > 0 ? Math.round((num / den) * 10_000) / 100 : null);

/** Share of cases classified (766 group 5). */
export const classifiedRate = (c: Group5Counts) => rate(c.classified, c.received);
/** Share of judged cases answered on time (766 group 5: 15 working days). */
export const onTimeRate = (c: Group5Counts) => rate(c.onTime, c.judged);
/**
 * Satisfaction with handling (766 group 5): (answered − rated unsatisfied, repeated or late) ÷ answered;
 * a case that is several of these is taken off once.
 */
export const satisfactionRate = (c: Group5Counts) => rate(c.answered - Math.min(c.answered, c.dissatisfied), c.answered);

/** A rating counts as unsatisfied with 1–2 stars or when the sender says the problem is not solved. */
export function isDissatisfied(stars: number | null, solved: boolean | null): boolean {
  return (stars !== null && stars <= 2) || solved === false;
}

const COMPLAINT_WORDS = ['khieu nai', 'to cao', 'to giac'];

/**
 * Whether the text reads as a complaint or denunciation (khiếu nại, tố cáo), which follow their own laws:
 * a hint for the office, which decides.
 */
export function looksLikeComplaint(text: string): boolean {
  const f = foldText(text);
  return COMPLAINT_WORDS.some((w) => f.includes(w));
}

/** A Vietnamese phone number as digits (+84 → 0), or null when it is not one. */
export function normalisePhone(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let d = raw.replace(/[\s.()-]/g, '');
  if (d.startsWith('+84')) d = `0${d.slice(3)}`;
  else if (d.startsWith('84') && d.length === 11) d = `0${d.slice(2)}`;
  return /^0\d{9,10}$/.test(d) ? d : null;
}

export function isEmail(raw: string): boolean {
  return /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/.test(raw);
}

/**
 * A keyed hash of the sender's phone or e-mail (HMAC-SHA-256 with the deployment's secret): repeat
 * senders and repeated cases are found without reading contacts, and the key says nothing without the secret.
 */
export function senderKeyOf(secret: string, phone: string | null, email: string | null): string | null {
  const id = phone ?? (email ? email.trim().toLowerCase() : null);
  return id ? crypto.createHmac('sha256', secret).update(id).digest('hex') : null;
}
