import { describe, expect, it } from 'vitest';
import { DEFAULT_BANDS, groupResults, type LeafCriterion, type UnitScores } from './results.domain';

const leaves: LeafCriterion[] = [
  { id: 1, method: 'tu_cham', maxPoints: 4 },
  { id: 2, method: 'du_lieu', maxPoints: 3 },
  { id: 3, method: 'khao_sat', maxPoints: 3 },
  { id: 4, method: 'thuong', maxPoints: 1 },
  { id: 5, method: 'tru', maxPoints: 2 },
];
/** `computed` null: the unit has no figure for the computed criterion (absent from the map). */
const unit = (code: string, s: Record<number, Record<string, number>>, computed: number | null): UnitScores => ({
  unitCode: code,
  unitName: code,
  scores: new Map(Object.entries(s).map(([k, v]) => [Number(k), v])),
  computed: new Map(computed === null ? [] : [[2, computed]]),
});

describe('results of a group', () => {
  it('totals the latest appraisal (final first), adds computed points, bonus and penalty, rescales without a survey', () => {
    const [a, b, c] = groupResults(
      leaves,
      [
        unit('A', { 1: { self: 4, appraisal1: 3, final: 3.5 }, 4: { self: 1 }, 5: { appraisal1: 0.5 } }, 3),
        unit('B', { 1: { self: 4, appraisal1: 3, appraisal2: 4 } }, 2),
        unit('C', { 1: { self: 2 } }, 3),
      ],
      { survey: false, bands: DEFAULT_BANDS },
    );
    // A: appraised 3.5 + 3 = 6.5, + bonus 1 − penalty 0.5 = 7 of 7 → 100.
    expect(a).toMatchObject({
      unitCode: 'A',
      self: 7,
      appraised: 6.5,
      bonus: 1,
      penalty: 0.5,
      total: 7,
      max: 7,
      index: 100,
      rank: 1,
      band: 'Tốt',
    });
    expect(b).toMatchObject({ unitCode: 'B', appraised: 6, total: 6, index: 85.71, rank: 2, band: 'Khá' });
    // Not appraised yet: only the computed criterion counts.
    expect(c).toMatchObject({ unitCode: 'C', self: 5, appraised: 3, index: 42.86, rank: 3, band: 'Yếu' });
  });

  it('counts the survey when the round holds one, and ranks ties alike', () => {
    const rows = groupResults(
      leaves,
      [unit('A', { 1: { appraisal1: 4 }, 3: { appraisal1: 3 } }, 3), unit('B', { 1: { appraisal1: 4 }, 3: { appraisal1: 3 } }, 3)],
      { survey: true, bands: DEFAULT_BANDS },
    );
    expect(rows.map((r) => [r.unitCode, r.max, r.survey, r.index, r.rank])).toEqual([
      ['A', 10, 3, 100, 1],
      ['B', 10, 3, 100, 1],
    ]);
  });

  it('leaves a computed criterion out of the maximum of a unit with no figure for it, and counts a zero as a zero', () => {
    const rows = groupResults(leaves, [unit('A', { 1: { appraisal1: 4 } }, null), unit('B', { 1: { appraisal1: 4 } }, 0)], {
      survey: false,
      bands: DEFAULT_BANDS,
    });
    // A: 4 of 4 (criterion 2 does not apply); B: 4 of 7 (it applies, and B earned nothing on it).
    expect(rows.map((r) => [r.unitCode, r.total, r.max, r.index])).toEqual([
      ['A', 4, 4, 100],
      ['B', 4, 7, 57.14],
    ]);
  });
});
