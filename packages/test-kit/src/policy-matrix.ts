/**
 * The policy matrix of a module's rules: for each role and each position of a record's unit relative to
 * the user — own unit, a child of it, a sibling, a unit of another province — whether `authorize` lets the
 * action through (as the services call it: out of scope is a 404, not allowed a 403). Tests compare the
 * whole table with the one they expect, so a rule that widens or narrows shows up as a diff.
 */
import { AppError, ROLES, authorize, installRules, type Actor, type Role, type RuleSet, PROVINCIAL_ROLES } from '@cchc/core';

export const POSITIONS = ['own', 'child', 'sibling', 'otherProvince'] as const;
export type Position = (typeof POSITIONS)[number];

const PROVINCE = '86';
/** The user's unit 10 with its child 11; 20 is a sibling; 30 is in province 01. */
const UNIT: Record<Position, { unitId: number; provinceCode: string }> = {
  own: { unitId: 10, provinceCode: PROVINCE },
  child: { unitId: 11, provinceCode: PROVINCE },
  sibling: { unitId: 20, provinceCode: PROVINCE },
  otherProvince: { unitId: 30, provinceCode: '01' },
};

/** A user with one role: provincial roles see the province, the others their unit and its children. */
export function actorWith(role: Role, userId = 1): Actor {
  return {
    userId,
    username: role,
    fullName: role,
    unitId: 10,
    unitCode: '86.X',
    unitName: 'Đơn vị X',
    provinceCode: PROVINCE,
    roles: [role],
    scope: PROVINCIAL_ROLES.includes(role) ? { kind: 'province', provinceCode: PROVINCE } : { kind: 'units', unitIds: [10, 11] },
  };
}

/** The unit of a record at a position (spread it into the subject the rule expects). */
export const unitAt = (p: Position) => UNIT[p];

export type Verdict = 'allow' | 'deny' | 'hidden';

/**
 * For each role: the positions where the action is allowed. `subject(position, actor)` builds the record
 * as the service loads it (null: a record-free action, asked once, reported for every position).
 */
export function policyMatrix<S>(
  rules: RuleSet,
  action: string,
  subject: ((p: Position, actor: Actor) => S) | null,
): Record<Role, Position[]> {
  installRules(rules);
  const out = {} as Record<Role, Position[]>;
  for (const role of ROLES) {
    const actor = actorWith(role);
    out[role] = POSITIONS.filter((p) => verdict(actor, action, subject ? subject(p, actor) : undefined) === 'allow');
  }
  return out;
}

function verdict(actor: Actor, action: string, subject: unknown): Verdict {
  try {
    authorize(actor, action, subject);
    return 'allow';
  } catch (err) {
    if (err instanceof AppError && err.status === 404) return 'hidden';
    if (err instanceof AppError && err.status === 403) return 'deny';
    throw err;
  }
}

/** Shorthands for expected rows. */
export const ALL: Position[] = [...POSITIONS];
export const IN_PROVINCE: Position[] = ['own', 'child', 'sibling'];
export const OWN_SUBTREE: Position[] = ['own', 'child'];
export const NONE: Position[] = [];

/** Every role with the same row, then overrides. */
export function rows(base: Position[], overrides: Partial<Record<Role, Position[]>> = {}): Record<Role, Position[]> {
  return Object.fromEntries(ROLES.map((r) => [r, overrides[r] ?? base])) as Record<Role, Position[]>;
}
