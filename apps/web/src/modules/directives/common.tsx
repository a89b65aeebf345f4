import { Tag } from 'antd';
import type { Schemas } from '@cchc/api-client';

export type TaskSummary = Schemas['TaskSummary'];
export type TaskDetail = Schemas['TaskDetail'];
export type DirectiveDetail = Schemas['DirectiveDetail'];
export type UnitProgress = Schemas['UnitProgress'];

const COLORS: Record<string, string> = {
  not_started: 'default',
  in_progress: 'processing',
  done_on_time: 'success',
  done_late: 'warning',
  overdue: 'error',
  cancelled: 'default',
};

export function StatusTag({ status, label }: { status: string; label: string }) {
  return <Tag color={COLORS[status]}>{label}</Tag>;
}

export const REPORT_STATE: Record<string, { label: string; color: string }> = {
  draft: { label: 'Bản nháp', color: 'default' },
  submitted: { label: 'Đã gửi, chờ Sở Nội vụ', color: 'processing' },
  accepted: { label: 'Đã chấp nhận', color: 'success' },
  returned: { label: 'Bị trả lại', color: 'error' },
};

export const RECURRENCE: Record<string, string> = {
  monthly: 'Hằng tháng',
  quarterly: 'Hằng quý',
  half_yearly: '6 tháng',
  yearly: 'Hằng năm',
};

export const pct = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 10 : 0);
