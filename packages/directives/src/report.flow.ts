import { defineReviewFlow } from '@cchc/core';
import type { ReportState } from './directives.tables';

export type { ReportState };

/**
 * A task report's workflow (DOMAIN §5): the unit's focal point or head writes it, the head submits it,
 * Sở Nội vụ accepts it or returns it with a reason, and a returned report is written again.
 */
export const reportFlow = defineReviewFlow<ReportState, 'save' | 'submit' | 'accept' | 'return'>({
  states: { draft: 'Bản nháp', submitted: 'Đã gửi, chờ Sở Nội vụ', accepted: 'Đã được chấp nhận', returned: 'Bị trả lại' },
  transitions: {
    save: { from: [null, 'draft', 'returned'], to: 'draft', roles: ['focal_point', 'unit_head'], label: 'sửa báo cáo' },
    submit: { from: ['draft', 'returned'], to: 'submitted', roles: ['unit_head'], label: 'gửi báo cáo' },
    accept: { from: ['submitted'], to: 'accepted', roles: ['admin', 'cchc_office'], label: 'chấp nhận báo cáo' },
    return: { from: ['submitted'], to: 'returned', roles: ['admin', 'cchc_office'], label: 'trả lại báo cáo' },
  },
});
