import type { Schemas } from '@cchc/api-client';

export type CaseItem = Schemas['FeedbackCaseItem'];
export type CaseDetail = Schemas['FeedbackCase'];

export const STATUS_COLORS: Record<string, string> = {
  received: 'blue',
  assigned: 'gold',
  drafted: 'gold',
  returned: 'volcano',
  approved: 'cyan',
  published: 'green',
  rejected: 'default',
  redirected: 'purple',
};

export const TIMELINESS_COLORS: Record<string, string> = {
  on_time: 'green',
  late: 'red',
  open: 'default',
  overdue: 'red',
  not_counted: 'default',
};

export const STATUS_OPTIONS = [
  { value: 'received', label: 'Mới tiếp nhận, chờ phân loại' },
  { value: 'assigned,drafted,returned', label: 'Đơn vị đang xử lý' },
  { value: 'approved', label: 'Chờ công khai' },
  { value: 'published', label: 'Đã trả lời, công khai' },
  { value: 'rejected,redirected', label: 'Không tiếp nhận, chuyển cơ quan khác' },
];

export const CHANNEL_OPTIONS = [
  { value: 'web', label: 'Cổng thông tin (trực tuyến)' },
  { value: 'portal', label: 'Cổng Dịch vụ công quốc gia' },
  { value: 'app', label: 'Ứng dụng của tỉnh' },
  { value: 'zalo', label: 'Zalo' },
  { value: 'phone', label: 'Điện thoại đường dây nóng' },
  { value: 'letter', label: 'Thư, đơn' },
  { value: 'email', label: 'Thư điện tử' },
  { value: 'counter', label: 'Trực tiếp tại bộ phận một cửa' },
];
