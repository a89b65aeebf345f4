import { sql } from 'kysely';
import type { Db } from '@cchc/core';
import type { Selectable } from 'kysely';
import type { IndexCode, IndexComponentTable, IndexSchemeTable } from './indices.tables';

export type SchemeRow = Selectable<IndexSchemeTable>;

export type ComponentRow = Omit<Selectable<IndexComponentTable>, 'id' | 'schemeId'>;

export async function listSchemes(db: Db, index?: IndexCode): Promise<SchemeRow[]> {
  let q = db.selectFrom('indexScheme').selectAll().orderBy('indexCode').orderBy('validFromYear', 'desc');
  if (index) q = q.where('indexCode', '=', index);
  return (await q.execute()) as SchemeRow[];
}

export async function getScheme(db: Db, id: number): Promise<SchemeRow | undefined> {
  return (await db.selectFrom('indexScheme').selectAll().where('id', '=', id).executeTakeFirst()) as SchemeRow | undefined;
}

export async function schemeForYear(db: Db, index: IndexCode, year: number): Promise<SchemeRow | undefined> {
  return (await db
    .selectFrom('indexScheme')
    .selectAll()
    .where('indexCode', '=', index)
    .where('validFromYear', '<=', year)
    .where((eb) => eb.or([eb('validToYear', 'is', null), eb('validToYear', '>=', year)]))
    .orderBy('validFromYear', 'desc')
    .executeTakeFirst()) as SchemeRow | undefined;
}

export async function components(db: Db, schemeId: number): Promise<ComponentRow[]> {
  return db
    .selectFrom('indexComponent')
    .select(['code', 'parentCode', 'name', 'minPoints', 'maxPoints', 'sortOrder'])
    .where('schemeId', '=', schemeId)
    .orderBy('sortOrder')
    .execute();
}

export async function replaceComponents(db: Db, schemeId: number, rows: Omit<ComponentRow, 'sortOrder'>[]): Promise<void> {
  await db.deleteFrom('indexComponent').where('schemeId', '=', schemeId).execute();
  if (rows.length)
    await db
      .insertInto('indexComponent')
      .values(rows.map((r, i) => ({ ...r, schemeId, sortOrder: i + 1 })))
      .execute();
}

export interface ResultRow {
  id: number;
  year: number;
  unitId: number;
  provinceCode: string;
  provinceName: string;
  validTo: string | null;
  value: number | null;
  rank: number | null;
  source: string;
  components: Record<string, number>;
}

export async function listResults(db: Db, q: { index: IndexCode; year?: number; unitIds?: number[] }): Promise<ResultRow[]> {
  let query = db
    .selectFrom('indexResult as r')
    .innerJoin('unit as u', 'u.id', 'r.unitId')
    .select([
      'r.id',
      'r.year',
      'r.unitId',
      'u.code as provinceCode',
      'u.name as provinceName',
      'u.validTo',
      'r.value',
      'r.rank',
      'r.source',
      sql<Record<
        string,
        number
      > | null>`(select jsonb_object_agg(c.component_code, c.value) from index_result_component c where c.result_id = r.id)`.as(
        'components',
      ),
    ])
    .where('r.indexCode', '=', q.index)
    .orderBy('r.year')
    .orderBy('r.value', (ob) => ob.desc().nullsLast());
  if (q.year !== undefined) query = query.where('r.year', '=', q.year);
  if (q.unitIds) query = query.where('r.unitId', 'in', q.unitIds.length ? q.unitIds : [-1]);
  const rows = await query.execute();
  return rows.map((r) => ({
    ...r,
    components: Object.fromEntries(Object.entries(r.components ?? {}).map(([k, v]) => [k, Number(v)])),
  }));
}

export async function findResult(db: Db, index: IndexCode, year: number, unitId: number): Promise<ResultRow | undefined> {
  const rows = await listResults(db, { index, year, unitIds: [unitId] });
  return rows[0];
}

export async function upsertResult(
  db: Db,
  r: {
    index: IndexCode;
    year: number;
    unitId: number;
    value: number | null;
    rank: number | null;
    source: string;
    components: Record<string, number>;
    userId: number | null;
  },
  existingId?: number,
): Promise<number> {
  let id = existingId;
  if (id) {
    await db
      .updateTable('indexResult')
      .set({ value: r.value, rank: r.rank, source: r.source, updatedAt: new Date(), updatedBy: r.userId })
      .where('id', '=', id)
      .execute();
    await db.deleteFrom('indexResultComponent').where('resultId', '=', id).execute();
  } else {
    id = (
      await db
        .insertInto('indexResult')
        .values({ indexCode: r.index, year: r.year, unitId: r.unitId, value: r.value, rank: r.rank, source: r.source, updatedBy: r.userId })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  }
  const comps = Object.entries(r.components);
  if (comps.length)
    await db
      .insertInto('indexResultComponent')
      .values(comps.map(([componentCode, value]) => ({ resultId: id!, componentCode, value })))
      .execute();
  return id;
}

export async function aliases(db: Db): Promise<Map<string, number>> {
  const rows = await db.selectFrom('provinceAlias').select(['aliasKey', 'unitId']).execute();
  return new Map(rows.map((r) => [r.aliasKey, r.unitId]));
}

export async function provincesAt(db: Db, date: string) {
  return db
    .selectFrom('unit')
    .select(['id', 'code', 'name'])
    .where('type', '=', 'province')
    .where(sql<boolean>`(valid_from is null or valid_from <= ${date}) and (valid_to is null or valid_to >= ${date})`)
    .orderBy('code')
    .execute();
}
