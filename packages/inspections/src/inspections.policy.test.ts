import { describe, expect, it } from 'vitest';
import { can, installRules, type Actor } from '@cchc/core';
import { inspectionsGlobalActions, inspectionsRules, type InspectionSubject } from './inspections.policy';

installRules(inspectionsRules, inspectionsGlobalActions);
const actor = (roles: Actor['roles'], unitIds: number[] | null): Actor => ({
  userId: 1,
  username: 'u',
  fullName: 'U',
  unitId: unitIds?.[0] ?? 1,
  unitCode: 'X',
  unitName: 'X',
  provinceCode: '86',
  roles,
  scope: unitIds ? { kind: 'units', unitIds } : { kind: 'province', provinceCode: '86' },
});
const visit = (o: Partial<InspectionSubject> = {}): InspectionSubject => ({
  unitId: 7,
  provinceCode: '86',
  kind: 'planned',
  byUnitId: null,
  status: 'scheduled',
  ...o,
});

describe('inspection policy', () => {
  it('lets the office conduct and conclude, not the inspected unit', () => {
    expect(can(actor(['cchc_office'], null), 'inspection.conclude', visit())).toBe(true);
    expect(can(actor(['unit_head'], [7]), 'inspection.conduct', visit())).toBe(false);
    expect(can(actor(['leader'], null), 'inspection.conduct', visit())).toBe(false);
    expect(can(actor(['cchc_office'], null), 'inspection.conclude', visit({ status: 'concluded' }))).toBe(false);
    // Once concluded the record is frozen; remedies are still verified.
    expect(can(actor(['cchc_office'], null), 'inspection.conduct', visit({ status: 'concluded' }))).toBe(false);
    expect(can(actor(['cchc_office'], null), 'inspection.verify', visit({ status: 'concluded' }))).toBe(true);
  });
  it('lets a unit conduct the self-inspection of its own sub-unit', () => {
    expect(can(actor(['unit_head'], [3, 7]), 'inspection.conduct', visit({ kind: 'self', byUnitId: 3 }))).toBe(true);
    expect(can(actor(['unit_head'], [4, 8]), 'inspection.conduct', visit({ kind: 'self', byUnitId: 3 }))).toBe(false);
  });
  it('keeps the sealed draws to the office', () => {
    expect(can(actor(['cchc_office'], null), 'inspection.viewSealed')).toBe(true);
    expect(can(actor(['leader'], null), 'inspection.viewSealed')).toBe(false);
    expect(can(actor(['unit_head'], [7]), 'inspection.manage')).toBe(false);
  });
});
