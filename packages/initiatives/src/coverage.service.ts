/**
 * Coverage (every department and commune with at least one initiative in the year), and an initiative's
 * effect: the figures of its unit, and of the units that adopted it, the year before and the year after
 * the start, read from the metrics registry.
 */
import { sql } from 'kysely';
import { AGENCY_TYPES, COMMUNE_TYPES, unitScope, type Actor, type AppServices, type Db } from '@cchc/core';
import { change, effectWindows, reportingDeadline } from './initiatives.domain';
import { getInitiative } from './initiative.service';

/** Today's departments, agencies and communes of the province (in the caller's scope). */
export async function provinceUnits(db: Db, provinceCode: string, date: string, scopeIds: readonly number[] | null) {
  let q = db
    .selectFrom('unit as u')
    .innerJoin('unit as p', 'p.id', 'u.parentId')
    .select(['u.id', 'u.code', 'u.name'])
    .where('p.code', '=', provinceCode)
    .where('u.type', 'in', [...AGENCY_TYPES, ...COMMUNE_TYPES])
    .where((eb) => eb.or([eb('u.validTo', 'is', null), eb('u.validTo', '>=', date)]));
  if (scopeIds) q = scopeIds.length ? q.where('u.id', 'in', scopeIds) : q.where((eb) => eb.val(false));
  return q.orderBy('u.sortOrder').orderBy('u.code').execute();
}

/** Initiatives per unit in a year: registered (any state) and recognised. */
export async function countsByUnit(db: Db, provinceCode: string, year: number) {
  const rows = await db
    .selectFrom('initiative')
    .select([
      'unitId',
      sql<number>`count(*)::int`.as('registered'),
      sql<number>`(count(*) filter (where status = 'recognised'))::int`.as('recognised'),
    ])
    .where('provinceCode', '=', provinceCode)
    .where('origin', '=', 'own')
    .where('year', '=', year)
    .groupBy('unitId')
    .execute();
  return new Map(rows.map((r) => [Number(r.unitId), r]));
}

export async function getCoverage(s: AppServices, actor: Actor, year: number) {
  const scope = await unitScope(s.db, actor);
  const [units, counts] = await Promise.all([
    provinceUnits(s.db, s.provinceCode, s.today(), scope.ids),
    countsByUnit(s.db, s.provinceCode, year),
  ]);
  const withOne = units.filter((u) => counts.has(Number(u.id)));
  return {
    year,
    deadline: reportingDeadline(year),
    units: units.length,
    withInitiative: withOne.length,
    share: units.length ? Math.round((withOne.length / units.length) * 10_000) / 10_000 : 0,
    registered: withOne.reduce((a, u) => a + counts.get(Number(u.id))!.registered, 0),
    recognised: withOne.reduce((a, u) => a + counts.get(Number(u.id))!.recognised, 0),
    without: units.filter((u) => !counts.has(Number(u.id))).map((u) => ({ unitCode: u.code, unitName: u.name })),
  };
}

/** The figures compared before and after: the unit's dossiers on time, feedback satisfaction, tasks on time. */
export const EFFECT_METRICS = ['dossiers.onTimeRate', 'feedback.satisfaction', 'tasks.onTimeRate'];

async function valueOf(s: AppServices, actor: Actor, key: string, unit: string, from: string, to: string) {
  if (from > to) return null;
  const points = await s.metrics.read(s, actor, key, { unit, from, to });
  return points[0]?.value ?? null;
}

export async function getEffect(s: AppServices, actor: Actor, id: number) {
  const v = await getInitiative(s, actor, id);
  const metrics = EFFECT_METRICS.filter((k) => s.metrics.canRead(actor, k)).map((k) => s.metrics.list().find((d) => d.key === k)!);
  const units = [
    ...(v.unitCode && v.startedOn ? [{ unitCode: v.unitCode, unitName: v.unitName!, since: v.startedOn, role: 'owner' as const }] : []),
    ...v.adopters.map((a) => ({ unitCode: a.unitCode, unitName: a.unitName, since: a.adoptedOn, role: 'adopter' as const })),
  ];
  const ids = (await unitScope(s.db, actor)).codes;
  const rows = [];
  for (const u of units) {
    // Figures of units outside the caller's scope are not shown (a recognised initiative is read by all).
    if (ids && !ids.includes(u.unitCode)) continue;
    const w = effectWindows(u.since, s.today());
    const figures = [];
    for (const m of metrics) {
      const [before, after] = await Promise.all([
        valueOf(s, actor, m.key, u.unitCode, w.before.from, w.before.to),
        w.measurable ? valueOf(s, actor, m.key, u.unitCode, w.after.from, w.after.to) : null,
      ]);
      figures.push({ key: m.key, label: m.label, before, after, change: change(before, after) });
    }
    rows.push({ ...u, before: w.before, after: w.after, measurable: w.measurable, figures });
  }
  return { id, units: rows };
}
