/**
 * A round's analysis for Sở Nội vụ and the leaders: where the group lost its points, the criteria the
 * appraisers marked down most, one unit's gaps to the group's best and median, the change from last year.
 */
import { authorize, type Actor, type AppServices } from '@cchc/core';
import { criterionLosses, unitGaps, yearOverYear } from './analysis.domain';
import * as repo from './assessment.repository';
import { loadRound, roundUnit } from './round.access';
import { resultsOf } from './round.service';

export async function roundAnalysis(s: AppServices, actor: Actor, roundId: number, unitCode?: string) {
  authorize(actor, 'assessment.results');
  const round = await loadRound(s, roundId);
  const unit = unitCode ? await roundUnit(s, actor, round, unitCode) : null;
  const { leaves, perUnit, hasSurvey, rows: results } = await resultsOf(s, actor, round);
  const previousId = await repo.previousRound(s.db, s.provinceCode, round.unitGroup, round.year);
  const before = previousId ? await loadRound(s, previousId) : null;
  const previous = before ? { year: before.year, rows: (await resultsOf(s, actor, before)).rows } : null;
  const criteria = criterionLosses(leaves, perUnit, { survey: hasSurvey });
  return {
    roundId,
    year: round.year,
    units: perUnit.length,
    criteria,
    mostMarkedDown: criteria
      .filter((c) => c.markedDown > 0)
      .sort((a, b) => b.markedDown - a.markedDown || b.lost - a.lost)
      .slice(0, 10),
    unit: unit ? { unitCode: unit.code, unitName: unit.name, gaps: unitGaps(leaves, perUnit, unit.code, { survey: hasSurvey }) } : null,
    previousYear: previous?.year ?? null,
    yearOverYear: yearOverYear(results, previous?.rows ?? null),
  };
}
