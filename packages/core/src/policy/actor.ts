import type { Role } from './roles';

/** Which units' records an actor may see: the whole province, or an explicit unit subtree. */
export type Scope = { kind: 'province'; provinceCode: string } | { kind: 'units'; unitIds: readonly number[] };

/** The authenticated user a request acts for, with everything the policy layer needs (no DB work). */
export interface Actor {
  userId: number;
  username: string;
  fullName: string;
  unitId: number;
  unitCode: string;
  unitName: string;
  provinceCode: string;
  roles: readonly Role[];
  scope: Scope;
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return roles.some((r) => actor.roles.includes(r));
}

/** A record belongs to a unit; `provinceCode` is the unit's province. */
export interface UnitScoped {
  unitId: number;
  provinceCode: string;
}

export function inScope(actor: Actor, record: UnitScoped): boolean {
  if (actor.scope.kind === 'province') return record.provinceCode === actor.scope.provinceCode;
  return actor.scope.unitIds.includes(record.unitId);
}

/** The actor of work the system does itself (scheduled reminders, demo data): the whole province, no user row. */
export function systemActor(provinceCode: string, fullName = 'Hệ thống'): Actor {
  return {
    userId: 0,
    username: 'system',
    fullName,
    unitId: 0,
    unitCode: provinceCode,
    unitName: '',
    provinceCode,
    roles: ['admin'],
    scope: { kind: 'province', provinceCode },
  };
}
