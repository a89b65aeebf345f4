/**
 * Where a group lost its points (pure): per scored criterion the points lost across the group, the
 * group's best and median, how many units the appraisers marked down; per unit its gap to the best and
 * the median on every criterion; the change of each unit's index from the previous year's round.
 */
import { appliesTo, leafPoints, type LeafCriterion, type ResultRow, type UnitScores } from './results.domain';

export interface AnalysedCriterion extends LeafCriterion {
  code: string;
  content: string;
}

export interface CriterionLoss {
  code: string;
  content: string;
  maxPoints: number;
  average: number;
  best: number;
  median: number;
  /** Σ (maximum − points) over the group's units. */
  lost: number;
  /** Share of all the points the group lost, in percent. */
  lostShare: number;
  /** Units whose appraised points are below their self-score. */
  markedDown: number;
}

export interface UnitGap {
  code: string;
  content: string;
  maxPoints: number;
  points: number;
  lost: number;
  best: number;
  median: number;
}

const r2 = (n: number) => Math.round(n * 100) / 100;

export function median(values: number[]): number {
  if (!values.length) return 0;
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

/** The scored criteria (self, computed, survey) of a framework; bonus and penalty are not "lost". */
const scored = (criteria: AnalysedCriterion[], survey: boolean) =>
  criteria.filter((c) => c.method === 'tu_cham' || c.method === 'du_lieu' || (survey && c.method === 'khao_sat'));

export function criterionLosses(criteria: AnalysedCriterion[], units: UnitScores[], opts: { survey: boolean }): CriterionLoss[] {
  const list = scored(criteria, opts.survey);
  const rows = list.map((c) => {
    const points = units.filter((u) => appliesTo(c, u)).map((u) => leafPoints(c, u));
    const markedDown =
      c.method === 'du_lieu'
        ? 0
        : units.filter((u) => {
            const s = u.scores.get(c.id);
            const appraised = leafPoints(c, u);
            return (
              s?.self !== undefined &&
              (s.appraisal1 !== undefined || s.appraisal2 !== undefined || s.final !== undefined) &&
              appraised < s.self - 1e-9
            );
          }).length;
    return {
      code: c.code,
      content: c.content,
      maxPoints: c.maxPoints,
      average: points.length ? r2(points.reduce((a, b) => a + b, 0) / points.length) : 0,
      best: r2(Math.max(0, ...points)),
      median: r2(median(points)),
      lost: r2(points.reduce((a, p) => a + (c.maxPoints - p), 0)),
      lostShare: 0,
      markedDown,
    };
  });
  const total = rows.reduce((a, r) => a + r.lost, 0);
  for (const r of rows) r.lostShare = total ? r2((r.lost / total) * 100) : 0;
  return rows.sort((a, b) => b.lost - a.lost || a.code.localeCompare(b.code, 'vi', { numeric: true }));
}

export function unitGaps(criteria: AnalysedCriterion[], units: UnitScores[], unitCode: string, opts: { survey: boolean }): UnitGap[] {
  const me = units.find((u) => u.unitCode === unitCode);
  if (!me) return [];
  return scored(criteria, opts.survey)
    .filter((c) => appliesTo(c, me))
    .map((c) => {
      const points = units.filter((u) => appliesTo(c, u)).map((u) => leafPoints(c, u));
      const mine = leafPoints(c, me);
      return {
        code: c.code,
        content: c.content,
        maxPoints: c.maxPoints,
        points: r2(mine),
        lost: r2(c.maxPoints - mine),
        best: r2(Math.max(0, ...points)),
        median: r2(median(points)),
      };
    })
    .sort((a, b) => b.lost - a.lost || a.code.localeCompare(b.code, 'vi', { numeric: true }));
}

export function yearOverYear(current: ResultRow[], previous: ResultRow[] | null) {
  const before = new Map((previous ?? []).map((r) => [r.unitCode, r]));
  return current.map((r) => {
    const p = before.get(r.unitCode);
    return {
      unitCode: r.unitCode,
      unitName: r.unitName,
      index: r.index,
      rank: r.rank,
      previousIndex: p?.index ?? null,
      previousRank: p?.rank ?? null,
      change: p ? r2(r.index - p.index) : null,
    };
  });
}
