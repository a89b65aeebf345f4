/**
 * The rules of CCHC inspections as pure functions: what counts as inspected, coverage against the
 * province's target, the risk ranking that suggests units, the sealed random draw for unannounced visits,
 * a finding's state and the remediation rate, and when a finding repeats an earlier one.
 */
import { createHash } from 'node:crypto';
import type { FindingStatus, InspectionKind, InspectionStatus, Severity } from './inspections.tables';

/** The contents an inspection covers (Decree 63/2010, Circular 02/2017/TT-VPCP; the provincial plans). */
export const AREAS = {
  direction: 'Công tác chỉ đạo, điều hành cải cách hành chính',
  procedures: 'Cải cách thủ tục hành chính, cơ chế một cửa, một cửa liên thông',
  feedback: 'Tiếp nhận, xử lý phản ánh, kiến nghị',
  discipline: 'Kỷ luật, kỷ cương hành chính, công vụ',
  organisation: 'Cải cách tổ chức bộ máy hành chính',
  civilService: 'Cải cách chế độ công vụ',
  finance: 'Cải cách tài chính công',
  digital: 'Xây dựng chính quyền điện tử, chính quyền số',
} as const;
export type Area = keyof typeof AREAS;
export const isArea = (a: string): a is Area => Object.hasOwn(AREAS, a);

export const KIND_LABELS: Record<InspectionKind, string> = {
  planned: 'Theo kế hoạch',
  unannounced: 'Đột xuất',
  thematic: 'Chuyên đề',
  self: 'Tự kiểm tra',
};
export const STATUS_LABELS: Record<InspectionStatus, string> = {
  scheduled: 'Đã lên lịch',
  concluded: 'Đã có kết luận',
  cancelled: 'Đã hủy',
};
export const SEVERITY_LABELS: Record<Severity, string> = { minor: 'Nhẹ', major: 'Đáng kể', serious: 'Nghiêm trọng' };

/** The checklist the province starts from (the office edits it). */
export const DEFAULT_TEMPLATE: { code: string; area: Area; text: string }[] = [
  { code: 'CD1', area: 'direction', text: 'Ban hành kế hoạch CCHC năm đúng thời hạn, đủ nội dung' },
  { code: 'CD2', area: 'direction', text: 'Báo cáo CCHC định kỳ đúng hạn, đúng nội dung' },
  { code: 'CD3', area: 'direction', text: 'Hoàn thành các nhiệm vụ được UBND tỉnh giao đúng hạn' },
  { code: 'TT1', area: 'procedures', text: 'Công khai đầy đủ thủ tục hành chính tại Bộ phận Một cửa và trên Cổng dịch vụ công' },
  { code: 'TT2', area: 'procedures', text: 'Hồ sơ được tiếp nhận, giải quyết, trả kết quả đúng hạn; sổ theo dõi đầy đủ' },
  { code: 'TT3', area: 'procedures', text: 'Gửi phiếu xin lỗi, hẹn lại ngày trả kết quả đối với hồ sơ quá hạn' },
  { code: 'TT4', area: 'procedures', text: 'Không yêu cầu thành phần hồ sơ ngoài quy định' },
  { code: 'PA1', area: 'feedback', text: 'Tiếp nhận, xử lý và công khai kết quả xử lý phản ánh, kiến nghị đúng hạn' },
  { code: 'KL1', area: 'discipline', text: 'Chấp hành giờ giấc làm việc, đeo thẻ công chức, ứng xử đúng quy tắc' },
  { code: 'KL2', area: 'discipline', text: 'Không có hành vi nhũng nhiễu, gây phiền hà cho người dân, doanh nghiệp' },
  { code: 'TC1', area: 'organisation', text: 'Quy chế làm việc, chức năng nhiệm vụ các phòng được ban hành, cập nhật' },
  { code: 'CV1', area: 'civilService', text: 'Bố trí công chức đúng vị trí việc làm được phê duyệt' },
  { code: 'TCC1', area: 'finance', text: 'Thực hiện cơ chế tự chủ tài chính, công khai dự toán, quyết toán' },
  { code: 'CS1', area: 'digital', text: 'Xử lý văn bản, hồ sơ công việc trên môi trường điện tử; ký số' },
];

/** Held: the visit's day has come and it was not cancelled (the contract's "date on or before today"). */
export const isHeld = (i: { status: InspectionStatus; date: string }, today: string) => i.status !== 'cancelled' && i.date <= today;

export interface Coverage {
  units: number;
  inspected: number;
  /** 0–1 */
  share: number;
  target: number;
  /** Units still to inspect to reach the target. */
  missing: number;
}

export function coverage(units: number, inspected: number, target: number): Coverage {
  const share = units ? inspected / units : 0;
  return {
    units,
    inspected,
    share: Math.round(share * 10_000) / 10_000,
    target,
    missing: Math.max(0, Math.ceil(target * units - 1e-9) - inspected),
  };
}

/**
 * The unannounced draw: the pool ordered by SHA-256(seed, unit id), the first `count` chosen. Anyone with
 * the seed and the pool gets the same result (auditable); without the seed nobody can predict it.
 */
export function drawUnits(pool: readonly number[], seed: string, count: number): number[] {
  const keyed = pool.map((id) => ({ id, key: createHash('sha256').update(`${seed}:${id}`).digest('hex') }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id - b.id));
  return keyed.slice(0, Math.max(0, Math.min(count, pool.length))).map((k) => k.id);
}

/** What the province's data says about a unit (null: not measured). */
export interface RiskInput {
  unitId: number;
  /** Dossiers resolved on time, percent (lower is riskier). */
  dossierOnTime: number | null;
  overdueTasks: number | null;
  /** Late dossiers without an apology in time. */
  missingApologies: number | null;
  /** Feedback answered without complaint, percent. */
  feedbackSatisfaction: number | null;
  feedbackOverdue: number | null;
  /** The unit's latest internal CCHC index, percent. */
  internalIndex: number | null;
  /** Days since its last held inspection; null: never inspected. */
  daysSinceInspection: number | null;
}

export const RISK_FACTORS = {
  dossierOnTime: { label: 'Tỷ lệ hồ sơ đúng hạn thấp', worse: 'low' },
  overdueTasks: { label: 'Nhiều nhiệm vụ quá hạn', worse: 'high' },
  missingApologies: { label: 'Nhiều hồ sơ trễ hạn chưa xin lỗi', worse: 'high' },
  feedbackSatisfaction: { label: 'Mức hài lòng về xử lý phản ánh thấp', worse: 'low' },
  feedbackOverdue: { label: 'Nhiều phản ánh trả lời trễ hoặc quá hạn', worse: 'high' },
  internalIndex: { label: 'Chỉ số CCHC nội bộ thấp', worse: 'low' },
  daysSinceInspection: { label: 'Lâu chưa được kiểm tra', worse: 'high' },
} as const;
export type RiskFactor = keyof typeof RISK_FACTORS;

export interface RiskResult {
  unitId: number;
  /** 0–100: the mean over the measured factors of the unit's position among units (100 = worst). */
  score: number;
  /** The factors where the unit is among the worst, worst first. */
  reasons: RiskFactor[];
}

/**
 * Ranks units by risk: for each factor, a unit's percentile among the units measured on it (never
 * inspected counts as the longest wait), averaged over the factors it has. Ties share a percentile.
 */
export function rankByRisk(inputs: readonly RiskInput[]): RiskResult[] {
  const factors = Object.keys(RISK_FACTORS) as RiskFactor[];
  const maxDays = Math.max(365, ...inputs.map((i) => i.daysSinceInspection ?? 0)) + 1;
  const pct = new Map<number, Partial<Record<RiskFactor, number>>>();
  for (const f of factors) {
    const measured = inputs
      .map((i) => ({ id: i.unitId, v: f === 'daysSinceInspection' ? (i.daysSinceInspection ?? maxDays) : i[f] }))
      .filter((x): x is { id: number; v: number } => x.v !== null);
    if (measured.length < 2) continue;
    const badness = (v: number) => (RISK_FACTORS[f].worse === 'high' ? v : -v);
    const values = measured.map((m) => badness(m.v));
    for (const m of measured) {
      const b = badness(m.v);
      const below = values.filter((v) => v < b).length;
      const equal = values.filter((v) => v === b).length;
      const p = (below + (equal - 1) / 2) / (values.length - 1);
      pct.set(m.id, { ...pct.get(m.id), [f]: p });
    }
  }
  return inputs
    .map((i) => {
      const p = pct.get(i.unitId) ?? {};
      const entries = Object.entries(p) as [RiskFactor, number][];
      const score = entries.length ? (entries.reduce((a, [, v]) => a + v, 0) / entries.length) * 100 : 0;
      const reasons = entries
        .filter(([, v]) => v >= 0.75)
        .sort((a, b) => b[1] - a[1])
        .map(([k]) => k);
      return { unitId: i.unitId, score: Math.round(score * 10) / 10, reasons };
    })
    .sort((a, b) => b.score - a.score || a.unitId - b.unitId);
}

export type FindingState = 'in_progress' | 'reported' | 'overdue' | 'remedied' | 'unresolved';
export const FINDING_STATE_LABELS: Record<FindingState, string> = {
  in_progress: 'Đang khắc phục',
  reported: 'Đơn vị báo cáo đã khắc phục, chờ xác minh',
  overdue: 'Quá hạn khắc phục',
  remedied: 'Đã khắc phục (đã xác minh)',
  unresolved: 'Chưa khắc phục, cần kiểm tra lại',
};

/** A finding as users read it: the office's verification first, then the remedy task's state. */
export function findingState(f: { status: FindingStatus; dueDate: string }, taskDone: boolean, today: string): FindingState {
  if (f.status === 'remedied') return 'remedied';
  if (f.status === 'unresolved') return 'unresolved';
  if (taskDone) return 'reported';
  return f.dueDate < today ? 'overdue' : 'in_progress';
}

export interface Remediation {
  findings: number;
  /** Findings whose due date has passed, or already remedied: what the rate is taken over. */
  due: number;
  remedied: number;
  overdue: number;
  /** Percent with one decimal, null when nothing is due. */
  rate: number | null;
}

/** Remediation rate: remedied (verified) ÷ findings due by `asOf` or remedied earlier. */
export function remediation(findings: readonly { status: FindingStatus; dueDate: string }[], asOf: string): Remediation {
  let due = 0;
  let remedied = 0;
  let overdue = 0;
  for (const f of findings) {
    if (f.status === 'remedied') {
      remedied++;
      due++;
    } else if (f.dueDate < asOf) {
      due++;
      overdue++;
    }
  }
  return { findings: findings.length, due, remedied, overdue, rate: due ? Math.round((remedied / due) * 1000) / 10 : null };
}

/**
 * The earlier finding a new one repeats: the same checklist item, or (without items) the same area and
 * nearly the same words; the newest such finding of the unit.
 */
export function repeatOf<F extends { id: number; area: string; itemCode: string | null; text: string }>(
  earlier: readonly F[],
  f: { area: string; itemCode: string | null; text: string },
): F | null {
  const words = (t: string) =>
    new Set(
      t
        .toLowerCase()
        .normalize('NFC')
        .split(/[^\p{L}\p{N}]+/u)
        .filter((w) => w.length > 1),
    );
  const mine = words(f.text);
  const similar = (t: string) => {
    const other = words(t);
    const common = [...mine].filter((w) => other.has(w)).length;
    return common / Math.max(1, Math.min(mine.size, other.size)) >= 0.6;
  };
  const match = earlier.filter((e) => (f.itemCode && e.itemCode ? e.itemCode === f.itemCode : e.area === f.area && similar(e.text)));
  return match.sort((a, b) => b.id - a.id)[0] ?? null;
}
