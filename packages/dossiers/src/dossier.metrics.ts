/**
 * What the dossiers module publishes through core's metrics registry (DOMAIN §6, Decision 766):
 * - `dossiers.onTimeRate`: of the dossiers resolved in the range, the share resolved early or on time;
 * - `dossiers.apologyCompliance`: of the dossiers that were late (or are open past their due date), the
 *   share with an apology letter sent within its deadline.
 * Both are read from the same statistics as the dossier pages (one lateness rule).
 */
import { percent, type Actor, type AppServices, type MetricDefinition, type MetricPoint, type MetricQuery } from '@cchc/core';
import { stats } from './dossier.service';
import type { StatsRow } from './dossier.stats';

type Measure = (r: StatsRow) => { numerator: number; denominator: number; parts: Record<string, number> };

function dossierMetric(def: Omit<MetricDefinition, 'compute' | 'permission'>, measure: Measure, tab: string): MetricDefinition {
  return {
    ...def,
    permission: 'dossier.read',
    async compute(s: AppServices, actor: Actor, q: MetricQuery): Promise<MetricPoint[]> {
      const rows = await stats(s, actor, { from: q.from, to: q.to, groupBy: 'unit', unit: q.unit });
      const link = (unit?: string) => `/dossiers?tab=${tab}&from=${q.from}&to=${q.to}${unit ? `&unit=${encodeURIComponent(unit)}` : ''}`;
      const point = (key: string, label: string | undefined, m: ReturnType<Measure>, unit?: string): MetricPoint => ({
        key,
        label,
        value: percent(m.numerator, m.denominator),
        numerator: m.numerator,
        denominator: m.denominator,
        parts: m.parts,
        link: link(unit),
      });
      if (q.byUnit) return rows.map((r) => point(r.key, r.label ?? undefined, measure(r), r.key));
      const sum = rows.map(measure).reduce(
        (a, m) => ({
          numerator: a.numerator + m.numerator,
          denominator: a.denominator + m.denominator,
          parts: Object.fromEntries(Object.entries(m.parts).map(([k, v]) => [k, (a.parts[k] ?? 0) + v])),
        }),
        { numerator: 0, denominator: 0, parts: {} as Record<string, number> },
      );
      return [point(q.unit ?? s.provinceCode, undefined, sum, q.unit)];
    },
  };
}

export const dossiersOnTimeRate = dossierMetric(
  {
    key: 'dossiers.onTimeRate',
    label: 'Tỷ lệ hồ sơ giải quyết đúng hạn',
    unit: 'percent',
    description: 'Trong các hồ sơ đã giải quyết trong khoảng thời gian: tỷ lệ giải quyết trước hạn hoặc đúng hạn.',
  },
  (r) => ({ numerator: r.early + r.onTime, denominator: r.resolved, parts: { early: r.early, onTime: r.onTime, late: r.late } }),
  'overview',
);

export const dossiersApologyCompliance = dossierMetric(
  {
    key: 'dossiers.apologyCompliance',
    label: 'Tỷ lệ hồ sơ trễ hạn có thư xin lỗi đúng hạn',
    unit: 'percent',
    description: 'Trong các hồ sơ trễ hạn (kể cả chưa giải quyết đã quá hạn): tỷ lệ có văn bản xin lỗi gửi trong thời hạn quy định.',
  },
  (r) => ({
    numerator: r.apologyCompliant,
    denominator: r.apologies + r.apologyMissing,
    parts: { apologies: r.apologies, compliant: r.apologyCompliant, missing: r.apologyMissing },
  }),
  'overview',
);
