import type { Schemas } from '@cchc/api-client';
import { useAct as useActOn } from '../../lib/use-act';

export type InitiativeDetail = Schemas['InitiativeDetail'];

export const AREA_OPTIONS = [
  { value: 'institutions', label: 'Cải cách thể chế' },
  { value: 'procedures', label: 'Cải cách thủ tục hành chính' },
  { value: 'organisation', label: 'Cải cách tổ chức bộ máy' },
  { value: 'civilService', label: 'Cải cách chế độ công vụ' },
  { value: 'finance', label: 'Cải cách tài chính công' },
  { value: 'digital', label: 'Chính phủ điện tử, chính phủ số' },
  { value: 'direction', label: 'Chỉ đạo, điều hành, tuyên truyền CCHC' },
];
export const STATUS_OPTIONS = [
  { value: 'draft', label: 'Đang soạn' },
  { value: 'submitted', label: 'Đã gửi, chờ kiểm tra' },
  { value: 'returned', label: 'Trả lại để bổ sung' },
  { value: 'accepted', label: 'Chờ Hội đồng đánh giá' },
  { value: 'recognised', label: 'Được công nhận' },
  { value: 'not_recognised', label: 'Không được công nhận' },
];
export const STATUS_COLORS: Record<string, string> = {
  draft: 'default',
  submitted: 'blue',
  returned: 'volcano',
  accepted: 'gold',
  recognised: 'green',
  not_recognised: 'red',
};
export const INDEX_OPTIONS = ['PAR_INDEX', 'SIPAS', 'PAPI', '766'].map((v) => ({
  value: v,
  label: v === 'PAR_INDEX' ? 'PAR INDEX' : v === '766' ? 'Bộ chỉ số 766' : v,
}));

/** An action on the initiatives pages (refreshes every initiatives query). */
export const useAct = (done?: () => void) => useActOn('initiatives', done);
