import type { Schemas } from '@cchc/api-client';
import { useAct as useActOn } from '../../lib/use-act';

export type InspectionDetail = Schemas['InspectionDetail'];
export type Finding = InspectionDetail['findings'][number];

export const AREA_OPTIONS = [
  { value: 'direction', label: 'Công tác chỉ đạo, điều hành CCHC' },
  { value: 'procedures', label: 'Thủ tục hành chính, một cửa, một cửa liên thông' },
  { value: 'feedback', label: 'Tiếp nhận, xử lý phản ánh, kiến nghị' },
  { value: 'discipline', label: 'Kỷ luật, kỷ cương hành chính, công vụ' },
  { value: 'organisation', label: 'Tổ chức bộ máy hành chính' },
  { value: 'civilService', label: 'Chế độ công vụ' },
  { value: 'finance', label: 'Tài chính công' },
  { value: 'digital', label: 'Chính quyền điện tử, chính quyền số' },
];
export const KIND_OPTIONS = [
  { value: 'planned', label: 'Theo kế hoạch' },
  { value: 'unannounced', label: 'Đột xuất' },
  { value: 'thematic', label: 'Chuyên đề' },
  { value: 'self', label: 'Tự kiểm tra (đơn vị trực thuộc)' },
];
export const SEVERITY_OPTIONS = [
  { value: 'minor', label: 'Nhẹ' },
  { value: 'major', label: 'Đáng kể' },
  { value: 'serious', label: 'Nghiêm trọng' },
];
export const FINDING_STATE_OPTIONS = [
  { value: 'open', label: 'Chưa khắc phục xong' },
  { value: 'overdue', label: 'Quá hạn khắc phục' },
  { value: 'remedied', label: 'Đã khắc phục (đã xác minh)' },
  { value: 'unresolved', label: 'Chưa đạt, cần kiểm tra lại' },
];
export const STATE_COLORS: Record<string, string> = {
  in_progress: 'gold',
  reported: 'blue',
  overdue: 'red',
  remedied: 'green',
  unresolved: 'volcano',
};
export const STATUS_COLORS: Record<string, string> = { scheduled: 'blue', concluded: 'green', cancelled: 'default' };

/** An action on the inspections pages (refreshes every inspections query). */
export const useAct = (done?: () => void) => useActOn('inspections', done);

export const thisYear = (today: string) => Number(today.slice(0, 4));
