/**
 * The dossiers module's queries (besides the statistics in dossier.stats.ts and the import's writes in
 * dossier.import.ts). Plain data in, rows out: no permissions, no shaping for the API.
 */
import { sql, type SqlBool } from 'kysely';
import { whereInScope, type Db } from '@cchc/core';
import { ENDED_LATE, ENDED_ON_TIME } from './dossier.stats';

export async function unitNames(db: Db, codes: string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const rows = await db.selectFrom('unit').select(['code', 'name']).where('code', 'in', codes).where('validTo', 'is', null).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

export async function procedureNames(db: Db, provinceCode: string, codes: string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const rows = await db
    .selectFrom('dossier')
    .select(['procedureCode', sql<string>`max(procedure_name)`.as('name')])
    .where('provinceCode', '=', provinceCode)
    .where('procedureCode', 'in', codes)
    .groupBy('procedureCode')
    .execute();
  return new Map(rows.map((r) => [r.procedureCode, r.name]));
}

export interface DossierFilter {
  provinceCode: string;
  from: string;
  to: string;
  asOf: string;
  /** Unit codes; undefined = all. */
  units?: string[];
  procedure?: string;
  official?: string;
  outcome?: string;
  q?: string;
}

/** One page of dossiers received in the range (newest first) and how many match. */
export async function dossierPage(db: Db, f: DossierFilter, page: { limit: number; offset: number }) {
  let q = db
    .selectFrom('dossier as d')
    .where('d.provinceCode', '=', f.provinceCode)
    .where('d.receivedDate', '>=', f.from)
    .where('d.receivedDate', '<=', f.to);
  q = whereInScope(q, 'd.unitCode', f.units);
  if (f.procedure) q = q.where('d.procedureCode', '=', f.procedure);
  if (f.official) q = q.where('d.official', '=', f.official);
  if (f.q) q = q.where('d.code', 'ilike', `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const closed = sql<SqlBool>`(d.finished_date is not null and d.finished_date <= ${f.asOf}::date)`;
  if (f.outcome === 'late') q = q.where(sql<SqlBool>`${closed} and ${ENDED_LATE}`);
  if (f.outcome === 'open_overdue') q = q.where(sql<SqlBool>`not ${closed} and d.due_date < ${f.asOf}::date`);
  if (f.outcome === 'open') q = q.where(sql<SqlBool>`not ${closed}`);
  const [total, rows] = await Promise.all([
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    q
      .select([
        'd.id',
        'd.code',
        'd.procedureCode',
        'd.procedureName',
        'd.unitCode',
        'd.channel',
        'd.receivedAt',
        'd.dueDate',
        'd.finishedAt',
        'd.supplementCount',
        'd.official',
        'd.apologyDate',
        'd.apologyDeadline',
        'd.lateCause',
        'd.flagged',
      ])
      .orderBy('d.receivedAt', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
  ]);
  return { total: Number(total.n), rows };
}
export type DossierListRow = Awaited<ReturnType<typeof dossierPage>>['rows'][number];

export async function findDossier(db: Db, provinceCode: string, code: string) {
  return db.selectFrom('dossier').selectAll().where('provinceCode', '=', provinceCode).where('code', '=', code).executeTakeFirst();
}
export type DossierRow = NonNullable<Awaited<ReturnType<typeof findDossier>>>;

export async function dossierHistory(db: Db, dossierId: number) {
  return db
    .selectFrom('dossierHistory as h')
    .leftJoin('dossierImport as i', 'i.id', 'h.importId')
    .select(['h.changedAt', 'h.before', 'h.after', 'h.flagged', 'i.filename'])
    .where('h.dossierId', '=', dossierId)
    .orderBy('h.id')
    .execute();
}
export type HistoryRow = Awaited<ReturnType<typeof dossierHistory>>[number];

/** The counts the 766 index is computed from, for one unit (or the province) and period. */
export async function counts766(db: Db, provinceCode: string, units: string[] | null, from: string, to: string) {
  const scoped = whereInScope(db.selectFrom('dossier as d').where('d.provinceCode', '=', provinceCode), 'd.unitCode', units);
  const [rec, res, open] = await Promise.all([
    scoped
      .where('d.receivedDate', '>=', from)
      .where('d.receivedDate', '<=', to)
      .select([
        sql<number>`count(*)`.as('received'),
        sql<number>`count(*) filter (where d.channel = 2)`.as('receivedOnline'),
        sql<number>`count(d.paid_online)`.as('paymentKnown'),
        sql<number>`count(*) filter (where d.paid_online)`.as('paidOnline'),
        sql<number>`count(d.digitised)`.as('digitisedKnown'),
        sql<number>`count(*) filter (where d.digitised)`.as('digitised'),
      ])
      .executeTakeFirstOrThrow(),
    scoped
      .where('d.finishedDate', '>=', from)
      .where('d.finishedDate', '<=', to)
      .select([
        sql<number>`count(*)`.as('resolved'),
        sql<number>`count(*) filter (where ${ENDED_ON_TIME})`.as('resolvedOnTime'),
        sql<number>`count(*) filter (where ${ENDED_LATE})`.as('resolvedLate'),
        sql<number>`count(d.electronic_result)`.as('electronicResultKnown'),
        sql<number>`count(*) filter (where d.electronic_result)`.as('electronicResult'),
      ])
      .executeTakeFirstOrThrow(),
    scoped
      .where('d.receivedDate', '<=', to)
      .where('d.dueDate', '<', to)
      .where((eb) => eb.or([eb('d.finishedDate', 'is', null), eb('d.finishedDate', '>', to)]))
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return Object.fromEntries(Object.entries({ ...rec, ...res, openOverdueAtEnd: open.n }).map(([k, v]) => [k, Number(v)]));
}

export async function official766(db: Db, unitCode: string, period: string) {
  return db
    .selectFrom('dossierOfficial766')
    .select(['groupCode', 'points', 'source'])
    .where('unitCode', '=', unitCode)
    .where('period', '=', period)
    .execute();
}

export async function upsertOfficial766(
  db: Db,
  row: { unitCode: string; period: string; groupCode: string; points: number; source: string; enteredBy: number; enteredAt: Date },
) {
  await db
    .insertInto('dossierOfficial766')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['unitCode', 'period', 'groupCode'])
        .doUpdateSet({ points: row.points, source: row.source, enteredBy: row.enteredBy, enteredAt: row.enteredAt }),
    )
    .execute();
}

export async function findMapping(db: Db, provinceCode: string, id: number) {
  return db.selectFrom('dossierMapping').select('mapping').where('id', '=', id).where('provinceCode', '=', provinceCode).executeTakeFirst();
}

export async function listMappings(db: Db, provinceCode: string) {
  return db
    .selectFrom('dossierMapping')
    .select(['id', 'name', 'mapping'])
    .where('provinceCode', '=', provinceCode)
    .orderBy('name')
    .execute();
}

export async function saveMapping(db: Db, row: { provinceCode: string; name: string; mapping: string; createdBy: number }) {
  return db
    .insertInto('dossierMapping')
    .values(row)
    .onConflict((oc) => oc.columns(['provinceCode', 'name']).doUpdateSet({ mapping: row.mapping }))
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** Who ran an import (null: not of this province). */
export async function importRun(db: Db, provinceCode: string, id: number) {
  return db.selectFrom('dossierImport').select('userId').where('id', '=', id).where('provinceCode', '=', provinceCode).executeTakeFirst();
}

export async function importErrors(db: Db, importId: number) {
  return db.selectFrom('dossierImportError').select(['row', 'field', 'message']).where('importId', '=', importId).orderBy('row').execute();
}

/** One page of imports, newest first (`userId`: only that user's). */
export async function importsPage(db: Db, provinceCode: string, userId: number | null, page: { limit: number; offset: number }) {
  let query = db.selectFrom('dossierImport as i').leftJoin('appUser as u', 'u.id', 'i.userId').where('i.provinceCode', '=', provinceCode);
  if (userId !== null) query = query.where('i.userId', '=', userId);
  const [rows, total] = await Promise.all([
    query
      .select([
        'i.id',
        'i.filename',
        'i.status',
        'i.startedAt',
        'i.finishedAt',
        'i.rowsRead',
        'i.inserted',
        'i.updated',
        'i.unchanged',
        'i.rejected',
        'u.fullName as userName',
      ])
      .orderBy('i.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { total: Number(total.n), rows };
}
export type ImportRow = Awaited<ReturnType<typeof importsPage>>['rows'][number];

/** Whether the province publishes the officials with late dossiers (setting `public_late_officials`). */
export async function publishesOfficials(db: Db): Promise<boolean> {
  const setting = await db.selectFrom('appSetting').select('value').where('key', '=', 'public_late_officials').executeTakeFirst();
  return setting?.value === '1';
}
