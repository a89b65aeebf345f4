import { describe, expect, it } from 'vitest';
import { canTransition } from '@cchc/core';
import { change, councilScore, DEFAULT_CRITERIA, effectWindows, initiativeFlow } from './initiatives.domain';

describe('the council’s score', () => {
  it('averages the totals of members who scored every criterion and suggests the level', () => {
    const full = (memberId: number, pts: number[]) =>
      DEFAULT_CRITERIA.map((c, i) => ({ memberId, criterionCode: c.code, points: pts[i]! }));
    const r = councilScore(DEFAULT_CRITERIA, [
      ...full(1, [25, 35, 15, 8]),
      ...full(2, [20, 25, 10, 5]),
      { memberId: 3, criterionCode: 'novelty', points: 30 },
    ]);
    expect(r).toEqual({
      members: 2,
      total: 71.5,
      max: 100,
      byCriterion: { novelty: 22.5, effect: 30, replicable: 12.5, feasible: 6.5 },
      suggested: 'province',
    });
    expect(councilScore(DEFAULT_CRITERIA, full(1, [15, 20, 10, 5])).suggested).toBe('unit');
    expect(councilScore(DEFAULT_CRITERIA, full(1, [5, 10, 5, 5])).suggested).toBe('none');
    expect(councilScore(DEFAULT_CRITERIA, []).total).toBeNull();
  });
});

describe('the workflow', () => {
  it('sends from a draft or after a return, decides only what the office found complete', () => {
    expect(canTransition(initiativeFlow, 'draft', 'submit')).toBe(true);
    expect(canTransition(initiativeFlow, 'returned', 'submit')).toBe(true);
    expect(canTransition(initiativeFlow, 'submitted', 'recognise')).toBe(false);
    expect(canTransition(initiativeFlow, 'accepted', 'recognise')).toBe(true);
    expect(canTransition(initiativeFlow, 'recognised', 'return')).toBe(false);
  });
});

describe('effect', () => {
  it('compares the year before the start with the year after, cut at today', () => {
    expect(effectWindows('2026-03-01', '2026-11-23')).toEqual({
      before: { from: '2025-03-01', to: '2026-02-28' },
      after: { from: '2026-03-01', to: '2026-11-23' },
      measurable: true,
    });
    // Three weeks of use: no "after" figure yet.
    expect(effectWindows('2026-11-02', '2026-11-23').measurable).toBe(false);
    expect(effectWindows('2026-10-25', '2026-11-23').measurable).toBe(true);
    expect(effectWindows('2025-01-10', '2026-11-23').after).toEqual({ from: '2025-01-10', to: '2026-01-09' });
    expect(change(80.5, 90)).toBe(9.5);
    expect(change(null, 90)).toBeNull();
  });
});
