/**
 * A unit's totals in a round and the ranking of a group (pure). The contract:
 * `appraised` = the scored criteria (self-scored and computed) at their latest appraisal stage (final when
 * set, carried forward per criterion), `total = appraised + survey + bonus − penalty` (bonus and penalty
 * capped at their maxima), `max` = the maxima of everything but bonus and penalty (survey criteria left
 * out when the round holds no survey, and a computed criterion left out for a unit it has no figure for — no
 * dossier, no task due, not in the survey: not applicable, neither 0 points nor full), `index = total / max × 100` to 2 decimals, `rank` the competition
 * rank of `index` in the group, `band` the first band whose minimum the index reaches.
 */
import type { Method, Stage } from './assessment.tables';

export interface LeafCriterion {
  id: number;
  method: Method;
  maxPoints: number;
}

/**
 * A unit's scores: per criterion id, per stage; computed criteria already turned into points — a computed
 * criterion the unit has no figure for is absent from `computed` (not applicable to it).
 */
export interface UnitScores {
  unitCode: string;
  unitName: string;
  scores: Map<number, Partial<Record<Stage, number>>>;
  computed: Map<number, number>;
}

export interface ResultBand {
  min: number;
  label: string;
}

export const DEFAULT_BANDS: ResultBand[] = [
  { min: 90, label: 'Tốt' },
  { min: 80, label: 'Khá' },
  { min: 65, label: 'Trung bình' },
  { min: 0, label: 'Yếu' },
];

export interface ResultRow {
  unitCode: string;
  unitName: string;
  self: number;
  appraised: number;
  survey: number;
  bonus: number;
  penalty: number;
  total: number;
  max: number;
  index: number;
  rank: number;
  band: string;
}

const r2 = (n: number) => Math.round(n * 100) / 100;
const r4 = (n: number) => Math.round(n * 10_000) / 10_000;
const APPRAISAL: Stage[] = ['final', 'appraisal2', 'appraisal1'];

export function latestAppraisal(s: Partial<Record<Stage, number>> | undefined): number | undefined {
  for (const st of APPRAISAL) if (s?.[st] !== undefined) return s[st];
  return undefined;
}

/** Whether a criterion applies to a unit: a computed one only where the unit has a figure. */
export const appliesTo = (c: LeafCriterion, u: UnitScores) => c.method !== 'du_lieu' || u.computed.has(c.id);

/** The points a unit holds on a scored criterion (self-scored or survey at its latest appraisal; computed). */
export function leafPoints(c: LeafCriterion, u: UnitScores): number {
  if (c.method === 'du_lieu') return Math.min(u.computed.get(c.id) ?? 0, c.maxPoints);
  return latestAppraisal(u.scores.get(c.id)) ?? 0;
}

export function unitTotals(leaves: LeafCriterion[], u: UnitScores, opts: { survey: boolean }) {
  let self = 0;
  let appraised = 0;
  let survey = 0;
  let bonus = 0;
  let penalty = 0;
  let bonusMax = 0;
  let penaltyMax = 0;
  let max = 0;
  for (const c of leaves) {
    const s = u.scores.get(c.id);
    if (c.method === 'du_lieu') {
      if (!u.computed.has(c.id)) continue; // no figure for this unit: not applicable
      const v = Math.min(u.computed.get(c.id)!, c.maxPoints);
      self += v;
      appraised += v;
      max += c.maxPoints;
    } else if (c.method === 'tu_cham') {
      self += s?.self ?? 0;
      appraised += latestAppraisal(s) ?? 0;
      max += c.maxPoints;
    } else if (c.method === 'khao_sat') {
      if (!opts.survey) continue;
      survey += latestAppraisal(s) ?? 0;
      max += c.maxPoints;
    } else if (c.method === 'thuong') {
      bonus += latestAppraisal(s) ?? s?.self ?? 0;
      bonusMax += c.maxPoints;
    } else {
      penalty += latestAppraisal(s) ?? s?.self ?? 0;
      penaltyMax += c.maxPoints;
    }
  }
  bonus = Math.min(bonus, bonusMax);
  penalty = Math.min(penalty, penaltyMax);
  const total = r4(appraised + survey + bonus - penalty);
  return { self: r4(self), appraised: r4(appraised), survey: r4(survey), bonus: r4(bonus), penalty: r4(penalty), total, max: r4(max) };
}

/** Competition ranking (1, 2, 2, 4) by index, highest first. */
export function competitionRank(values: number[]): number[] {
  return values.map((v) => 1 + values.filter((o) => o > v).length);
}

export function bandOf(index: number, bands: ResultBand[]): string {
  return [...bands].sort((a, b) => b.min - a.min).find((b) => index >= b.min)?.label ?? '';
}

export function groupResults(leaves: LeafCriterion[], units: UnitScores[], opts: { survey: boolean; bands: ResultBand[] }): ResultRow[] {
  const rows = units.map((u) => {
    const t = unitTotals(leaves, u, opts);
    return { unitCode: u.unitCode, unitName: u.unitName, ...t, index: t.max ? r2((t.total / t.max) * 100) : 0 };
  });
  const ranks = competitionRank(rows.map((r) => r.index));
  return rows
    .map((r, i) => ({ ...r, rank: ranks[i]!, band: bandOf(r.index, opts.bands) }))
    .sort((a, b) => a.rank - b.rank || a.unitCode.localeCompare(b.unitCode));
}
