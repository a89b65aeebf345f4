import { describe, expect, it } from 'vitest';
import { coverage, drawUnits, findingState, isHeld, rankByRisk, remediation, repeatOf, type RiskInput } from './inspections.domain';

describe('held and coverage', () => {
  it('counts a visit as held on its day, not after a cancellation', () => {
    expect(isHeld({ status: 'scheduled', date: '2026-11-23' }, '2026-11-23')).toBe(true);
    expect(isHeld({ status: 'scheduled', date: '2026-11-24' }, '2026-11-23')).toBe(false);
    expect(isHeld({ status: 'cancelled', date: '2026-11-01' }, '2026-11-23')).toBe(false);
  });
  it('says how many units are still missing to reach the target', () => {
    expect(coverage(140, 38, 0.3)).toEqual({ units: 140, inspected: 38, share: 0.2714, target: 0.3, missing: 4 });
    expect(coverage(140, 42, 0.3).missing).toBe(0);
    expect(coverage(0, 0, 0.3)).toMatchObject({ share: 0, missing: 0 });
  });
});

describe('the sealed draw', () => {
  const pool = Array.from({ length: 50 }, (_, i) => i + 1);
  it('is reproducible from the seed and the pool, and another seed gives another draw', () => {
    const a = drawUnits(pool, 'a1b2', 5);
    expect(a).toHaveLength(5);
    expect(new Set(a).size).toBe(5);
    expect(drawUnits([...pool].reverse(), 'a1b2', 5)).toEqual(a);
    expect(drawUnits(pool, 'c3d4', 5)).not.toEqual(a);
  });
  it('never draws more than the pool holds', () => {
    expect(drawUnits([1, 2], 'x', 5).sort()).toEqual([1, 2]);
    expect(drawUnits(pool, 'x', 0)).toEqual([]);
  });
});

describe('risk ranking', () => {
  const base = (id: number, o: Partial<RiskInput>): RiskInput => ({
    unitId: id,
    dossierOnTime: 95,
    overdueTasks: 1,
    missingApologies: 0,
    feedbackSatisfaction: 90,
    feedbackOverdue: 0,
    internalIndex: null,
    daysSinceInspection: 100,
    ...o,
  });
  it('puts the unit worst on most factors first and names why', () => {
    const r = rankByRisk([
      base(1, {}),
      base(2, { dossierOnTime: 60, overdueTasks: 12, missingApologies: 9 }),
      base(3, { dossierOnTime: 90 }),
    ]);
    expect(r[0]!.unitId).toBe(2);
    expect(r[0]!.reasons).toEqual(expect.arrayContaining(['dossierOnTime', 'overdueTasks', 'missingApologies']));
    expect(r[0]!.score).toBeGreaterThan(r[2]!.score);
  });
  it('treats a unit never inspected as the longest wait, and ignores a factor nobody has', () => {
    const r = rankByRisk([base(1, { daysSinceInspection: 400 }), base(2, { daysSinceInspection: null })]);
    expect(r[0]!.unitId).toBe(2);
    expect(r[0]!.reasons).toEqual(['daysSinceInspection']);
  });
});

describe('findings', () => {
  it('reads the office’s verification first, then the remedy task, then the due date', () => {
    expect(findingState({ status: 'remedied', dueDate: '2026-01-01' }, false, '2026-11-23')).toBe('remedied');
    expect(findingState({ status: 'unresolved', dueDate: '2026-12-31' }, true, '2026-11-23')).toBe('unresolved');
    expect(findingState({ status: 'open', dueDate: '2026-01-01' }, true, '2026-11-23')).toBe('reported');
    expect(findingState({ status: 'open', dueDate: '2026-11-22' }, false, '2026-11-23')).toBe('overdue');
    expect(findingState({ status: 'open', dueDate: '2026-11-23' }, false, '2026-11-23')).toBe('in_progress');
  });
  it('takes the remediation rate over findings due or remedied early', () => {
    const r = remediation(
      [
        { status: 'remedied', dueDate: '2026-12-31' },
        { status: 'remedied', dueDate: '2026-05-01' },
        { status: 'open', dueDate: '2026-06-01' },
        { status: 'unresolved', dueDate: '2026-07-01' },
        { status: 'open', dueDate: '2026-12-31' },
      ],
      '2026-11-23',
    );
    expect(r).toEqual({ findings: 5, due: 4, remedied: 2, overdue: 2, rate: 50 });
    expect(remediation([{ status: 'open', dueDate: '2026-12-31' }], '2026-11-23').rate).toBeNull();
  });
  it('finds the earlier finding a new one repeats: same checklist item, or same area and nearly the same words', () => {
    const earlier = [
      { id: 1, area: 'procedures', itemCode: 'TT3', text: 'Chưa gửi phiếu xin lỗi' },
      { id: 2, area: 'discipline', itemCode: null, text: 'Công chức không đeo thẻ khi làm việc' },
      { id: 3, area: 'procedures', itemCode: 'TT3', text: 'Chưa gửi phiếu xin lỗi (lần 2)' },
    ];
    expect(repeatOf(earlier, { area: 'procedures', itemCode: 'TT3', text: 'Khác hẳn' })?.id).toBe(3);
    expect(repeatOf(earlier, { area: 'discipline', itemCode: null, text: 'Một số công chức không đeo thẻ khi làm việc' })?.id).toBe(2);
    expect(repeatOf(earlier, { area: 'discipline', itemCode: null, text: 'Đi muộn về sớm' })).toBeNull();
    expect(repeatOf(earlier, { area: 'procedures', itemCode: 'TT1', text: 'Chưa gửi phiếu xin lỗi' })).toBeNull();
  });
});
