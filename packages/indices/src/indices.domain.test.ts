import { describe, expect, it } from 'vitest';
import { competitionRanks, componentGaps, median, parseDecimal, totalFromComponents, whatIf } from './indices.domain';

describe('competitionRanks', () => {
  it('ranks higher values first, ties share a rank, the next rank skips', () => {
    const r = competitionRanks([
      { key: 'a', value: 40 },
      { key: 'b', value: 45 },
      { key: 'c', value: 40 },
      { key: 'd', value: 30 },
      { key: 'e', value: null },
    ]);
    expect(Object.fromEntries(r)).toEqual({ b: 1, a: 2, c: 2, d: 4 });
  });
});

describe('median, totals, decimals', () => {
  it('takes the middle or the mean of the two middles', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
  });
  it('sums or averages top-level components, and gives nothing when one is missing', () => {
    expect(totalFromComponents('sum', { D1: 5, D2: 6 }, ['D1', 'D2'])).toBe(11);
    expect(totalFromComponents('mean', { A1: 80, A2: 90 }, ['A1', 'A2'])).toBe(85);
    expect(totalFromComponents('sum', { D1: 5 }, ['D1', 'D2'])).toBeNull();
    expect(totalFromComponents('none', { L1: 5 }, ['L1'])).toBeNull();
  });
  it('reads Vietnamese and international decimals', () => {
    expect(parseDecimal('41,84')).toBe(41.84);
    expect(parseDecimal('1.234,5')).toBe(1234.5);
    expect(parseDecimal('82.82%')).toBe(82.82);
    expect(parseDecimal('')).toBeNull();
    expect(parseDecimal('abc')).toBeNaN();
  });
});

describe('componentGaps', () => {
  const field = [
    { key: 'A', value: 20, components: { D1: 5, D2: 9 } },
    { key: 'B', value: 18, components: { D1: 7, D2: 4 } },
    { key: 'C', value: 14, components: { D1: 6, D2: 6 } },
  ];
  it('compares with the best, the median and the peers, negative when behind', () => {
    const [d1, d2] = componentGaps({ D1: 5, D2: 9 }, field, ['D1', 'D2'], ['B', 'C']);
    expect(d1).toMatchObject({
      best: 7,
      bestKey: 'B',
      median: 6,
      peerMean: 6.5,
      gapToBest: -2,
      gapToMedian: -1,
      gapToPeers: -1.5,
      rank: 3,
    });
    expect(d2).toMatchObject({ best: 9, gapToBest: 0, rank: 1 });
  });
});

describe('whatIf', () => {
  const field = [
    { key: 'A', value: 12, components: { D1: 6, D2: 6 } },
    { key: 'B', value: 11, components: { D1: 5, D2: 6 } },
    { key: 'C', value: 10, components: { D1: 5, D2: 5 } },
  ];
  it('recomputes the total and the rank against the others of that year', () => {
    const r = whatIf('sum', ['D1', 'D2'], 'C', { D1: 5, D2: 5 }, { D2: 7.5 }, field);
    expect(r).toEqual({ total: 12.5, rank: 1, fieldSize: 3, baselineTotal: 10, baselineRank: 3 });
  });
});
