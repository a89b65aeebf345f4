import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { NewUnit, UnitRow, UnitUpdate } from '../db/core.tables';

export interface UnitView {
  id: number;
  code: string;
  name: string;
  shortName: string | null;
  type: string;
  parentCode: string | null;
  provinceCode: string;
  validFrom: string | null;
  validTo: string | null;
  isLocal: boolean;
  childCount: number;
}

function baseQuery(db: Db) {
  return db
    .selectFrom('unit as u')
    .leftJoin('unit as p', 'p.id', 'u.parentId')
    .select([
      'u.id',
      'u.code',
      'u.name',
      'u.shortName',
      'u.type',
      'u.provinceCode',
      'u.validFrom',
      'u.validTo',
      'u.isLocal',
      'p.code as parentCode',
      (eb) => eb.selectFrom('unit as c').whereRef('c.parentId', '=', 'u.id').select(eb.fn.countAll<number>().as('n')).as('childCount'),
    ]);
}

const validOn = (date: string) =>
  sql<boolean>`(u.valid_from is null or u.valid_from <= ${date}) and (u.valid_to is null or u.valid_to >= ${date})`;

/** The unit that carried `code` on `date` (codes are reused across the 2025 reform). */
export async function findUnitByCode(db: Db, code: string, date: string): Promise<UnitView | undefined> {
  const row = await baseQuery(db).where('u.code', '=', code).where(validOn(date)).executeTakeFirst();
  return row ? normalise(row) : undefined;
}

export async function findUnitById(db: Db, id: number): Promise<UnitView | undefined> {
  const row = await baseQuery(db).where('u.id', '=', id).executeTakeFirst();
  return row ? normalise(row) : undefined;
}

export interface UnitListQuery {
  parentId?: number | null;
  provinceCode?: string;
  types?: string[];
  search?: string;
  date: string;
  limit: number;
}

export async function listUnits(db: Db, q: UnitListQuery): Promise<UnitView[]> {
  let query = baseQuery(db).where(validOn(q.date));
  if (q.parentId !== undefined)
    query = q.parentId === null ? query.where('u.parentId', 'is', null) : query.where('u.parentId', '=', q.parentId);
  if (q.provinceCode) query = query.where('u.provinceCode', '=', q.provinceCode);
  if (q.types?.length) query = query.where('u.type', 'in', q.types);
  if (q.search) {
    const like = `%${q.search.toLowerCase()}%`;
    query = query.where((eb) => eb.or([eb(eb.fn('lower', ['u.name']), 'like', like), eb('u.code', 'like', like)]));
  }
  const rows = await query.orderBy('u.isLocal', 'desc').orderBy('u.sortOrder').orderBy('u.code').limit(q.limit).execute();
  return rows.map(normalise);
}

/** Ids of a unit and every unit below it (a user's scope). */
export async function subtreeIds(db: Db, rootId: number): Promise<number[]> {
  const rows = await sql<{ id: number }>`
    with recursive t(id) as (
      select ${rootId}::bigint
      union all
      select u.id from unit u join t on u.parent_id = t.id
    ) select id from t`.execute(db);
  return rows.rows.map((r) => Number(r.id));
}

export interface LineageEdgeView {
  kind: string;
  effectiveDate: string;
  source: string;
  unit: UnitView;
}

/** Units this unit came from (direction 'from') or became (direction 'to'), one step. */
export async function lineageEdges(db: Db, unitId: number, direction: 'from' | 'to'): Promise<LineageEdgeView[]> {
  const [mine, other] = direction === 'from' ? (['toUnitId', 'fromUnitId'] as const) : (['fromUnitId', 'toUnitId'] as const);
  const edges = await db.selectFrom('unitLineage').selectAll().where(mine, '=', unitId).orderBy('id').execute();
  if (!edges.length) return [];
  const units = await baseQuery(db)
    .where(
      'u.id',
      'in',
      edges.map((e) => e[other]),
    )
    .execute();
  const byId = new Map(units.map((u) => [u.id, normalise(u)]));
  return edges.flatMap((e) => {
    const unit = byId.get(e[other]);
    return unit ? [{ kind: e.kind, effectiveDate: e.effectiveDate, source: e.source, unit }] : [];
  });
}

export async function insertUnit(db: Db, unit: NewUnit): Promise<UnitRow> {
  return db.insertInto('unit').values(unit).returningAll().executeTakeFirstOrThrow();
}

export async function updateUnit(db: Db, id: number, patch: UnitUpdate): Promise<UnitRow> {
  return db
    .updateTable('unit')
    .set({ ...patch, updatedAt: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function getUnitRow(db: Db, id: number): Promise<UnitRow | undefined> {
  return db.selectFrom('unit').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countUnits(db: Db): Promise<number> {
  const r = await db
    .selectFrom('unit')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

function normalise(row: Omit<UnitView, 'childCount'> & { childCount: number | string | null }): UnitView {
  return { ...row, id: Number(row.id), childCount: Number(row.childCount ?? 0) };
}
