import { describe, expect, it } from 'vitest';
import { demoHistoryStart, seededRandom } from './random';

describe('demo data', () => {
  it('draws the same numbers from the same seed', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });

  it('starts its history on 1 January, or a year earlier before April', () => {
    expect(demoHistoryStart('2026-11-23')).toBe('2026-01-01');
    expect(demoHistoryStart('2026-04-01')).toBe('2026-01-01');
    expect(demoHistoryStart('2026-03-31')).toBe('2025-01-01');
    expect(demoHistoryStart('2027-01-02')).toBe('2026-01-01');
  });
});
