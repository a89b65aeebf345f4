import { canTransition, hasRole, inScope, roleMayTransition, ruleSet, type Actor } from '@cchc/core';
import type { SheetState } from './assessment.tables';
import { sheetFlow } from './sheet.flow';

/** A unit's sheet as the policy sees it: the unit (scope), its province and the sheet's state. */
export interface SheetSubject {
  unitId: number;
  provinceCode: string;
  state: SheetState | null;
  /** The province's own sheet (its PAR INDEX self-assessment): Sở Nội vụ scores it, the leaders send it. */
  province?: boolean;
  /** The appraisers the office assigned to the round; empty: every appraiser may appraise. */
  appraisers?: readonly number[];
}

const office = (a: Actor) => hasRole(a, 'admin', 'cchc_office');
const ownUnit = (a: Actor, s: SheetSubject) => a.scope.kind === 'units' && inScope(a, s);
const flow = (a: Actor, s: SheetSubject, action: keyof typeof sheetFlow.transitions) =>
  roleMayTransition(sheetFlow, a.roles, action) && canTransition(sheetFlow, s.state, action);
/** The state allows the step (the province's sheet has its own roles, above the flow's). */
const state = (s: SheetSubject, action: keyof typeof sheetFlow.transitions) => canTransition(sheetFlow, s.state, action);

export const assessmentRules = ruleSet<SheetSubject | undefined>({
  // Frameworks and results are read by everyone; a sheet by its unit and the provincial roles (scope).
  'assessment.read': () => true,
  'assessment.manage': (a) => office(a),
  'assessment.results': (a) => office(a) || hasRole(a, 'leader', 'appraiser'),
  'assessment.selfScore': (a, s) =>
    !!s &&
    (s.province
      ? office(a) && inScope(a, s) && (state(s, 'selfScore') || state(s, 'explain'))
      : ownUnit(a, s) && (flow(a, s, 'selfScore') || flow(a, s, 'explain'))),
  'assessment.submit': (a, s) =>
    !!s &&
    (s.province
      ? hasRole(a, 'leader', 'admin') && inScope(a, s) && (state(s, 'submit') || state(s, 'sendExplanation'))
      : ownUnit(a, s) && (flow(a, s, 'submit') || flow(a, s, 'sendExplanation'))),
  'assessment.withdraw': (a, s) =>
    !!s && (s.province ? hasRole(a, 'leader', 'admin') && inScope(a, s) && state(s, 'withdraw') : ownUnit(a, s) && flow(a, s, 'withdraw')),
  // Appraisers never appraise their own unit; once the office assigns appraisers to a round, only they (and
  // the office) appraise it.
  // The province's sheet is appraised by the Ministry, not in cchc.
  'assessment.appraise': (a, s) =>
    !!s &&
    !s.province &&
    a.unitId !== s.unitId &&
    (office(a) || !s.appraisers?.length || s.appraisers.includes(a.userId)) &&
    (flow(a, s, 'appraise1') || flow(a, s, 'appraise2')),
  'assessment.finalize': (a, s) => !!s && flow(a, s, 'finalize'),
});
export const assessmentGlobalActions = ['assessment.manage', 'assessment.results'];
