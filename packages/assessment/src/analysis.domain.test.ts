import { describe, expect, it } from 'vitest';
import { criterionLosses, median, unitGaps, yearOverYear, type AnalysedCriterion } from './analysis.domain';
import type { ResultRow, UnitScores } from './results.domain';

const criteria: AnalysedCriterion[] = [
  { id: 1, code: '1.1', content: 'Kế hoạch', method: 'tu_cham', maxPoints: 2 },
  { id: 2, code: '1.2', content: 'Hồ sơ đúng hạn', method: 'du_lieu', maxPoints: 3 },
  { id: 3, code: '2.1', content: 'Sáng kiến', method: 'thuong', maxPoints: 1 },
];
const unit = (code: string, self: number, appraised: number | undefined, computed: number): UnitScores => ({
  unitCode: code,
  unitName: code,
  scores: new Map([
    [1, { self, ...(appraised === undefined ? {} : { appraisal1: appraised }) }],
    [3, { self: 1 }],
  ]),
  computed: new Map([[2, computed]]),
});
const units = [unit('A', 2, 1, 3), unit('B', 2, 2, 1), unit('C', 1.5, undefined, 0)];

describe('where a group lost its points', () => {
  it('sums the points lost per criterion, with the best, the median and the units marked down', () => {
    expect(criterionLosses(criteria, units, { survey: false })).toEqual([
      // computed: 0 + 2 + 3 lost
      { code: '1.2', content: 'Hồ sơ đúng hạn', maxPoints: 3, average: 1.33, best: 3, median: 1, lost: 5, lostShare: 62.5, markedDown: 0 },
      // A appraised 1 of its own 2 (marked down); C never appraised counts 0 and is not "marked down"
      { code: '1.1', content: 'Kế hoạch', maxPoints: 2, average: 1, best: 2, median: 1, lost: 3, lostShare: 37.5, markedDown: 1 },
    ]);
  });

  it('gives a unit its gap to the group’s best and median, largest loss first', () => {
    expect(unitGaps(criteria, units, 'B', { survey: false })).toEqual([
      { code: '1.2', content: 'Hồ sơ đúng hạn', maxPoints: 3, points: 1, lost: 2, best: 3, median: 1 },
      { code: '1.1', content: 'Kế hoạch', maxPoints: 2, points: 2, lost: 0, best: 2, median: 1 },
    ]);
    expect(unitGaps(criteria, units, 'Z', { survey: false })).toEqual([]);
  });

  it('leaves a unit with no figure for a computed criterion out of that criterion’s losses and gaps', () => {
    const none: UnitScores = { ...unit('D', 2, 2, 0), computed: new Map() };
    const losses = criterionLosses(criteria, [...units, none], { survey: false });
    // 1.2 as before (D not counted); 1.1 adds D's 0 lost of 2.
    expect(losses.find((l) => l.code === '1.2')).toMatchObject({ average: 1.33, lost: 5 });
    expect(losses.find((l) => l.code === '1.1')).toMatchObject({ lost: 3 });
    expect(unitGaps(criteria, [...units, none], 'D', { survey: false }).map((g) => g.code)).toEqual(['1.1']);
  });

  it('takes the median of an even count as the mean of the middle two', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBe(0);
  });

  it('compares each unit with last year, and says nothing for a unit new to the group', () => {
    const row = (unitCode: string, index: number, rank: number) => ({ unitCode, unitName: unitCode, index, rank }) as ResultRow;
    expect(yearOverYear([row('A', 91.5, 1), row('N', 80, 2)], [row('A', 88.25, 3)])).toEqual([
      { unitCode: 'A', unitName: 'A', index: 91.5, rank: 1, previousIndex: 88.25, previousRank: 3, change: 3.25 },
      { unitCode: 'N', unitName: 'N', index: 80, rank: 2, previousIndex: null, previousRank: null, change: null },
    ]);
  });
});
