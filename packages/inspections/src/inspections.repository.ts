/** Kysely queries of the inspections module: plain rows; every list takes the caller's unit scope. */
import { sql, type SelectQueryBuilder } from 'kysely';
import { AGENCY_TYPES, COMMUNE_TYPES, foldedLike, foldedSql, type Database, type Db, type UnitScope } from '@cchc/core';
import { DEFAULT_TEMPLATE } from './inspections.domain';
import type { FindingStatus, InspectionKind, InspectionStatus } from './inspections.tables';

export const EVIDENCE_OWNER = 'inspection_evidence';

/** The units the province inspects: today's departments, agencies and communes (children of the province). */
export async function provinceUnits(db: Db, provinceCode: string, date: string, scopeIds: readonly number[] | null = null) {
  let q = db
    .selectFrom('unit as u')
    .innerJoin('unit as p', 'p.id', 'u.parentId')
    .select(['u.id', 'u.code', 'u.name', 'u.type'])
    .where('p.code', '=', provinceCode)
    .where('u.type', 'in', [...AGENCY_TYPES, ...COMMUNE_TYPES])
    .where((eb) =>
      eb.and([
        eb.or([eb('u.validFrom', 'is', null), eb('u.validFrom', '<=', date)]),
        eb.or([eb('u.validTo', 'is', null), eb('u.validTo', '>=', date)]),
      ]),
    );
  if (scopeIds) q = scopeIds.length ? q.where('u.id', 'in', scopeIds) : q.where((eb) => eb.val(false));
  return q.orderBy('u.sortOrder').orderBy('u.code').execute();
}

export async function ensureTemplate(db: Db, provinceCode: string): Promise<number> {
  const has = await db.selectFrom('inspectionTemplateItem').select('id').where('provinceCode', '=', provinceCode).executeTakeFirst();
  if (has) return 0;
  await db
    .insertInto('inspectionTemplateItem')
    .values(DEFAULT_TEMPLATE.map((t, i) => ({ provinceCode, code: t.code, area: t.area, text: t.text, sortOrder: i + 1 })))
    .execute();
  return DEFAULT_TEMPLATE.length;
}

export const templateOf = (db: Db, provinceCode: string, activeOnly = true) => {
  let q = db
    .selectFrom('inspectionTemplateItem')
    .select(['code', 'area', 'text', 'sortOrder', 'isActive'])
    .where('provinceCode', '=', provinceCode);
  if (activeOnly) q = q.where('isActive', '=', true);
  return q.orderBy('sortOrder').execute();
};

export interface InspectionFilter {
  provinceCode: string;
  scope: UnitScope;
  /** Unannounced visits before their day are listed only for the office. */
  sealed: boolean;
  today: string;
  year?: number;
  planId?: number;
  unitIds?: number[];
  kind?: InspectionKind;
  status?: InspectionStatus;
  /** held: on or before today, not cancelled; upcoming: after today. */
  when?: 'held' | 'upcoming';
  q?: string;
}

type InspectionQuery = SelectQueryBuilder<Database & { i: Database['inspection'] } & { u: Database['unit'] }, 'i' | 'u', object>;

export function inspections(db: Db, f: InspectionFilter) {
  let qb = db
    .selectFrom('inspection as i')
    .innerJoin('unit as u', 'u.id', 'i.unitId')
    .where('i.provinceCode', '=', f.provinceCode) as unknown as InspectionQuery;
  const ids = f.scope.ids;
  if (ids)
    qb = ids.length ? qb.where((eb) => eb.or([eb('i.unitId', 'in', ids), eb('i.byUnitId', 'in', ids)])) : qb.where((eb) => eb.val(false));
  if (!f.sealed) qb = qb.where((eb) => eb.not(eb.and([eb('i.kind', '=', 'unannounced'), eb('i.date', '>', f.today)])));
  if (f.year) qb = qb.where('i.date', '>=', `${f.year}-01-01`).where('i.date', '<=', `${f.year}-12-31`);
  if (f.planId) qb = qb.where('i.planId', '=', f.planId);
  if (f.unitIds) qb = f.unitIds.length ? qb.where('i.unitId', 'in', f.unitIds) : qb.where((eb) => eb.val(false));
  if (f.kind) qb = qb.where('i.kind', '=', f.kind);
  if (f.status) qb = qb.where('i.status', '=', f.status);
  if (f.when === 'held') qb = qb.where('i.status', '!=', 'cancelled').where('i.date', '<=', f.today);
  if (f.when === 'upcoming') qb = qb.where('i.status', '=', 'scheduled').where('i.date', '>', f.today);
  if (f.q?.trim()) {
    const like = foldedLike(f.q.trim());
    qb = qb.where((eb) =>
      eb.or([eb(foldedSql('u.name'), 'like', like), eb('u.code', '=', f.q!.trim()), eb(foldedSql('i.team_leader'), 'like', like)]),
    );
  }
  return qb;
}

export interface FindingFilter {
  provinceCode: string;
  scope: UnitScope;
  today: string;
  year?: number;
  unitIds?: number[];
  inspectionId?: number;
  /** open = under way (incl. overdue); overdue = open past its due date. */
  state?: FindingStatus | 'overdue';
  severity?: string;
  repeated?: boolean;
  q?: string;
}

export function findings(db: Db, f: FindingFilter) {
  let qb = db
    .selectFrom('inspectionFinding as f')
    .innerJoin('inspection as i', 'i.id', 'f.inspectionId')
    .innerJoin('unit as u', 'u.id', 'f.unitId')
    .where('i.provinceCode', '=', f.provinceCode);
  const ids = f.scope.ids;
  if (ids)
    qb = ids.length ? qb.where((eb) => eb.or([eb('f.unitId', 'in', ids), eb('i.byUnitId', 'in', ids)])) : qb.where((eb) => eb.val(false));
  if (f.year) qb = qb.where('i.date', '>=', `${f.year}-01-01`).where('i.date', '<=', `${f.year}-12-31`);
  if (f.unitIds) qb = f.unitIds.length ? qb.where('f.unitId', 'in', f.unitIds) : qb.where((eb) => eb.val(false));
  if (f.inspectionId) qb = qb.where('f.inspectionId', '=', f.inspectionId);
  if (f.state === 'overdue') qb = qb.where('f.status', '=', 'open').where('f.dueDate', '<', f.today);
  else if (f.state) qb = qb.where('f.status', '=', f.state);
  if (f.severity) qb = qb.where('f.severity', '=', f.severity as never);
  if (f.repeated) qb = qb.where('f.repeatOf', 'is not', null);
  if (f.q?.trim()) {
    const like = foldedLike(f.q.trim());
    qb = qb.where((eb) => eb.or([eb(foldedSql('f.text'), 'like', like), eb(foldedSql('u.name'), 'like', like)]));
  }
  return qb;
}

export const FINDING_COLUMNS = [
  'f.id',
  'f.inspectionId',
  'f.unitId',
  'u.code as unitCode',
  'u.name as unitName',
  'f.area',
  'f.itemCode',
  'f.text',
  'f.severity',
  'f.remedy',
  'f.dueDate',
  'f.taskId',
  'f.repeatOf',
  'f.status',
  'f.verifiedAt',
  'f.verifyNote',
  'i.date as inspectionDate',
] as const;

/** Distinct units with a held inspection (not a self-inspection) in [from, to] up to `today`. */
export function heldUnitIds(db: Db, provinceCode: string, from: string, to: string, today: string) {
  return db
    .selectFrom('inspection')
    .select('unitId')
    .distinct()
    .where('provinceCode', '=', provinceCode)
    .where('status', '!=', 'cancelled')
    .where('kind', '!=', 'self')
    .where('date', '>=', from)
    .where('date', '<=', to < today ? to : today);
}

/** The day of each unit's latest held inspection. */
export async function lastInspected(db: Db, provinceCode: string, today: string): Promise<Map<number, string>> {
  const rows = await db
    .selectFrom('inspection')
    .select(['unitId', sql<string>`max(date)::text`.as('last')])
    .where('provinceCode', '=', provinceCode)
    .where('status', '!=', 'cancelled')
    .where('kind', '!=', 'self')
    .where('date', '<=', today)
    .groupBy('unitId')
    .execute();
  return new Map(rows.map((r) => [Number(r.unitId), r.last]));
}
