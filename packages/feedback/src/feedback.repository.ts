/** Kysely queries of the feedback module: plain rows; every list takes the caller's unit scope. */
import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import { foldedLike, foldedSql, type Database, type Db, type UnitScope } from '@cchc/core';
import { CASE_CODE, DEFAULT_CATEGORIES, CLOCK_766, UNANSWERED_STATUSES } from './feedback.domain';
import type { CaseKind, CaseStatus, Channel, FeedbackCaseTable } from './feedback.tables';

export const PHOTO_OWNER = 'feedback_photo';
/** A photo as uploaded, before its metadata is removed: never served. */
export const RAW_PHOTO_OWNER = 'feedback_photo_raw';
export const LETTER_OWNER = 'feedback_letter';

export interface CaseFilter {
  provinceCode: string;
  scope: UnitScope;
  q?: string;
  status?: CaseStatus[];
  /** Lead unit ids (a unit and its subtree), already scope-checked. */
  unitIds?: number[];
  category?: string;
  channel?: Channel;
  kind?: CaseKind;
  /** Received on or after / before (YYYY-MM-DD, Vietnam time). */
  from?: string;
  to?: string;
  overdue?: boolean;
  hidden?: boolean;
  rated?: 'low' | 'any';
  repeated?: boolean;
  /** "You said, we did": cases that led to a task. */
  withTask?: boolean;
  today: string;
  sort?: 'received' | 'due';
  limit: number;
  offset: number;
}

type CaseDb = Database & { c: FeedbackCaseTable };
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
type CaseQuery = SelectQueryBuilder<CaseDb, 'c', {}>;

/** Cases the scope sees: the whole province, or those led or coordinated by one of its units. */
export function scoped(qb: CaseQuery, provinceCode: string, scope: UnitScope): CaseQuery {
  qb = qb.where('c.provinceCode', '=', provinceCode);
  if (!scope.ids) return qb;
  const ids = scope.ids;
  if (!ids.length) return qb.where((eb) => eb.val(false));
  return qb.where((eb: ExpressionBuilder<CaseDb, 'c'>) =>
    eb.or([
      eb('c.leadUnitId', 'in', ids),
      eb.exists(
        eb.selectFrom('feedbackCoordinator as fc').select('fc.caseId').whereRef('fc.caseId', '=', 'c.id').where('fc.unitId', 'in', ids),
      ),
    ]),
  );
}

/** The day of receipt in Vietnam (UTC+7 all year), whatever the session's time zone. */
export const receivedDay = sql<string>`((c.received_at at time zone 'UTC') + interval '7 hours')::date`;

export function filtered(db: Db, f: Omit<CaseFilter, 'limit' | 'offset' | 'sort'>): CaseQuery {
  let qb = scoped(db.selectFrom('feedbackCase as c'), f.provinceCode, f.scope);
  if (f.q?.trim()) {
    const q = f.q.trim();
    if (CASE_CODE.test(q.toUpperCase())) qb = qb.where('c.code', '=', q.toUpperCase());
    else {
      const like = foldedLike(q);
      qb = qb.where((eb) =>
        eb.or([
          eb('c.code', 'like', `%${q.toUpperCase().replace(/[\\%_]/g, '\\$&')}%`),
          eb(foldedSql('c.content'), 'like', like),
          eb(foldedSql('c.title'), 'like', like),
          eb(foldedSql('c.place'), 'like', like),
        ]),
      );
    }
  }
  if (f.status?.length) qb = qb.where('c.status', 'in', f.status);
  if (f.unitIds) qb = f.unitIds.length ? qb.where('c.leadUnitId', 'in', f.unitIds) : qb.where((eb) => eb.val(false));
  if (f.category) qb = qb.where('c.categoryCode', '=', f.category);
  if (f.channel) qb = qb.where('c.channel', '=', f.channel);
  if (f.kind) qb = qb.where('c.kind', '=', f.kind);
  if (f.from) qb = qb.where(receivedDay, '>=', f.from);
  if (f.to) qb = qb.where(receivedDay, '<=', f.to);
  if (f.overdue) qb = qb.where('c.status', 'in', [...UNANSWERED_STATUSES]).where('c.dueDate', '<', f.today);
  if (f.hidden !== undefined) qb = qb.where('c.hidden', '=', f.hidden);
  if (f.rated === 'low') qb = qb.where((eb) => eb.or([eb('c.ratingStars', '<=', 2), eb('c.ratingSolved', '=', false)]));
  if (f.rated === 'any') qb = qb.where('c.ratedAt', 'is not', null);
  if (f.repeated) qb = qb.where('c.repeatOf', 'is not', null);
  if (f.withTask) qb = qb.where('c.taskRef', 'is not', null);
  return qb;
}

export async function listCases(db: Db, f: CaseFilter) {
  let qb = filtered(db, f)
    .leftJoin('unit as u', 'u.id', 'c.leadUnitId')
    .leftJoin('feedbackCategory as cat', (j) => j.onRef('cat.provinceCode', '=', 'c.provinceCode').onRef('cat.code', '=', 'c.categoryCode'))
    .select([
      'c.id',
      'c.code',
      'c.channel',
      'c.categoryCode',
      'cat.name as categoryName',
      'c.kind',
      'c.status',
      'c.title',
      sql<string>`left(c.content, 240)`.as('excerpt'),
      'c.senderName',
      'c.senderPhone',
      'c.senderEmail',
      'c.place',
      'c.receivedAt',
      'c.dueDate',
      'c.classifyDue',
      'c.classifiedAt',
      'c.approvedAt',
      'c.publishedAt',
      'c.leadUnitId',
      'u.code as unitCode',
      'u.name as unitName',
      'c.hidden',
      'c.ratingStars',
      'c.ratingSolved',
      'c.repeatOf',
      'c.extendedDays',
      'c.taskRef',
      sql<number>`count(*) over ()`.as('total'),
    ]);
  qb =
    f.sort === 'due' ? qb.orderBy('c.dueDate', 'asc').orderBy('c.id', 'asc') : qb.orderBy('c.receivedAt', 'desc').orderBy('c.id', 'desc');
  const rows = await qb.limit(f.limit).offset(f.offset).execute();
  let total = rows.length ? Number(rows[0]!.total) : 0;
  if (!rows.length && f.offset > 0) {
    total = Number(
      (
        await filtered(db, f)
          .select(sql<number>`count(*)`.as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  }
  return { rows, total };
}
export type CaseListRow = Awaited<ReturnType<typeof listCases>>['rows'][number];

export async function getCase(db: Db, provinceCode: string, id: number, forUpdate = false) {
  let q = db.selectFrom('feedbackCase').selectAll().where('provinceCode', '=', provinceCode).where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}
export type CaseRow = NonNullable<Awaited<ReturnType<typeof getCase>>>;

export async function getCaseByCode(db: Db, provinceCode: string, code: string) {
  return db.selectFrom('feedbackCase').selectAll().where('provinceCode', '=', provinceCode).where('code', '=', code).executeTakeFirst();
}

export async function coordinatorsOf(db: Db, caseId: number) {
  return db
    .selectFrom('feedbackCoordinator as fc')
    .innerJoin('unit as u', 'u.id', 'fc.unitId')
    .select(['u.id', 'u.code', 'u.name'])
    .where('fc.caseId', '=', caseId)
    .orderBy('u.name')
    .execute();
}

export async function eventsOf(db: Db, caseId: number, publicOnly = false) {
  let q = db
    .selectFrom('feedbackEvent as e')
    .leftJoin('unit as u', 'u.id', 'e.unitId')
    .leftJoin('appUser as au', 'au.id', 'e.userId')
    .select(['e.id', 'e.at', 'e.kind', 'e.isPublic', 'e.note', 'u.name as unitName', 'au.fullName as userName'])
    .where('e.caseId', '=', caseId)
    .orderBy('e.id');
  if (publicOnly) q = q.where('e.isPublic', '=', true);
  return q.execute();
}

export async function addEvent(
  db: Db,
  e: { caseId: number; at: Date; kind: string; isPublic: boolean; note?: string | null; unitId?: number | null; userId?: number | null },
) {
  await db
    .insertInto('feedbackEvent')
    .values({ ...e, note: e.note ?? null, unitId: e.unitId ?? null, userId: e.userId || null })
    .execute();
}

export async function photosOf(db: Db, caseId: number) {
  return db.selectFrom('feedbackPhoto').selectAll().where('caseId', '=', caseId).where('cleaned', '=', true).orderBy('sortOrder').execute();
}

// ---- categories ---------------------------------------------------------------------------------

export async function categories(db: Db, provinceCode: string) {
  return db.selectFrom('feedbackCategory').selectAll().where('provinceCode', '=', provinceCode).orderBy('sortOrder').execute();
}
export type CategoryRow = Awaited<ReturnType<typeof categories>>[number];

/** One category of the province (its name and clocks), or undefined. */
export async function category(db: Db, provinceCode: string, code: string): Promise<CategoryRow | undefined> {
  return db.selectFrom('feedbackCategory').selectAll().where('provinceCode', '=', provinceCode).where('code', '=', code).executeTakeFirst();
}

/** The default categories with the 766 clocks, for a province that has none yet (idempotent). */
export async function ensureCategories(db: Db, provinceCode: string): Promise<number> {
  const r = await db
    .insertInto('feedbackCategory')
    .values(DEFAULT_CATEGORIES.map((c, i) => ({ provinceCode, code: c.code, name: c.name, sortOrder: i + 1, ...CLOCK_766 })))
    .onConflict((oc) => oc.columns(['provinceCode', 'code']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0);
}

/** The next sequence number of a day's tracking codes (atomic: one row per day). */
export async function nextSequence(db: Db, day: string): Promise<number> {
  const r = await db
    .insertInto('feedbackDayCounter')
    .values({ day, n: 1 })
    .onConflict((oc) => oc.column('day').doUpdateSet({ n: sql`feedback_day_counter.n + 1` }))
    .returning('n')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
