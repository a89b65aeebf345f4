import { canTransition, ruleSet, hasRole, inScope, roleMayTransition, type Actor } from '@cchc/core';
import { reportFlow, type ReportState } from './report.flow';

/** A task as the policy sees it: its lead unit (for scope) and that unit's province. */
export interface TaskSubject {
  unitId: number;
  provinceCode: string;
  reportState?: ReportState | null;
}

const office = (a: Actor) => hasRole(a, 'admin', 'cchc_office');
const ownUnit = (a: Actor, t: TaskSubject) => inScope(a, t) && a.scope.kind === 'units';
/** The report flow decides the state and the roles; the unit scope is added here. */
const flow = (a: Actor, t: TaskSubject, action: keyof typeof reportFlow.transitions) =>
  roleMayTransition(reportFlow, a.roles, action) && canTransition(reportFlow, t.reportState ?? null, action);

export const directivesRules = ruleSet<TaskSubject | undefined>({
  'directive.read': () => true,
  'directive.create': (a) => office(a),
  'directive.parse': (a) => office(a),
  // Sở Nội vụ corrects what it saved: edits, withdraws (tasks kept in history) or deletes before any report.
  'directive.edit': (a) => office(a),
  'directive.withdraw': (a) => office(a),
  'directive.delete': (a) => office(a),
  'task.edit': (a) => office(a),
  // The unit's focal point or head writes the update; the head submits it; Sở Nội vụ accepts or returns it.
  'task.report': (a, t) => !!t && ownUnit(a, t) && flow(a, t, 'save'),
  'task.submit': (a, t) => !!t && ownUnit(a, t) && flow(a, t, 'submit'),
  'task.review': (a, t) => !!t && flow(a, t, 'accept'),
  'directive.report': (a) => office(a) || hasRole(a, 'leader'),
});
export const directivesGlobalActions = [
  'directive.create',
  'directive.parse',
  'directive.report',
  'directive.edit',
  'directive.withdraw',
  'directive.delete',
  'task.edit',
];
