/**
 * The year's coverage against the province's target, self-inspection of sub-units, the risk ranking that
 * suggests units (from the figures other modules publish in the metrics registry), and the sealed draw of
 * units for unannounced visits.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import {
  AppError,
  authorize,
  can,
  countWorkingDays,
  formatDate,
  inTransaction,
  isIsoDate,
  recordAudit,
  unitScope,
  type Actor,
  type AppServices,
  type RequestContext,
} from '@cchc/core';
import { coverage, drawUnits, rankByRisk, RISK_FACTORS, type RiskInput } from './inspections.domain';
import * as repo from './inspections.repository';
import { insertInspection } from './inspection.service';

const yearRange = (year: number) => ({ from: `${year}-01-01`, to: `${year}-12-31` });

async function targetOf(s: AppServices, year: number) {
  const plan = await s.db
    .selectFrom('inspectionPlan')
    .select(['target', 'selfTarget'])
    .where('provinceCode', '=', s.provinceCode)
    .where('year', '=', year)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return { target: plan?.target ?? 0.3, selfTarget: plan?.selfTarget ?? 0.5 };
}

export async function getCoverage(s: AppServices, actor: Actor, year: number) {
  const { from, to } = yearRange(year);
  const today = s.today();
  const scope = await unitScope(s.db, actor);
  const [units, held, upcoming, targets] = await Promise.all([
    repo.provinceUnits(s.db, s.provinceCode, today, scope.ids),
    repo.heldUnitIds(s.db, s.provinceCode, from, to, today).execute(),
    repo
      .inspections(s.db, {
        provinceCode: s.provinceCode,
        scope,
        sealed: can(actor, 'inspection.viewSealed'),
        today,
        year,
        when: 'upcoming',
      })
      .where('i.kind', '!=', 'self')
      .select('i.unitId')
      .distinct()
      .execute(),
    targetOf(s, year),
  ]);
  const heldIds = new Set(held.map((h) => Number(h.unitId)));
  const upcomingIds = new Set(upcoming.map((h) => Number(h.unitId)));
  const inspected = units.filter((u) => heldIds.has(Number(u.id)));
  const c = coverage(units.length, inspected.length, targets.target);
  const selfRows = await selfCoverage(s, scope.ids, from, to < today ? to : today);
  return {
    year,
    ...c,
    scheduled: units.filter((u) => !heldIds.has(Number(u.id)) && upcomingIds.has(Number(u.id))).length,
    uninspected: units
      .filter((u) => !heldIds.has(Number(u.id)))
      .map((u) => ({ unitCode: u.code, unitName: u.name, scheduled: upcomingIds.has(Number(u.id)) })),
    selfTarget: targets.selfTarget,
    self: selfRows.map((r) => ({ ...r, share: r.subUnits ? Math.round((r.inspected / r.subUnits) * 10_000) / 10_000 : 0 })),
  };
}

/** Units with current sub-units: how many of them the unit self-inspected in the range. */
async function selfCoverage(s: AppServices, scopeIds: readonly number[] | null, from: string, to: string) {
  let q = s.db
    .selectFrom('unit as p')
    .innerJoin('unit as c', 'c.parentId', 'p.id')
    .innerJoin('unit as prov', 'prov.id', 'p.parentId')
    .select(['p.code as unitCode', 'p.name as unitName', sql<number>`count(distinct c.id)::int`.as('subUnits')])
    .select(
      sql<number>`count(distinct c.id) filter (where exists (select 1 from inspection i where i.unit_id = c.id and i.kind = 'self' and i.status <> 'cancelled' and i.date between ${from} and ${to}))::int`.as(
        'inspected',
      ),
    )
    .where('prov.code', '=', s.provinceCode)
    .where('c.validTo', 'is', null)
    .where('p.validTo', 'is', null)
    .groupBy(['p.code', 'p.name'])
    .orderBy('p.code');
  if (scopeIds) q = scopeIds.length ? q.where('p.id', 'in', scopeIds) : q.where((eb) => eb.val(false));
  return q.execute();
}

/** Reads a metric per unit for the ranking; a module not installed (or no data) leaves the factor out. */
async function perUnit(s: AppServices, actor: Actor, key: string, from: string, to: string) {
  if (!s.metrics.has(key))
    return new Map<string, { value: number | null; numerator?: number; denominator?: number; parts?: Record<string, number> }>();
  const points = await s.metrics.read(s, actor, key, { from, to, byUnit: true });
  return new Map(points.map((p) => [p.key, p]));
}

export async function riskRanking(s: AppServices, actor: Actor, year: number, limit = 30) {
  authorize(actor, 'inspection.manage');
  const today = s.today();
  const { from, to } = yearRange(year);
  const asOf = to < today ? to : today;
  const [units, dossiers, apologies, tasks, fbSat, fbOnTime, internal, last] = await Promise.all([
    repo.provinceUnits(s.db, s.provinceCode, today),
    perUnit(s, actor, 'dossiers.onTimeRate', from, asOf),
    perUnit(s, actor, 'dossiers.apologyCompliance', from, asOf),
    perUnit(s, actor, 'tasks.onTimeRate', from, asOf),
    perUnit(s, actor, 'feedback.satisfaction', from, asOf),
    perUnit(s, actor, 'feedback.onTimeRate', from, asOf),
    perUnit(s, actor, 'assessment.index', `${year - 1}-01-01`, `${year - 1}-12-31`),
    repo.lastInspected(s.db, s.provinceCode, today),
  ]);
  const cal = s.calendar();
  const inputs: (RiskInput & { code: string; name: string; lastInspected: string | null })[] = units.map((u) => {
    const l = last.get(Number(u.id)) ?? null;
    const fb = fbOnTime.get(u.code);
    return {
      unitId: Number(u.id),
      code: u.code,
      name: u.name,
      lastInspected: l,
      dossierOnTime: dossiers.get(u.code)?.value ?? null,
      overdueTasks: tasks.get(u.code)?.parts?.overdue ?? null,
      missingApologies: apologies.get(u.code)?.parts?.missing ?? null,
      feedbackSatisfaction: fbSat.get(u.code)?.value ?? null,
      feedbackOverdue: fb && fb.denominator ? fb.denominator - (fb.numerator ?? 0) : null,
      internalIndex: internal.get(u.code)?.value ?? null,
      daysSinceInspection: l ? Math.max(0, countWorkingDays(cal, l, today)) : null,
    };
  });
  const byId = new Map(inputs.map((i) => [i.unitId, i]));
  const ranked = rankByRisk(inputs);
  return {
    year,
    factors: Object.entries(RISK_FACTORS).map(([key, f]) => ({ key, label: f.label })),
    total: ranked.length,
    items: ranked.slice(0, Math.min(limit, 200)).map((r, i) => {
      const u = byId.get(r.unitId)!;
      return {
        rank: i + 1,
        unitCode: u.code,
        unitName: u.name,
        score: r.score,
        reasons: r.reasons.map((k) => RISK_FACTORS[k].label),
        dossierOnTime: u.dossierOnTime,
        overdueTasks: u.overdueTasks,
        missingApologies: u.missingApologies,
        feedbackSatisfaction: u.feedbackSatisfaction,
        feedbackOverdue: u.feedbackOverdue,
        internalIndex: u.internalIndex,
        lastInspected: u.lastInspected,
      };
    }),
  };
}

/**
 * Draws `count` units at random for unannounced visits on `date` from those not inspected or scheduled in
 * the plan's year; the seed is made here (the office cannot choose it), kept with the pool, and shown
 * only to the office; the visits are hidden from the units until their day.
 */
export async function drawUnannounced(
  s: AppServices,
  ctx: RequestContext,
  actor: Actor,
  planId: number,
  input: { count: number; date: string; areas?: string[] },
) {
  authorize(actor, 'inspection.manage');
  if (!isIsoDate(input.date) || input.date <= s.today())
    throw new AppError('VALIDATION', `Ngày kiểm tra đột xuất (trường "date") phải sau hôm nay (${formatDate(s.today())}).`, 400, {
      field: 'date',
    });
  return inTransaction(s.db, async (tx) => {
    const plan = await tx
      .selectFrom('inspectionPlan')
      .select(['id', 'year'])
      .where('id', '=', planId)
      .where('provinceCode', '=', s.provinceCode)
      .executeTakeFirst();
    if (!plan) throw new AppError('NOT_FOUND', 'Không tìm thấy kế hoạch kiểm tra.', 404);
    if (Number(input.date.slice(0, 4)) !== plan.year)
      throw new AppError('VALIDATION', `Ngày ${formatDate(input.date)} không thuộc năm ${plan.year} của kế hoạch (trường "date").`, 400, {
        field: 'date',
      });
    const { from, to } = yearRange(plan.year);
    const taken = await tx
      .selectFrom('inspection')
      .select('unitId')
      .distinct()
      .where('provinceCode', '=', s.provinceCode)
      .where('status', '!=', 'cancelled')
      .where('kind', '!=', 'self')
      .where('date', '>=', from)
      .where('date', '<=', to)
      .execute();
    const takenIds = new Set(taken.map((t) => Number(t.unitId)));
    const units = await repo.provinceUnits(tx, s.provinceCode, s.today());
    const pool = units
      .map((u) => Number(u.id))
      .filter((id) => !takenIds.has(id))
      .sort((a, b) => a - b);
    if (!pool.length)
      throw new AppError('EMPTY_POOL', 'Mọi đơn vị đã được kiểm tra hoặc có lịch kiểm tra trong năm: không còn đơn vị để bốc thăm.', 409);
    if (!(input.count >= 1 && input.count <= pool.length))
      throw new AppError('VALIDATION', `Số đơn vị bốc thăm (trường "count") từ 1 đến ${pool.length}.`, 400, { field: 'count' });
    const seed = randomBytes(16).toString('hex');
    const chosen = drawUnits(pool, seed, input.count);
    const draw = await tx
      .insertInto('inspectionDraw')
      .values({ planId, seed, pool, chosen, drawnBy: actor.userId || null, drawnAt: s.now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const areas = input.areas?.length ? input.areas : ['procedures', 'discipline'];
    const created: number[] = [];
    for (const unitId of chosen)
      created.push(
        await insertInspection(s, tx, {
          provinceCode: s.provinceCode,
          planId,
          unitId,
          byUnitId: null,
          kind: 'unannounced',
          status: 'scheduled',
          date: input.date,
          areas,
          teamLeader: null,
          teamMembers: null,
          drawId: Number(draw.id),
          createdBy: actor.userId || null,
          createdAt: s.now(),
        }),
      );
    const names = new Map(units.map((u) => [Number(u.id), u]));
    await recordAudit(tx, ctx, 'inspection.draw', {
      entityType: 'inspection_draw',
      entityId: Number(draw.id),
      after: { planId, date: input.date, poolSize: pool.length, chosen: chosen.map((id) => names.get(id)?.code) },
    });
    return {
      drawId: Number(draw.id),
      chosen: chosen.map((id, i) => ({ unitCode: names.get(id)!.code, unitName: names.get(id)!.name, inspectionId: created[i]! })),
    };
  });
}

export async function listDraws(s: AppServices, actor: Actor, planId: number) {
  authorize(actor, 'inspection.viewSealed');
  const draws = await s.db
    .selectFrom('inspectionDraw as d')
    .innerJoin('inspectionPlan as p', 'p.id', 'd.planId')
    .leftJoin('appUser as u', 'u.id', 'd.drawnBy')
    .select(['d.id', 'd.seed', 'd.pool', 'd.chosen', 'd.drawnAt', 'u.fullName as drawnBy'])
    .where('d.planId', '=', planId)
    .where('p.provinceCode', '=', s.provinceCode)
    .orderBy('d.id', 'desc')
    .execute();
  const ids = [...new Set(draws.flatMap((d) => d.chosen.map(Number)))];
  const units = ids.length ? await s.db.selectFrom('unit').select(['id', 'code', 'name']).where('id', 'in', ids).execute() : [];
  const byId = new Map(units.map((u) => [Number(u.id), u]));
  return draws.map((d) => {
    const pool = d.pool.map(Number);
    const chosen = d.chosen.map(Number);
    const again = drawUnits(pool, d.seed, chosen.length);
    return {
      id: Number(d.id),
      seed: d.seed,
      drawnAt: d.drawnAt.toISOString(),
      drawnBy: d.drawnBy,
      poolSize: pool.length,
      chosen: chosen.map((id) => ({ unitCode: byId.get(id)?.code ?? String(id), unitName: byId.get(id)?.name ?? '' })),
      reproducible: again.length === chosen.length && again.every((id, i) => id === chosen[i]),
    };
  });
}
