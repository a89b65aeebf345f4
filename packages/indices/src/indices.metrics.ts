/**
 * What the indices module publishes through core's metrics registry:
 * - `indices.officialResult`: the published result of an index (`of` = PAR_INDEX, SIPAS, PAPI, 766) for
 *   the province, one point per year of the range that has one — the total, the rank, the components'
 *   values — with a link to the analysis page. The internal index's PAR INDEX self-assessment shows it.
 */
import type { MetricDefinition } from '@cchc/core';
import { INDEX_CODES, type IndexCode } from './indices.tables';

export const indicesOfficialResult: MetricDefinition = {
  key: 'indices.officialResult',
  label: 'Kết quả chỉ số chính thức đã công bố',
  unit: 'score',
  description: 'Kết quả chính thức của chỉ số (of = PAR_INDEX, SIPAS, PAPI, 766) của tỉnh theo từng năm: điểm, thứ hạng, từng thành phần.',
  permission: 'index_result.read',
  async compute(s, _actor, q) {
    if (!q.of || !INDEX_CODES.includes(q.of as IndexCode)) return [];
    // The province under its code in every period (before the 2025 merger the code named the old province).
    const ids = (
      await s.db
        .selectFrom('unit')
        .select('id')
        .where('code', '=', q.unit ?? s.provinceCode)
        .where('type', '=', 'province')
        .execute()
    ).map((u) => Number(u.id));
    if (!ids.length) return [];
    const fromYear = Number(q.from.slice(0, 4));
    const toYear = Number(q.to.slice(0, 4));
    const rows = await s.db
      .selectFrom('indexResult as r')
      .select(['r.id', 'r.year', 'r.value', 'r.rank'])
      .where('r.indexCode', '=', q.of as IndexCode)
      .where('r.unitId', 'in', ids)
      .where('r.year', '>=', fromYear)
      .where('r.year', '<=', toYear)
      .orderBy('r.year')
      .execute();
    const components = rows.length
      ? await s.db
          .selectFrom('indexResultComponent')
          .select(['resultId', 'componentCode', 'value'])
          .where(
            'resultId',
            'in',
            rows.map((r) => Number(r.id)),
          )
          .execute()
      : [];
    return rows.map((r) => ({
      key: String(r.year),
      label: `${q.of} ${r.year}`,
      value: r.value === null ? null : Number(r.value),
      parts: {
        ...(r.rank === null ? {} : { rank: Number(r.rank) }),
        ...Object.fromEntries(components.filter((c) => Number(c.resultId) === Number(r.id)).map((c) => [c.componentCode, Number(c.value)])),
      },
      link: `/indices?index=${encodeURIComponent(q.of!)}&year=${r.year}`,
    }));
  },
};
