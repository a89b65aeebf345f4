/**
 * What the internal-index module publishes through core's metrics registry: `assessment.index` — each
 * unit's internal CCHC index (percent of the maximum) in the published round of the year of the range's
 * end (inspections rank units by it; a year without a published round has no points).
 */
import { systemActor, unitScope, type MetricDefinition, type MetricPoint } from '@cchc/core';
import * as repo from './assessment.repository';
import { loadRound } from './round.access';
import { resultsOf } from './round.service';

export const assessmentIndex: MetricDefinition = {
  key: 'assessment.index',
  label: 'Chỉ số CCHC nội bộ của đơn vị',
  unit: 'percent',
  description: 'Chỉ số cải cách hành chính của sở, ngành, xã, phường trong đợt đánh giá đã công bố của năm (tổng điểm ÷ điểm tối đa).',
  permission: 'assessment.read',
  async compute(s, actor, q) {
    const year = Number(q.to.slice(0, 4));
    const rounds = (await repo.listRounds(s.db, s.provinceCode)).filter((r) => r.publishedAt && r.year === year);
    const codes = (await unitScope(s.db, actor)).codes;
    const points: MetricPoint[] = [];
    for (const r of rounds) {
      // The announced result (computed criteria read as the system, like the public page).
      const { rows } = await resultsOf(s, systemActor(s.provinceCode), await loadRound(s, Number(r.id)));
      for (const row of rows)
        if (!codes || codes.includes(row.unitCode))
          points.push({
            key: row.unitCode,
            label: row.unitName,
            value: row.index,
            numerator: row.total,
            denominator: row.max,
            link: `/assessment?round=${r.id}`,
          });
    }
    if (q.byUnit) return points;
    const one = q.unit ? points.find((p) => p.key === q.unit) : undefined;
    if (one) return [one];
    const values = points.map((p) => p.value!).filter((v) => v !== null);
    const mean = values.length ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100 : null;
    return [{ key: q.unit ?? s.provinceCode, value: mean, parts: { units: values.length } }];
  },
};
