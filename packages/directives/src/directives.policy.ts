import { ruleSet, hasRole, inScope, type Actor } from '@cchc/core';

/** A task as the policy sees it: its lead unit (for scope) and that unit's province. */
export interface TaskSubject {
  unitId: number;
  provinceCode: string;
  reportState?: 'draft' | 'submitted' | 'accepted' | 'returned' | null;
}

const office = (a: Actor) => hasRole(a, 'admin', 'cchc_office');
const ownUnit = (a: Actor, t: TaskSubject) => inScope(a, t) && a.scope.kind === 'units';
const editable = (t: TaskSubject) => !t.reportState || t.reportState === 'draft' || t.reportState === 'returned';

export const directivesRules = ruleSet<TaskSubject | undefined>({
  'directive.read': () => true,
  'directive.create': (a) => office(a),
  'directive.parse': (a) => office(a),
  // The unit's focal point or head writes the update; the head submits it; Sở Nội vụ accepts or returns it.
  'task.report': (a, t) => !!t && hasRole(a, 'focal_point', 'unit_head') && ownUnit(a, t) && editable(t),
  'task.submit': (a, t) => !!t && hasRole(a, 'unit_head') && ownUnit(a, t) && editable(t),
  'task.review': (a, t) => office(a) && t?.reportState === 'submitted',
  'directive.report': (a) => office(a) || hasRole(a, 'leader'),
});
export const directivesGlobalActions = ['directive.create', 'directive.parse', 'directive.report'];
