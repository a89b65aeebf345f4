import { canTransition, hasRole, inScope, roleMayTransition, ruleSet, type Actor } from '@cchc/core';
import { caseFlow } from './feedback.domain';
import type { CaseStatus } from './feedback.tables';

/**
 * A case as the policy sees it. `unitId` is the unit through which the actor sees it (the lead unit, or a
 * coordinating unit in the actor's scope); a case not yet assigned has no unit, so only the provincial
 * roles see it.
 */
export interface CaseSubject {
  unitId: number | null;
  provinceCode: string;
  status: CaseStatus;
  leadUnitId: number | null;
  extended: boolean;
}

/** The receiving office (Sở Nội vụ's CCHC office; the administrator): the only ones who see the sender. */
const office = (a: Actor) => hasRole(a, 'admin', 'cchc_office');
/** The actor belongs to the lead unit (or above it). */
const leads = (a: Actor, c: CaseSubject) =>
  a.scope.kind === 'units' && c.leadUnitId !== null && inScope(a, { unitId: c.leadUnitId, provinceCode: c.provinceCode });
const step = (a: Actor, c: CaseSubject, action: keyof typeof caseFlow.transitions) =>
  roleMayTransition(caseFlow, a.roles, action) && canTransition(caseFlow, c.status, action);
const OPEN: readonly CaseStatus[] = ['assigned', 'drafted', 'returned', 'received'];

export const feedbackRules = ruleSet<CaseSubject | undefined>({
  // Lists are scoped in SQL; a record is read through the unit scope (authorize answers 404 outside it).
  'feedback.read': () => true,
  'feedback.create': (a) => office(a) || hasRole(a, 'one_stop_officer'),
  'feedback.manage': (a) => office(a),
  'feedback.viewSender': (a) => office(a),
  'feedback.assign': (a, c) => !!c && office(a) && canTransition(caseFlow, c.status, 'assign'),
  'feedback.reject': (a, c) => !!c && step(a, c, 'reject'),
  'feedback.redirect': (a, c) => !!c && step(a, c, 'redirect'),
  'feedback.draft': (a, c) => !!c && leads(a, c) && step(a, c, 'draft'),
  'feedback.approve': (a, c) => !!c && leads(a, c) && step(a, c, 'approve'),
  'feedback.return': (a, c) => !!c && step(a, c, 'return'),
  'feedback.publish': (a, c) => !!c && step(a, c, 'publish'),
  // The lead unit's head asks, or the office grants, the one extension of an open case.
  'feedback.extend': (a, c) =>
    !!c && !c.extended && OPEN.includes(c.status) && c.status !== 'received' && (office(a) || (leads(a, c) && hasRole(a, 'unit_head'))),
  'feedback.hide': (a, c) => !!c && office(a),
  'feedback.photos': (a, c) => !!c && office(a),
  'feedback.task': (a, c) => !!c && office(a) && c.status !== 'rejected' && c.status !== 'redirected',
});

export const feedbackGlobalActions = ['feedback.create', 'feedback.manage'];

/** The per-record actions sent to the web app as `abilities`. */
export const CASE_ACTIONS = [
  'feedback.assign',
  'feedback.reject',
  'feedback.redirect',
  'feedback.draft',
  'feedback.approve',
  'feedback.return',
  'feedback.publish',
  'feedback.extend',
  'feedback.hide',
  'feedback.photos',
  'feedback.task',
  'feedback.viewSender',
];
