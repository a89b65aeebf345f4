/**
 * A round's analysis for Sở Nội vụ and the leaders: where the group lost its points, the criteria the
 * appraisers marked down most, one unit's gaps to the group's best and median, the change from last year.
 */
import { authorize, type Actor, type AppServices } from '@cchc/core';
import { criterionLosses, unitGaps, yearOverYear } from './analysis.domain';
import { groupResults, type ResultBand } from './results.domain';
import * as repo from './assessment.repository';
import { loadRound, roundUnit } from './round.access';
import { roundScores } from './round.service';

export async function roundAnalysis(s: AppServices, actor: Actor, roundId: number, unitCode?: string) {
  authorize(actor, 'assessment.results');
  const round = await loadRound(s, roundId);
  const unit = unitCode ? await roundUnit(s, actor, round, unitCode) : null;
  const { leaves, perUnit, hasSurvey } = await roundScores(s, actor, round);
  const bands = round.resultBands as ResultBand[];
  const results = groupResults(leaves, perUnit, { survey: hasSurvey, bands });
  const previousId = await repo.previousRound(s.db, s.provinceCode, round.unitGroup, round.year);
  let previous = null;
  if (previousId) {
    const p = await loadRound(s, previousId);
    const data = await roundScores(s, actor, p);
    previous = {
      id: previousId,
      year: p.year,
      rows: groupResults(data.leaves, data.perUnit, { survey: data.hasSurvey, bands: p.resultBands as ResultBand[] }),
    };
  }
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
