import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import type { Actor } from './actor';
import { abilities, authorize, can, coreGlobalActions, coreRules, globalAbilities, installRules, ruleSet } from './policy';
import { ALL, IN_PROVINCE, NONE, policyMatrix, rows, unitAt } from '@cchc/test-kit/policy';

installRules(coreRules, coreGlobalActions);
import type { Role } from './roles';

function actor(roles: Role[], scope: Actor['scope'] = { kind: 'province', provinceCode: '86' }): Actor {
  return { userId: 1, username: 'u', fullName: 'U', unitId: 10, unitCode: 'X', unitName: 'X', provinceCode: '86', roles, scope };
}
const focal = actor(['focal_point'], { kind: 'units', unitIds: [10, 11] });

describe('core permission matrix', () => {
  const matrix: [string, Role, boolean][] = [
    ['unit.create', 'admin', true],
    ['unit.create', 'cchc_office', false],
    ['unit.create', 'focal_point', false],
    ['user.read', 'admin', true],
    ['user.read', 'leader', false],
    ['calendar.update', 'admin', true],
    ['calendar.update', 'cchc_office', false],
    ['calendar.read', 'focal_point', true],
    ['audit.read', 'admin', true],
    ['audit.read', 'cchc_office', true],
    ['audit.read', 'leader', false],
    ['audit.read', 'focal_point', false],
  ];
  it.each(matrix)('%s for %s → %s', (action, role, expected) => {
    expect(can(actor([role]), action)).toBe(expected);
  });

  it('lets administrators edit only the local units of their own province', () => {
    const admin = actor(['admin']);
    expect(can(admin, 'unit.update', { isLocal: true, provinceCode: '86' })).toBe(true);
    expect(can(admin, 'unit.update', { isLocal: false, provinceCode: '86' })).toBe(false);
    expect(can(admin, 'unit.update', { isLocal: true, provinceCode: '79' })).toBe(false);
  });
});

describe('authorize', () => {
  it('answers 404 for a record outside the unit scope, so its existence is not revealed', () => {
    const outside = { unitId: 99, provinceCode: '86' };
    expect(() => authorize(focal, 'calendar.read', outside)).toThrow(AppError);
    try {
      authorize(focal, 'calendar.read', outside);
    } catch (err) {
      expect((err as AppError).status).toBe(404);
    }
  });
  it('answers 403 for a visible record when the action is not allowed', () => {
    try {
      authorize(focal, 'calendar.update', { unitId: 10, provinceCode: '86' });
      expect.unreachable();
    } catch (err) {
      expect((err as AppError).status).toBe(403);
    }
  });
  it('passes for an allowed action in scope', () => {
    expect(() => authorize(focal, 'calendar.read', { unitId: 11, provinceCode: '86' })).not.toThrow();
  });
  it('rejects an action nobody defined, rather than allowing it', () => {
    expect(() => can(focal, 'nothing.here')).toThrow();
  });
});

describe('abilities', () => {
  it('names verbs without their subject', () => {
    expect(abilities(actor(['admin']), { isLocal: true, provinceCode: '86' }, ['unit.update'])).toEqual({ update: true });
  });
  it('lists the record-free actions for the web app menus', () => {
    expect(globalAbilities(actor(['admin']))).toMatchObject({ 'user.read': true, 'audit.read': true });
    expect(globalAbilities(focal)).toMatchObject({ 'user.read': false, 'audit.read': false });
  });
});

describe('core policy matrix (role × position)', () => {
  it('lets only the administrator edit the local units of the own province', () => {
    expect(policyMatrix(coreRules, 'unit.update', (p) => ({ isLocal: true, provinceCode: unitAt(p).provinceCode }))).toEqual(
      rows(NONE, { admin: IN_PROVINCE }),
    );
    expect(policyMatrix(coreRules, 'unit.update', (p) => ({ isLocal: false, provinceCode: unitAt(p).provinceCode }))).toEqual(rows(NONE));
  });
  it('keeps users, the calendar and the runtime to the administrator; the audit log to it and Sở Nội vụ', () => {
    for (const a of ['user.read', 'user.create', 'user.update', 'calendar.update', 'unit.create', 'system.runtime'])
      expect(policyMatrix(coreRules, a, null)).toEqual(rows(NONE, { admin: ALL }));
    expect(policyMatrix(coreRules, 'audit.read', null)).toEqual(rows(NONE, { admin: ALL, cchc_office: ALL }));
    expect(policyMatrix(coreRules, 'calendar.read', null)).toEqual(rows(ALL));
  });
});

describe('installing rule sets', () => {
  it('accepts the same set twice and refuses a second, different rule for an action', () => {
    const set = ruleSet({ 'test.same': () => true });
    installRules(set);
    installRules(set);
    expect(() => installRules(ruleSet({ 'test.same': () => false }))).toThrow(/defined twice/);
  });
  it('refuses a global action the set has no rule for', () => {
    expect(() => installRules(ruleSet({ 'test.other': () => true }), ['test.missing'])).toThrow(/no rule/);
  });
});
