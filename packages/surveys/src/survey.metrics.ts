/**
 * What the surveys module publishes through core's metrics registry: `surveys.satisfaction`, the share of
 * satisfied answers (percent) of the latest survey whose results were published and whose period ends in
 * the range — per unit (byUnit) or for the unit asked (the province by default). A survey of weighted
 * options (the internal-index survey) gives its mean weighted score instead. The internal index scores
 * its survey criteria from it.
 */
import { unitRepository, unitScope, type MetricDefinition, type MetricPoint } from '@cchc/core';
import { computeResults } from './results.service';
import { definitionOf, loadSurveys } from './survey.service';
import { questionsOf } from './survey.domain';

export const surveysSatisfaction: MetricDefinition = {
  key: 'surveys.satisfaction',
  label: 'Tỷ lệ hài lòng qua khảo sát (đã công bố)',
  unit: 'percent',
  description:
    'Tỷ lệ câu trả lời Hài lòng hoặc Rất hài lòng (mức 4–5) trên số câu trả lời hợp lệ, trung bình các khía cạnh, của cuộc khảo sát gần nhất đã công bố kết quả có kỳ kết thúc trong khoảng; tử số/mẫu số: số phiếu hài lòng quy đổi / số phiếu hợp lệ.',
  permission: 'survey.read',
  async compute(s, actor, q) {
    const [survey] = await loadSurveys(s.db, s.provinceCode, (query) =>
      query
        .where('resultsPublishedAt', 'is not', null)
        .where('periodTo', '>=', q.from)
        .where('periodTo', '<=', q.to)
        .orderBy('periodTo', 'desc')
        .orderBy('id', 'desc')
        .limit(1),
    );
    if (!survey) return [];
    const def = await definitionOf(s, survey, survey.currentVersion);
    const scope = await unitScope(s.db, actor);
    const root = await s.db
      .selectFrom('unit')
      .select(['id', 'code', 'name'])
      .where('code', '=', q.unit ?? s.provinceCode)
      .where((w) => w.or([w('provinceCode', '=', s.provinceCode), w('code', '=', s.provinceCode)]))
      .where('validTo', 'is', null)
      .executeTakeFirst();
    if (!root) return [];
    const link = `/surveys/${survey.id}?tab=results`;
    const point = async (unit: { id: number; code: string; name: string }, ids: number[] | null): Promise<MetricPoint> => {
      const r = await computeResults(s, survey, def, ids);
      const weightedOnly = !questionsOf(def).some((x) => x.type === 'scale5');
      const value = weightedOnly ? null : r.overall.satisfiedShare === null ? null : Math.round(r.overall.satisfiedShare * 1000) / 10;
      return {
        key: unit.code,
        label: unit.name,
        value,
        numerator: r.overall.satisfied,
        denominator: r.valid,
        parts: { valid: r.valid, reliable: r.reliable ? 1 : 0, surveyId: survey.id },
        link: `${link}&unit=${encodeURIComponent(unit.code)}`,
      };
    };
    const allowed = (ids: number[]) => (scope.ids ? ids.filter((i) => scope.ids!.includes(i)) : ids);
    if (!q.byUnit) {
      const ids =
        root.code === s.provinceCode
          ? scope.ids
            ? [...scope.ids]
            : null
          : allowed(await unitRepository.subtreeIds(s.db, Number(root.id)));
      return [await point({ id: Number(root.id), code: root.code, name: root.name }, ids)];
    }
    const children = await s.db
      .selectFrom('unit')
      .select(['id', 'code', 'name'])
      .where('parentId', '=', Number(root.id))
      .where('validTo', 'is', null)
      .orderBy('sortOrder')
      .execute();
    const visible = children.filter((c) => !scope.ids || scope.ids.includes(Number(c.id)));
    // One computation for all the units (the per-unit figures come with it), not one per unit.
    const r = await computeResults(
      s,
      survey,
      def,
      visible.map((c) => Number(c.id)),
    );
    const weightedOnly = !questionsOf(def).some((x) => x.type === 'scale5');
    return visible.map((c): MetricPoint => {
      const u = r.perUnit.find((p) => p.unitId === Number(c.id));
      const share = u?.overall.satisfiedShare ?? null;
      return {
        key: c.code,
        label: c.name,
        value: weightedOnly || share === null ? null : Math.round(share * 1000) / 10,
        numerator: u?.overall.satisfied ?? 0,
        denominator: u?.n ?? 0,
        parts: { valid: u?.n ?? 0, reliable: (u?.n ?? 0) >= survey.minValid ? 1 : 0, surveyId: survey.id },
        link: `${link}&unit=${encodeURIComponent(c.code)}`,
      };
    });
  },
};
