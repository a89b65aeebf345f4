/**
 * What the inspections module publishes through core's metrics registry (the internal index scores units
 * on them):
 * - `inspections.covered`: of the province's departments and communes, the share with a held inspection
 *   in the range (per unit: 100 when inspected, 0 when not);
 * - `inspections.remediationRate`: of the findings of inspections held in the range that are due (or
 *   remedied early), the share the office verified as remedied.
 */
import { sql } from 'kysely';
import { percent, unitScope, type Actor, type AppServices, type MetricDefinition, type MetricPoint, type MetricQuery } from '@cchc/core';
import * as repo from './inspections.repository';

async function unitsMeasured(s: AppServices, actor: Actor, q: MetricQuery) {
  const scope = await unitScope(s.db, actor);
  const units = await repo.provinceUnits(s.db, s.provinceCode, s.today(), scope.ids);
  if (!q.unit || q.unit === s.provinceCode) return units;
  const parent = await s.db.selectFrom('unit').select('id').where('code', '=', q.unit).executeTakeFirst();
  const children = parent ? await s.db.selectFrom('unit').select('id').where('parentId', '=', parent.id).execute() : [];
  const ids = new Set([...(parent ? [Number(parent.id)] : []), ...children.map((c) => Number(c.id))]);
  return units.filter((u) => ids.has(Number(u.id)));
}

export const inspectionsCovered: MetricDefinition = {
  key: 'inspections.covered',
  label: 'Tỷ lệ đơn vị được kiểm tra công tác CCHC',
  unit: 'percent',
  description:
    'Số sở, ngành, xã, phường có ít nhất một cuộc kiểm tra CCHC đã diễn ra trong kỳ (không tính tự kiểm tra) ÷ tổng số đơn vị; chỉ tiêu của tỉnh: trên 30 % mỗi năm.',
  permission: 'inspection.read',
  async compute(s, actor, q) {
    const units = await unitsMeasured(s, actor, q);
    const held = new Set((await repo.heldUnitIds(s.db, s.provinceCode, q.from, q.to, s.today()).execute()).map((r) => Number(r.unitId)));
    const link = (unit?: string) => `/inspections?year=${q.from.slice(0, 4)}${unit ? `&unit=${encodeURIComponent(unit)}` : ''}`;
    const one = (u: (typeof units)[number]): MetricPoint => {
      const yes = held.has(Number(u.id)) ? 1 : 0;
      return { key: u.code, label: u.name, value: yes * 100, numerator: yes, denominator: 1, link: link(u.code) };
    };
    if (q.byUnit) return units.map(one);
    if (q.unit && q.unit !== s.provinceCode && units.length === 1 && units[0]!.code === q.unit) return [one(units[0]!)];
    const n = units.filter((u) => held.has(Number(u.id))).length;
    return [
      { key: q.unit ?? s.provinceCode, value: percent(n, units.length), numerator: n, denominator: units.length, link: link(q.unit) },
    ];
  },
};

export const inspectionsRemediationRate: MetricDefinition = {
  key: 'inspections.remediationRate',
  label: 'Tỷ lệ kiến nghị sau kiểm tra đã khắc phục',
  unit: 'percent',
  description:
    'Trong các kiến nghị của những cuộc kiểm tra diễn ra trong kỳ đã đến hạn khắc phục (hoặc đã khắc phục sớm): tỷ lệ được Sở Nội vụ xác nhận đã khắc phục.',
  permission: 'inspection.read',
  async compute(s, actor, q) {
    const asOf = q.to < s.today() ? q.to : s.today();
    const units = await unitsMeasured(s, actor, q);
    const ids = units.map((u) => Number(u.id));
    if (!ids.length) return q.byUnit ? [] : [{ key: q.unit ?? s.provinceCode, value: null, numerator: 0, denominator: 0 }];
    const rows = await s.db
      .selectFrom('inspectionFinding as f')
      .innerJoin('inspection as i', 'i.id', 'f.inspectionId')
      .select([
        'f.unitId',
        sql<number>`count(*)::int`.as('findings'),
        sql<number>`(count(*) filter (where f.status = 'remedied'))::int`.as('remedied'),
        sql<number>`(count(*) filter (where f.status = 'remedied' or f.due_date < ${asOf}::date))::int`.as('due'),
        sql<number>`(count(*) filter (where f.status <> 'remedied' and f.due_date < ${asOf}::date))::int`.as('overdue'),
      ])
      .where('i.provinceCode', '=', s.provinceCode)
      .where('i.date', '>=', q.from)
      .where('i.date', '<=', asOf)
      .where('f.unitId', 'in', ids)
      .groupBy('f.unitId')
      .execute();
    const by = new Map(rows.map((r) => [Number(r.unitId), r]));
    const point = (
      key: string,
      label: string | undefined,
      c: { findings: number; remedied: number; due: number; overdue: number },
    ): MetricPoint => ({
      key,
      label,
      value: percent(c.remedied, c.due),
      numerator: c.remedied,
      denominator: c.due,
      parts: { findings: c.findings, overdue: c.overdue },
      link: `/inspections?tab=findings&year=${q.from.slice(0, 4)}${key !== s.provinceCode ? `&unit=${encodeURIComponent(key)}` : ''}`,
    });
    const zero = { findings: 0, remedied: 0, due: 0, overdue: 0 };
    if (q.byUnit) return units.map((u) => point(u.code, u.name, by.get(Number(u.id)) ?? zero));
    const sum = rows.reduce(
      (a, r) => ({
        findings: a.findings + r.findings,
        remedied: a.remedied + r.remedied,
        due: a.due + r.due,
        overdue: a.overdue + r.overdue,
      }),
      zero,
    );
    return [point(q.unit ?? s.provinceCode, undefined, sum)];
  },
};

export const INSPECTIONS_METRICS = [inspectionsCovered, inspectionsRemediationRate];
