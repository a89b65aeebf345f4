/**
 * What the initiatives module publishes through core's metrics registry (the internal index scores units
 * on them): per unit and year (the range's year), `initiatives.registered` — initiatives the unit
 * registered — and `initiatives.recognised` — those recognised (unit or province level).
 */
import { unitScope, type AppServices, type MetricDefinition, type MetricPoint } from '@cchc/core';
import { countsByUnit, provinceUnits } from './coverage.service';

function initiativeMetric(key: string, label: string, description: string, field: 'registered' | 'recognised'): MetricDefinition {
  return {
    key,
    label,
    unit: 'count',
    description,
    permission: 'initiative.read',
    async compute(s: AppServices, actor, q) {
      const year = Number(q.to.slice(0, 4));
      const scope = await unitScope(s.db, actor);
      let units = await provinceUnits(s.db, s.provinceCode, s.today(), scope.ids);
      if (q.unit && q.unit !== s.provinceCode) {
        const parent = await s.db.selectFrom('unit').select('id').where('code', '=', q.unit).executeTakeFirst();
        const kids = parent
          ? (await s.db.selectFrom('unit').select('id').where('parentId', '=', parent.id).execute()).map((k) => Number(k.id))
          : [];
        units = units.filter((u) => parent && (Number(u.id) === Number(parent.id) || kids.includes(Number(u.id))));
      }
      const counts = await countsByUnit(s.db, s.provinceCode, year);
      const n = (id: number) => counts.get(id)?.[field] ?? 0;
      const link = (unit?: string) => `/initiatives?year=${year}${unit ? `&unit=${encodeURIComponent(unit)}` : ''}`;
      if (q.byUnit) return units.map((u): MetricPoint => ({ key: u.code, label: u.name, value: n(Number(u.id)), link: link(u.code) }));
      const total = units.reduce((a, u) => a + n(Number(u.id)), 0);
      const withOne = units.filter((u) => n(Number(u.id)) > 0).length;
      return [
        {
          key: q.unit ?? s.provinceCode,
          value: total,
          numerator: withOne,
          denominator: units.length,
          parts: { units: units.length, withInitiative: withOne },
          link: link(q.unit),
        },
      ];
    },
  };
}

export const INITIATIVES_METRICS = [
  initiativeMetric(
    'initiatives.registered',
    'Số sáng kiến CCHC đăng ký trong năm',
    'Số sáng kiến, giải pháp CCHC các đơn vị đăng ký trong năm (mỗi cơ quan, đơn vị, địa phương ít nhất 1); tử số/mẫu số: số đơn vị có sáng kiến / tổng số đơn vị.',
    'registered',
  ),
  initiativeMetric(
    'initiatives.recognised',
    'Số sáng kiến CCHC được công nhận trong năm',
    'Số sáng kiến, giải pháp CCHC đăng ký trong năm được Hội đồng sáng kiến công nhận (cấp cơ sở hoặc cấp tỉnh).',
    'recognised',
  ),
];
