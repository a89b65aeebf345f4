import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import type { Actor } from './actor';
import { abilities, authorize, can, globalAbilities } from './policy';
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
