import type { Schemas } from '@cchc/api-client';
import { useAct as useActOn } from '../../lib/use-act';
import { formatNumber } from '../../lib/format';

export type SurveyDetail = Schemas['SurveyDetail'];
export type Definition = SurveyDetail['definition'];
export type Question = Definition['sections'][number]['questions'][number];
export type Results = Schemas['Results'];
export type Answers = Record<string, number | number[] | string | Record<string, number>>;

export const STATUS_OPTIONS = [
  { value: 'draft', label: 'Đang soạn' },
  { value: 'published', label: 'Đang thu phiếu' },
  { value: 'closed', label: 'Đã kết thúc' },
];
export const STATUS_COLORS: Record<string, string> = { draft: 'default', published: 'blue', closed: 'green' };
export const CHANNEL_OPTIONS = [
  { value: 'online', label: 'Trực tuyến (đường dẫn, mã QR)' },
  { value: 'paper', label: 'Phiếu giấy (bưu chính)' },
  { value: 'interview', label: 'Phỏng vấn' },
  { value: 'kiosk', label: 'Máy tại quầy' },
];
export const TYPE_OPTIONS = [
  { value: 'scale5', label: 'Thang 5 mức hài lòng' },
  { value: 'single', label: 'Chọn một' },
  { value: 'multiple', label: 'Chọn nhiều' },
  { value: 'matrix', label: 'Bảng nhiều dòng' },
  { value: 'number', label: 'Số' },
  { value: 'text', label: 'Văn bản' },
];
export const ASPECT_OPTIONS = [
  { value: 'CS1', label: 'Trách nhiệm giải trình của cơ quan' },
  { value: 'CS2', label: 'Sự tham gia của người dân' },
  { value: 'CS3', label: 'Chất lượng chính sách' },
  { value: 'CS4', label: 'Kết quả, tác động của chính sách' },
  { value: 'DV1', label: 'Tiếp cận dịch vụ' },
  { value: 'DV2', label: 'Thủ tục hành chính' },
  { value: 'DV3', label: 'Công chức trực tiếp giải quyết công việc' },
  { value: 'DV4', label: 'Kết quả giải quyết công việc' },
  { value: 'DV5', label: 'Tiếp nhận, xử lý phản ánh, kiến nghị' },
];
export const SCALE5 = [
  { value: 1, label: 'Rất không hài lòng' },
  { value: 2, label: 'Không hài lòng' },
  { value: 3, label: 'Bình thường' },
  { value: 4, label: 'Hài lòng' },
  { value: 5, label: 'Rất hài lòng' },
];

/** 0,8123 → "81,2 %"; the share of satisfied answers. */
export const share = (p: number | null | undefined) => (p === null || p === undefined ? '—' : `${formatNumber(p * 100, 1)} %`);
/** The 95 % margin of a share in percentage points: "± 4,1". */
export const margin = (m: number | null | undefined) => (m === null || m === undefined ? '—' : `± ${formatNumber(m * 100, 1)}`);

/** Skip logic, as the server applies it (survey.domain.ts isShown). */
export function isShown(q: Question, answers: Answers): boolean {
  if (!q.showIf) return true;
  const a = answers[q.showIf.question];
  const v = q.showIf.item ? (a && typeof a === 'object' && !Array.isArray(a) ? a[q.showIf.item] : undefined) : a;
  if (Array.isArray(v)) return v.some((x) => q.showIf!.values.includes(x));
  return typeof v === 'number' && q.showIf.values.includes(v);
}

export interface Quality {
  issued: number;
  answered: number;
  responseRate: number | null;
  nonResponse: { status: string; label: string; count: number }[];
  byChannel: { channel: string; label: string; responses: number; excluded: number; medianSeconds: number | null }[];
  units: {
    unitCode: string;
    unitName: string;
    issued: number;
    answered: number;
    responseRate: number | null;
    channels: Record<string, number>;
  }[];
  flags: { flag: string; count: number }[];
  interviewers: {
    userId: number;
    fullName: string;
    responses: number;
    medianSeconds: number | null;
    straightLine: number;
    tooFast: number;
    duplicate: number;
    excluded: number;
    meanScore: number | null;
  }[];
  keying: { paperForms: number; doubleKeyed: number; fields: number; mismatches: number; errorRate: number | null };
}

export interface TrendPoint {
  surveyId: number;
  name: string;
  periodFrom: string;
  periodTo: string;
  valid: number;
  satisfiedShare: number | null;
  marginOfError: number | null;
}

export interface PaperForm {
  surveyId: number;
  surveyName: string;
  paperCode: string;
  unitCode: string;
  unitName: string;
  status: string;
  responseId: number | null;
}

export interface ResponseDetail {
  id: number;
  unitName: string;
  channelLabel: string;
  paperCode: string | null;
  enteredByName: string | null;
  interviewerName: string | null;
  submittedAt: string;
  durationS: number | null;
  flags: { code: string; label: string }[];
  excluded: boolean;
  excludedReason: string | null;
  answers: Answers;
  doubleEntry: { fields: number; mismatches: number; differing: string[] } | null;
  definition: Definition;
}

export const FLAG_OPTIONS = [
  { value: 'any', label: 'Có cảnh báo' },
  { value: 'straight_line', label: 'Chọn cùng một mức cho mọi câu' },
  { value: 'too_fast', label: 'Trả lời quá nhanh' },
  { value: 'duplicate', label: 'Trùng hệt phiếu khác' },
];

/** An action on the surveys pages (refreshes every surveys query). */
export const useAct = (done?: () => void) => useActOn('surveys', done);
