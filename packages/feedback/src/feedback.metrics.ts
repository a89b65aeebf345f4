/**
 * What the feedback module publishes through core's metrics registry (Decision 766 group 5; the
 * internal index scores units on them):
 * - `feedback.onTimeRate`: of the cases judged in the range, the share the lead unit answered (its head
 *   approved) within the due date, or the office refused or redirected within the classification time;
 * - `feedback.satisfaction`: of the answers published in the range, the share not rated unsatisfied,
 *   not repeated by the sender and not late (766: satisfaction with handling);
 * - `feedback.classifiedRate`: of the cases received in the range, the share classified.
 */
import type { Actor, AppServices, MetricDefinition, MetricPoint, MetricQuery } from '@cchc/core';
import { classifiedRate, onTimeRate, satisfactionRate, type Group5Counts } from './feedback.domain';
import { group5, sumCounts } from './stats.service';

type Measure = (c: Group5Counts) => { value: number | null; numerator: number; denominator: number };

function feedbackMetric(def: Omit<MetricDefinition, 'compute' | 'permission'>, measure: Measure): MetricDefinition {
  return {
    ...def,
    permission: 'feedback.read',
    async compute(s: AppServices, actor: Actor, q: MetricQuery): Promise<MetricPoint[]> {
      const rows = await group5(s, actor, { from: q.from, to: q.to, unit: q.unit, groupBy: 'unit' });
      const link = (unit?: string) => `/feedback?from=${q.from}&to=${q.to}${unit ? `&unit=${encodeURIComponent(unit)}` : ''}`;
      const point = (key: string, label: string | undefined, c: Group5Counts, unit?: string): MetricPoint => ({
        key,
        label,
        ...measure(c),
        parts: { ...c },
        link: link(unit),
      });
      if (q.byUnit) return rows.filter((r) => r.key).map((r) => point(r.key, r.label, r.counts, r.key));
      return [point(q.unit ?? s.provinceCode, undefined, sumCounts(rows), q.unit)];
    },
  };
}

export const feedbackOnTimeRate = feedbackMetric(
  {
    key: 'feedback.onTimeRate',
    label: 'Tỷ lệ phản ánh, kiến nghị xử lý đúng hạn',
    unit: 'percent',
    description:
      'Trong các phản ánh, kiến nghị đến kỳ xét (đã trả lời trong kỳ, hoặc đến hạn trong kỳ mà chưa trả lời): tỷ lệ đơn vị trả lời trong hạn (mặc định 15 ngày làm việc).',
  },
  (c) => ({ value: onTimeRate(c), numerator: c.onTime, denominator: c.judged }),
);

export const feedbackSatisfaction = feedbackMetric(
  {
    key: 'feedback.satisfaction',
    label: 'Mức độ hài lòng về xử lý phản ánh, kiến nghị',
    unit: 'percent',
    description:
      '(Số trả lời công khai trong kỳ − số bị đánh giá không hài lòng, bị phản ánh lại hoặc trả lời quá hạn) ÷ số trả lời công khai trong kỳ (Quyết định 766, nhóm 5).',
  },
  (c) => ({ value: satisfactionRate(c), numerator: c.answered - Math.min(c.answered, c.dissatisfied), denominator: c.answered }),
);

export const feedbackClassifiedRate = feedbackMetric(
  {
    key: 'feedback.classifiedRate',
    label: 'Tỷ lệ phản ánh, kiến nghị được phân loại',
    unit: 'percent',
    description:
      'Trong các phản ánh, kiến nghị tiếp nhận trong kỳ: tỷ lệ đã được phân loại (giao xử lý, từ chối hoặc chuyển cơ quan có thẩm quyền).',
  },
  (c) => ({ value: classifiedRate(c), numerator: c.classified, denominator: c.received }),
);

export const FEEDBACK_METRICS = [feedbackOnTimeRate, feedbackSatisfaction, feedbackClassifiedRate];
