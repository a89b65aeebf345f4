/** The internal index's queries: frameworks and their criteria, rounds, sheets and scores. */
import { AGENCY_TYPES, COMMUNE_TYPES, type Db } from '@cchc/core';
import type { CriterionDraft } from './framework.domain';
import type { SheetState, Stage, UnitGroup } from './assessment.tables';

export async function insertFramework(
  db: Db,
  f: {
    provinceCode: string;
    year: number;
    unitGroup: UnitGroup;
    name: string;
    maxTotal: number;
    isExample: boolean;
    createdBy: number | null;
  },
  criteria: CriterionDraft[],
): Promise<number> {
  const { id } = await db.insertInto('assessmentFramework').values(f).returning('id').executeTakeFirstOrThrow();
  await insertCriteria(db, Number(id), criteria);
  return Number(id);
}

export async function insertCriteria(db: Db, frameworkId: number, criteria: CriterionDraft[]) {
  for (let i = 0; i < criteria.length; i += 500) {
    await db
      .insertInto('assessmentCriterion')
      .values(criteria.slice(i, i + 500).map((c) => ({ ...c, frameworkId, bands: c.bands ? JSON.stringify(c.bands) : null })))
      .execute();
  }
}

export async function listFrameworks(db: Db, provinceCode: string, year?: number) {
  let q = db
    .selectFrom('assessmentFramework as f')
    .select((eb) => [
      'f.id',
      'f.year',
      'f.unitGroup',
      'f.name',
      'f.isExample',
      'f.maxTotal',
      'f.validFrom',
      'f.validTo',
      eb
        .selectFrom('assessmentCriterion as c')
        .whereRef('c.frameworkId', '=', 'f.id')
        .where('c.method', 'in', ['tu_cham', 'du_lieu', 'khao_sat'])
        .select(eb.fn.countAll<number>().as('n'))
        .as('criteria'),
    ])
    .where('f.provinceCode', '=', provinceCode);
  if (year) q = q.where('f.year', '=', year);
  return q.orderBy('f.year', 'desc').orderBy('f.unitGroup').orderBy('f.id', 'desc').execute();
}

export async function findFramework(db: Db, provinceCode: string, id: number) {
  return db.selectFrom('assessmentFramework').selectAll().where('id', '=', id).where('provinceCode', '=', provinceCode).executeTakeFirst();
}

export async function criteriaOf(db: Db, frameworkId: number) {
  return db.selectFrom('assessmentCriterion').selectAll().where('frameworkId', '=', frameworkId).orderBy('sortOrder').execute();
}
export type CriterionRow = Awaited<ReturnType<typeof criteriaOf>>[number];

export async function findRound(db: Db, provinceCode: string, id: number) {
  return db
    .selectFrom('assessmentRound as r')
    .innerJoin('assessmentFramework as f', 'f.id', 'r.frameworkId')
    .select([
      'r.id',
      'r.frameworkId',
      'r.selfEnd',
      'r.appraisal1End',
      'r.explanationEnd',
      'r.appraisal2End',
      'r.resultBands',
      'r.publishedAt',
      'r.decisionNumber',
      'r.decisionDate',
      'f.year',
      'f.unitGroup',
      'f.name',
    ])
    .where('r.id', '=', id)
    .where('r.provinceCode', '=', provinceCode)
    .executeTakeFirst();
}
export type RoundRow = NonNullable<Awaited<ReturnType<typeof findRound>>>;

export async function listRounds(db: Db, provinceCode: string) {
  return db
    .selectFrom('assessmentRound as r')
    .innerJoin('assessmentFramework as f', 'f.id', 'r.frameworkId')
    .select([
      'r.id',
      'r.frameworkId',
      'f.year',
      'f.unitGroup',
      'f.name',
      'r.selfEnd',
      'r.appraisal1End',
      'r.explanationEnd',
      'r.appraisal2End',
      'r.publishedAt',
      'r.decisionNumber',
      'r.decisionDate',
    ])
    .where('r.provinceCode', '=', provinceCode)
    .orderBy('r.id', 'desc')
    .execute();
}

export async function findSheet(db: Db, roundId: number, unitId: number) {
  return db.selectFrom('assessmentSheet').selectAll().where('roundId', '=', roundId).where('unitId', '=', unitId).executeTakeFirst();
}

export async function setSheetState(db: Db, roundId: number, unitId: number, state: SheetState, now: Date, submitted?: boolean) {
  const row = await db
    .insertInto('assessmentSheet')
    .values({ roundId, unitId, state, updatedAt: now, submittedAt: submitted ? now : null })
    .onConflict((oc) =>
      oc.columns(['roundId', 'unitId']).doUpdateSet({ state, updatedAt: now, ...(submitted ? { submittedAt: now } : {}) }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function scoresOf(db: Db, sheetIds: number[]) {
  if (!sheetIds.length) return [];
  return db
    .selectFrom('assessmentScore as s')
    .leftJoin('appUser as u', 'u.id', 's.scoredBy')
    .select(['s.sheetId', 's.criterionId', 's.stage', 's.score', 's.note', 's.scoredAt', 'u.fullName as scoredByName'])
    .where('s.sheetId', 'in', sheetIds)
    .execute();
}

export async function upsertScores(
  db: Db,
  sheetId: number,
  stage: Stage,
  userId: number | null,
  now: Date,
  scores: { criterionId: number; score: number; note: string | null }[],
) {
  if (!scores.length) return;
  await db
    .insertInto('assessmentScore')
    .values(scores.map((s) => ({ ...s, sheetId, stage, scoredBy: userId, scoredAt: now })))
    .onConflict((oc) =>
      oc.columns(['sheetId', 'criterionId', 'stage']).doUpdateSet((eb) => ({
        score: eb.ref('excluded.score'),
        note: eb.ref('excluded.note'),
        scoredBy: eb.ref('excluded.scoredBy'),
        scoredAt: eb.ref('excluded.scoredAt'),
      })),
    )
    .execute();
}

/** The units a framework's group covers: the province's departments (and agencies) or its communes. */
export async function groupUnits(db: Db, provinceCode: string, group: UnitGroup, date: string) {
  if (group === 'province')
    return db
      .selectFrom('unit as u')
      .select(['u.id', 'u.code', 'u.name', 'u.type'])
      .where('u.code', '=', provinceCode)
      .where((eb) => eb.or([eb('u.validTo', 'is', null), eb('u.validTo', '>=', date)]))
      .execute();
  const types = group === 'commune' ? COMMUNE_TYPES : AGENCY_TYPES;
  return db
    .selectFrom('unit as u')
    .innerJoin('unit as p', 'p.id', 'u.parentId')
    .select(['u.id', 'u.code', 'u.name', 'u.type'])
    .where('p.code', '=', provinceCode)
    .where('u.type', 'in', [...types])
    .where((eb) => eb.or([eb('u.validTo', 'is', null), eb('u.validTo', '>=', date)]))
    .orderBy('u.sortOrder')
    .orderBy('u.code')
    .execute();
}

export async function sheetsOf(db: Db, roundId: number) {
  return db.selectFrom('assessmentSheet').select(['id', 'unitId', 'state', 'submittedAt']).where('roundId', '=', roundId).execute();
}

export async function appraisersOf(db: Db, roundId: number): Promise<number[]> {
  const rows = await db.selectFrom('assessmentAppraiser').select('userId').where('roundId', '=', roundId).execute();
  return rows.map((r) => Number(r.userId));
}

/** The evidence rows of a sheet (their files are core's file links, owner 'assessment_evidence'). */
export async function evidenceOf(db: Db, sheetId: number) {
  return db
    .selectFrom('assessmentEvidence as e')
    .leftJoin('appUser as u', 'u.id', 'e.addedBy')
    .select(['e.id', 'e.criterionId', 'e.locator', 'e.addedAt', 'u.fullName as addedByName'])
    .where('e.sheetId', '=', sheetId)
    .orderBy('e.id')
    .execute();
}

export const EVIDENCE_OWNER = 'assessment_evidence';

/** The latest round of the same group in an earlier year (for the year-over-year change). */
export async function previousRound(db: Db, provinceCode: string, group: UnitGroup, year: number) {
  const row = await db
    .selectFrom('assessmentRound as r')
    .innerJoin('assessmentFramework as f', 'f.id', 'r.frameworkId')
    .select('r.id')
    .where('r.provinceCode', '=', provinceCode)
    .where('f.unitGroup', '=', group)
    .where('f.year', '<', year)
    .orderBy('f.year', 'desc')
    .orderBy('r.id', 'desc')
    .executeTakeFirst();
  return row ? Number(row.id) : null;
}
