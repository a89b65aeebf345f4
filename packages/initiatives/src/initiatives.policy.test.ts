import { describe, expect, it } from 'vitest';
import { can, installRules, type Actor } from '@cchc/core';
import { initiativesGlobalActions, initiativesRules, type InitiativeSubject } from './initiatives.policy';

installRules(initiativesRules, initiativesGlobalActions);
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
const subject = (o: Partial<InitiativeSubject> = {}): InitiativeSubject => ({
  ownerUnitId: 5,
  provinceCode: '86',
  status: 'draft',
  origin: 'own',
  awardUsed: false,
  ...o,
});

describe('initiative policy', () => {
  it('lets the unit edit its draft and its head send it; not another unit', () => {
    expect(can(actor(['focal_point'], [5]), 'initiative.edit', subject())).toBe(true);
    expect(can(actor(['focal_point'], [5]), 'initiative.submit', subject())).toBe(false);
    expect(can(actor(['unit_head'], [5]), 'initiative.submit', subject())).toBe(true);
    expect(can(actor(['unit_head'], [6]), 'initiative.submit', subject())).toBe(false);
    expect(can(actor(['focal_point'], [5]), 'initiative.edit', subject({ status: 'submitted' }))).toBe(false);
  });
  it('leaves checking and deciding to the office, scoring to the council', () => {
    expect(can(actor(['cchc_office'], null), 'initiative.accept', subject({ status: 'submitted' }))).toBe(true);
    expect(can(actor(['unit_head'], [5]), 'initiative.accept', subject({ status: 'submitted' }))).toBe(false);
    expect(can(actor(['appraiser'], null), 'initiative.score', subject({ status: 'accepted' }))).toBe(true);
    expect(can(actor(['appraiser'], null), 'initiative.score', subject({ status: 'submitted' }))).toBe(false);
    expect(can(actor(['cchc_office'], null), 'initiative.decide', subject({ status: 'accepted' }))).toBe(true);
  });
  it('allows one award, and adoption of recognised or external initiatives only', () => {
    expect(can(actor(['cchc_office'], null), 'initiative.award', subject({ status: 'recognised' }))).toBe(true);
    expect(can(actor(['cchc_office'], null), 'initiative.award', subject({ status: 'recognised', awardUsed: true }))).toBe(false);
    expect(can(actor(['unit_head'], [9]), 'initiative.adopt', subject({ status: 'recognised' }))).toBe(true);
    expect(can(actor(['unit_head'], [9]), 'initiative.adopt', subject({ status: 'accepted' }))).toBe(false);
    expect(
      can(actor(['focal_point'], [5]), 'initiative.edit', subject({ origin: 'external', ownerUnitId: null, status: 'recognised' })),
    ).toBe(false);
  });
});
