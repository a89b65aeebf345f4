/** The 766 index of a unit and period, computed from the dossiers, beside the official points when entered. */
import {
  AppError,
  authorize,
  getUnitByCode,
  inTransaction,
  parsePeriod,
  recordAudit,
  resolveScopedUnit,
  type Actor,
  type AppServices,
  type RequestContext,
} from '@cchc/core';
import { compute766, GROUP_MAX_766, type Counts766, type Feedback766 } from './index766.domain';
import * as repo from './dossier.repository';

/** Period `YYYY-MM`, `YYYY-Qn` or `YYYY` (core's periods; a month may also be written YYYY-Mmm) → first and last day. */
export function periodRange(period: string): { from: string; to: string } {
  const p = parsePeriod(period.replace(/^(\d{4})-(\d{2})$/, '$1-M$2'));
  if (p.kind === 'half_yearly') throw new AppError('BAD_PERIOD', `Kỳ "${period}" không hợp lệ: dùng YYYY-MM, YYYY-Qn hoặc YYYY.`);
  return { from: p.start, to: p.end };
}

/** Group 5's feedback figures from the metrics registry (null when the feedback module is not installed). */
async function feedbackFigures(
  s: AppServices,
  actor: Actor,
  unit: string | undefined,
  from: string,
  to: string,
): Promise<Feedback766 | null> {
  if (!s.metrics.canRead(actor, 'feedback.onTimeRate') || !s.metrics.canRead(actor, 'feedback.satisfaction')) return null;
  const [onTime] = await s.metrics.read(s, actor, 'feedback.onTimeRate', { unit, from, to });
  const [satisfaction] = await s.metrics.read(s, actor, 'feedback.satisfaction', { unit, from, to });
  return {
    onTime: onTime?.numerator ?? 0,
    judged: onTime?.denominator ?? 0,
    satisfied: satisfaction?.numerator ?? 0,
    answered: satisfaction?.denominator ?? 0,
  };
}

export async function index766(s: AppServices, actor: Actor, q: { unit: string; period: string }) {
  authorize(actor, 'dossier.read');
  const { from, to } = periodRange(q.period);
  const unit = await resolveScopedUnit(s, actor, q.unit);
  const codes = unit.code === s.provinceCode ? null : [unit.code];
  const counts = (await repo.counts766(s.db, s.provinceCode, codes, from, to)) as unknown as Counts766;
  const official = await repo.official766(s.db, unit.code, q.period);
  const result = compute766(counts, await feedbackFigures(s, actor, unit.code === s.provinceCode ? undefined : unit.code, from, to));
  return {
    unitCode: unit.code,
    unitName: unit.name,
    period: q.period,
    from,
    to,
    ...result,
    counts,
    groups: result.groups.map((g) => {
      const o = official.find((x) => x.groupCode === g.code);
      return {
        ...g,
        official: o ? Number(o.points) : null,
        officialSource: o?.source ?? null,
        difference: o && g.points !== null ? Math.round((g.points - Number(o.points)) * 100) / 100 : null,
      };
    }),
  };
}

export async function saveOfficial766(
  s: AppServices,
  ctx: RequestContext,
  actor: Actor,
  input: { unit: string; period: string; groups: { code: string; points: number }[]; source: string },
) {
  authorize(actor, 'dossier.official766');
  periodRange(input.period);
  const unit = await getUnitByCode(s, input.unit);
  const max: Record<string, number> = GROUP_MAX_766;
  for (const g of input.groups) {
    if (!(g.code in max)) throw new AppError('UNKNOWN_GROUP', `Nhóm "${g.code}" không có trong Bộ chỉ số 766 (G1–G5).`);
    if (g.points < 0 || g.points > max[g.code]!) throw new AppError('OUT_OF_SCALE', `Điểm nhóm ${g.code} phải từ 0 đến ${max[g.code]}.`);
  }
  await inTransaction(s.db, async (tx) => {
    const before = await tx
      .selectFrom('dossierOfficial766')
      .selectAll()
      .where('unitCode', '=', unit.code)
      .where('period', '=', input.period)
      .execute();
    for (const g of input.groups) {
      await repo.upsertOfficial766(tx, {
        unitCode: unit.code,
        period: input.period,
        groupCode: g.code,
        points: g.points,
        source: input.source,
        enteredBy: actor.userId,
        enteredAt: s.now(),
      });
    }
    await recordAudit(tx, ctx, 'dossier.official766', {
      entityType: 'index766',
      entityId: `${unit.code}:${input.period}`,
      unitId: unit.id,
      before,
      after: input,
    });
  });
  return index766(s, actor, { unit: unit.code, period: input.period });
}
