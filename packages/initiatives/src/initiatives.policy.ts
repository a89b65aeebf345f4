import { canTransition, hasRole, inScope, roleMayTransition, ruleSet, type Actor } from '@cchc/core';
import { initiativeFlow } from './initiatives.domain';
import type { InitiativeStatus, Origin } from './initiatives.tables';

/**
 * An initiative as the policy sees it (an external one has no unit: only the office edits it). Its unit is
 * `ownerUnitId`, not `unitId`: a recognised initiative is read outside the unit's scope (the service
 * checks who may see which), so the generic scope check must not apply.
 */
export interface InitiativeSubject {
  ownerUnitId: number | null;
  provinceCode: string;
  status: InitiativeStatus;
  origin: Origin;
  awardUsed: boolean;
}

/** The Department of Home Affairs' CCHC office (and the administrator). */
const office = (a: Actor) => hasRole(a, 'admin', 'cchc_office');
const ofUnit = (a: Actor, i: InitiativeSubject) =>
  i.ownerUnitId !== null && a.scope.kind === 'units' && inScope(a, { unitId: i.ownerUnitId, provinceCode: i.provinceCode });
const step = (a: Actor, i: InitiativeSubject, action: keyof typeof initiativeFlow.transitions) =>
  roleMayTransition(initiativeFlow, a.roles, action) && canTransition(initiativeFlow, i.status, action);
const EDITABLE: readonly InitiativeStatus[] = ['draft', 'returned'];
const settled = (i: InitiativeSubject) => i.status === 'recognised' || i.origin === 'external';

export const initiativesRules = ruleSet<InitiativeSubject | undefined>({
  // Lists are scoped in SQL; a recognised initiative is public, any other is read in the unit's scope.
  'initiative.read': () => true,
  'initiative.create': (a) => office(a) || hasRole(a, 'unit_head', 'focal_point'),
  'initiative.manage': (a) => office(a),
  'initiative.edit': (a, i) =>
    !!i &&
    (i.origin === 'external'
      ? office(a)
      : EDITABLE.includes(i.status) && (office(a) || (ofUnit(a, i) && hasRole(a, 'unit_head', 'focal_point')))),
  'initiative.submit': (a, i) => !!i && i.origin === 'own' && step(a, i, 'submit') && (office(a) || ofUnit(a, i)),
  'initiative.return': (a, i) => !!i && office(a) && step(a, i, 'return'),
  'initiative.accept': (a, i) => !!i && office(a) && step(a, i, 'accept'),
  /** Council members (the appraisers) score an initiative the office found complete. */
  'initiative.score': (a, i) => !!i && hasRole(a, 'appraiser', 'admin') && i.status === 'accepted',
  'initiative.decide': (a, i) => !!i && office(a) && i.status === 'accepted',
  'initiative.award': (a, i) => !!i && office(a) && i.status === 'recognised' && !i.awardUsed,
  /** A unit records that it applies a recognised (or another province's) initiative; the office for any unit. */
  'initiative.adopt': (a, i) => !!i && settled(i) && (office(a) || hasRole(a, 'unit_head', 'focal_point')),
});

export const initiativesGlobalActions = ['initiative.create', 'initiative.manage'];

export const INITIATIVE_ACTIONS = [
  'initiative.edit',
  'initiative.submit',
  'initiative.return',
  'initiative.accept',
  'initiative.score',
  'initiative.decide',
  'initiative.award',
  'initiative.adopt',
];
