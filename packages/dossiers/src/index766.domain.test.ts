import { describe, expect, it } from 'vitest';
import { compute766, pointsFor } from './index766.domain';

describe('766 points', () => {
  it('full points at or above the threshold, rate × max ÷ threshold below it', () => {
    expect(pointsFor(85, 11, 80)).toBe(11);
    expect(pointsFor(40, 11, 80)).toBe(5.5);
    expect(pointsFor(97.5, 20, null)).toBe(19.5);
  });
  it('computes what the data supports and says why the rest is not computed', () => {
    const r = compute766({
      received: 200,
      receivedOnline: 60,
      paymentKnown: 100,
      paidOnline: 30,
      digitisedKnown: 200,
      digitised: 120,
      resolved: 180,
      resolvedOnTime: 171,
      resolvedLate: 9,
      electronicResultKnown: 180,
      electronicResult: 90,
      openOverdueAtEnd: 10,
    });
    const g2 = r.groups.find((g) => g.code === 'G2')!;
    expect(g2.indicators[0]).toMatchObject({ rate: 90, points: 18, status: 'computed' }); // 171 / (180 + 10)
    const g4 = r.groups.find((g) => g.code === 'G4')!;
    expect(g4.indicators.map((i) => [i.code, i.status, i.points])).toEqual([
      ['G4.1', 'not_computed', null],
      ['G4.2', 'computed', 6.6],
      ['G4.3', 'computed', 3.3],
    ]);
    const g1 = r.groups.find((g) => g.code === 'G1')!;
    expect(g1.points).toBeNull(); // never a zero for what cannot be computed
    expect(g1.indicators[0]!.reason).toContain('không có trong dữ liệu hồ sơ');
    expect(r.computedMax).toBe(20 + 22 + 16.5 + 9);
  });
  it('an empty period is not computed rather than scored zero', () => {
    const r = compute766({
      received: 0,
      receivedOnline: 0,
      paymentKnown: 0,
      paidOnline: 0,
      digitisedKnown: 0,
      digitised: 0,
      resolved: 0,
      resolvedOnTime: 0,
      resolvedLate: 0,
      electronicResultKnown: 0,
      electronicResult: 0,
      openOverdueAtEnd: 0,
    });
    expect(r.groups.every((g) => g.points === null)).toBe(true);
  });
});
