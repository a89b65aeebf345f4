import { defineReviewFlow } from '@cchc/core';
import type { SheetState } from './assessment.tables';

/**
 * A unit's sheet in a round (DOMAIN §3): the unit self-scores and its head submits (and may withdraw
 * before the deadline); appraisal round 1; the unit explains and adds evidence; appraisal round 2; Sở Nội
 * vụ fixes the final points on the council's decision.
 */
export const sheetFlow = defineReviewFlow<
  SheetState,
  'selfScore' | 'submit' | 'withdraw' | 'appraise1' | 'explain' | 'sendExplanation' | 'appraise2' | 'finalize'
>({
  states: {
    self_draft: 'Đang tự đánh giá',
    submitted: 'Đã gửi tự đánh giá',
    appraised1: 'Đã thẩm định lần 1',
    explaining: 'Đang giải trình',
    explained: 'Đã gửi giải trình',
    appraised2: 'Đã thẩm định lần 2',
    final: 'Đã chốt điểm',
  },
  transitions: {
    selfScore: { from: [null, 'self_draft'], to: 'self_draft', roles: ['focal_point', 'unit_head'], label: 'tự chấm điểm' },
    submit: { from: ['self_draft'], to: 'submitted', roles: ['unit_head'], label: 'gửi tự đánh giá' },
    withdraw: { from: ['submitted'], to: 'self_draft', roles: ['unit_head'], label: 'rút lại tự đánh giá' },
    appraise1: { from: ['submitted', 'appraised1'], to: 'appraised1', roles: ['appraiser', 'cchc_office'], label: 'thẩm định lần 1' },
    explain: { from: ['appraised1', 'explaining'], to: 'explaining', roles: ['focal_point', 'unit_head'], label: 'giải trình' },
    sendExplanation: { from: ['explaining'], to: 'explained', roles: ['unit_head'], label: 'gửi giải trình' },
    appraise2: {
      from: ['appraised1', 'explained', 'appraised2'],
      to: 'appraised2',
      roles: ['appraiser', 'cchc_office'],
      label: 'thẩm định lần 2',
    },
    finalize: { from: ['appraised1', 'appraised2', 'final'], to: 'final', roles: ['cchc_office', 'admin'], label: 'chốt điểm' },
  },
});

/** The transition a stage's scores take. */
export const STAGE_ACTION = { self: 'selfScore', appraisal1: 'appraise1', appraisal2: 'appraise2', final: 'finalize' } as const;
