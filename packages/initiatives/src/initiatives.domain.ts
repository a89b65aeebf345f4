/**
 * The rules of CCHC initiatives (Decree 13/2012/NĐ-CP; the Law on Emulation and Commendation 2022) as pure
 * functions: the workflow, the council's score, the recognition a score supports, the reporting deadline,
 * and the before/after comparison of a figure around the start date.
 */
import { addDays, defineReviewFlow } from '@cchc/core';
import type { InitiativeStatus, RecognitionLevel } from './initiatives.tables';

/** The six areas of the State administrative reform programme (Resolution 76/NQ-CP) and the cross-cutting ones. */
export const AREAS = {
  institutions: 'Cải cách thể chế',
  procedures: 'Cải cách thủ tục hành chính',
  organisation: 'Cải cách tổ chức bộ máy hành chính nhà nước',
  civilService: 'Cải cách chế độ công vụ',
  finance: 'Cải cách tài chính công',
  digital: 'Xây dựng, phát triển Chính phủ điện tử, Chính phủ số',
  direction: 'Công tác chỉ đạo, điều hành, tuyên truyền CCHC',
} as const;
export type Area = keyof typeof AREAS;
export const isArea = (a: string): a is Area => Object.hasOwn(AREAS, a);

export const STATUS_LABELS: Record<InitiativeStatus, string> = {
  draft: 'Đang soạn',
  submitted: 'Đã gửi, chờ Sở Nội vụ kiểm tra',
  returned: 'Trả lại để bổ sung',
  accepted: 'Hồ sơ đầy đủ, chờ Hội đồng đánh giá',
  recognised: 'Được công nhận',
  not_recognised: 'Không được công nhận',
};
export const LEVEL_LABELS: Record<RecognitionLevel, string> = { unit: 'Cấp cơ sở', province: 'Cấp tỉnh' };

export const initiativeFlow = defineReviewFlow<InitiativeStatus, 'submit' | 'return' | 'accept' | 'recognise' | 'reject'>({
  states: STATUS_LABELS,
  transitions: {
    submit: { from: ['draft', 'returned'], to: 'submitted', roles: ['unit_head', 'cchc_office', 'admin'], label: 'gửi sáng kiến' },
    return: { from: ['submitted', 'accepted'], to: 'returned', roles: ['cchc_office', 'admin'], label: 'trả lại để bổ sung' },
    accept: { from: ['submitted'], to: 'accepted', roles: ['cchc_office', 'admin'], label: 'xác nhận hồ sơ đầy đủ' },
    recognise: { from: ['accepted'], to: 'recognised', roles: ['cchc_office', 'admin'], label: 'ghi quyết định công nhận' },
    reject: { from: ['accepted'], to: 'not_recognised', roles: ['cchc_office', 'admin'], label: 'ghi quyết định không công nhận' },
  },
});

/** The province's criteria to start from (the office edits them): 100 points. */
export const DEFAULT_CRITERIA = [
  { code: 'novelty', name: 'Tính mới, sáng tạo', maxPoints: 30 },
  { code: 'effect', name: 'Hiệu quả, lợi ích mang lại', maxPoints: 40 },
  { code: 'replicable', name: 'Khả năng nhân rộng, áp dụng ở đơn vị khác', maxPoints: 20 },
  { code: 'feasible', name: 'Tính khả thi, chi phí hợp lý', maxPoints: 10 },
];

/** Points a recognition needs (of 100): province level 70, unit level 50. */
export const THRESHOLDS = { province: 70, unit: 50 } as const;

export interface CouncilScore {
  /** Members who scored every criterion. */
  members: number;
  /** Mean of the members' totals, one decimal; null before anyone scored. */
  total: number | null;
  max: number;
  /** Mean per criterion. */
  byCriterion: Record<string, number>;
  /** What the score supports: province, unit, or none. */
  suggested: RecognitionLevel | 'none' | null;
}

/** The council's score: each member's total over the criteria, averaged over the members who scored all. */
export function councilScore(
  criteria: readonly { code: string; maxPoints: number }[],
  scores: readonly { memberId: number; criterionCode: string; points: number }[],
): CouncilScore {
  const max = criteria.reduce((a, c) => a + c.maxPoints, 0);
  const byMember = new Map<number, Map<string, number>>();
  for (const s of scores) {
    const m = byMember.get(s.memberId) ?? new Map<string, number>();
    m.set(s.criterionCode, s.points);
    byMember.set(s.memberId, m);
  }
  const complete = [...byMember.values()].filter((m) => criteria.every((c) => m.has(c.code)));
  if (!complete.length) return { members: 0, total: null, max, byCriterion: {}, suggested: null };
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const byCriterion = Object.fromEntries(criteria.map((c) => [c.code, Math.round(mean(complete.map((m) => m.get(c.code)!)) * 10) / 10]));
  const total = Math.round(mean(complete.map((m) => criteria.reduce((a, c) => a + m.get(c.code)!, 0))) * 10) / 10;
  const pct = max ? (total / max) * 100 : 0;
  return {
    members: complete.length,
    total,
    max,
    byCriterion,
    suggested: pct >= THRESHOLDS.province ? 'province' : pct >= THRESHOLDS.unit ? 'unit' : 'none',
  };
}

/** Initiatives count in the index when reported by 30 November of the year (Hanoi's rule; the office's default). */
export const reportingDeadline = (year: number) => `${year}-11-30`;

/** Days of application needed before an "after" figure means anything. */
export const MIN_AFTER_DAYS = 30;

/**
 * The year before and the year after the start (the after window ends today at the latest); `measurable`
 * is false while fewer than MIN_AFTER_DAYS have passed.
 */
export function effectWindows(startedOn: string, today: string) {
  const afterTo = addDays(startedOn, 364) < today ? addDays(startedOn, 364) : today;
  return {
    before: { from: addDays(startedOn, -365), to: addDays(startedOn, -1) },
    after: { from: startedOn, to: afterTo },
    measurable: addDays(startedOn, MIN_AFTER_DAYS - 1) <= afterTo,
  };
}

/** The change of a figure: after − before (points for percentages), null when one side is missing. */
export const change = (before: number | null, after: number | null) =>
  before === null || after === null ? null : Math.round((after - before) * 10) / 10;
