import { hasRole, inScope, ruleSet, type Actor } from '@cchc/core';
import type { InspectionKind, InspectionStatus } from './inspections.tables';

/**
 * An inspection as the policy sees it: the inspected unit (scope), and for a self-inspection the unit
 * that inspects its own sub-unit.
 */
export interface InspectionSubject {
  unitId: number;
  provinceCode: string;
  kind: InspectionKind;
  byUnitId: number | null;
  status: InspectionStatus;
}

/** The Department of Home Affairs' CCHC office (and the administrator): plans, visits, draws, verification. */
const office = (a: Actor) => hasRole(a, 'admin', 'cchc_office');
/** The head or focal point of the unit that self-inspects its sub-unit. */
const inspectsOwn = (a: Actor, i: InspectionSubject) =>
  i.kind === 'self' &&
  i.byUnitId !== null &&
  hasRole(a, 'unit_head', 'focal_point') &&
  a.scope.kind === 'units' &&
  inScope(a, { unitId: i.byUnitId, provinceCode: i.provinceCode });
const conducts = (a: Actor, i: InspectionSubject | undefined) => !!i && (office(a) || inspectsOwn(a, i));

export const inspectionsRules = ruleSet<InspectionSubject | undefined>({
  // Lists are scoped in SQL (a unit sees its own inspections, never an unannounced one before its day).
  'inspection.read': () => true,
  'inspection.manage': (a) => office(a),
  /** A unit head schedules self-inspections of the unit's own sub-units. */
  'inspection.self': (a) => office(a) || hasRole(a, 'unit_head'),
  'inspection.viewSealed': (a) => office(a),
  /** Checklist, findings and evidence: until the conclusion is issued (then the record is frozen). */
  'inspection.conduct': (a, i) => conducts(a, i) && i!.status === 'scheduled',
  'inspection.conclude': (a, i) => conducts(a, i) && i!.status === 'scheduled',
  'inspection.cancel': (a, i) => conducts(a, i) && i!.status === 'scheduled',
  'inspection.verify': (a, i) => conducts(a, i) && i!.status !== 'cancelled',
});

export const inspectionsGlobalActions = ['inspection.manage', 'inspection.self', 'inspection.viewSealed'];

export const INSPECTION_ACTIONS = ['inspection.conduct', 'inspection.conclude', 'inspection.cancel', 'inspection.verify'];
