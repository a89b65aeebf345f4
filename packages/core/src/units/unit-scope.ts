/**
 * Unit scope for queries, whether records name their unit by id (tasks) or by code (dossiers, imported
 * from systems that know codes only): `unitScope` says what an actor may see, `whereInScope` adds it to a
 * Kysely query. An empty list matches nothing (SQL has no empty `in ()`); null means the whole province.
 */
import type { ReferenceExpression, SelectQueryBuilder } from 'kysely';
import type { Db } from '../db/database';
import type { Actor } from '../policy/actor';

export interface UnitScope {
  /** Unit ids the actor sees; null = every unit of the province. */
  ids: readonly number[] | null;
  /** The same units by code. */
  codes: readonly string[] | null;
}

export async function unitScope(db: Db, actor: Actor): Promise<UnitScope> {
  if (actor.scope.kind === 'province') return { ids: null, codes: null };
  const ids = [...actor.scope.unitIds];
  const rows = ids.length ? await db.selectFrom('unit').select('code').where('id', 'in', ids).execute() : [];
  return { ids, codes: rows.map((r) => r.code) };
}

/** Keeps the rows whose unit column is in the list (null: no restriction; empty: no rows). */
export function whereInScope<DB, TB extends keyof DB, O, V extends string | number>(
  qb: SelectQueryBuilder<DB, TB, O>,
  column: ReferenceExpression<DB, TB>,
  allowed: readonly V[] | null | undefined,
): SelectQueryBuilder<DB, TB, O> {
  if (!allowed) return qb;
  if (!allowed.length) return qb.where((eb) => eb.val(false));
  return qb.where(column, 'in', allowed as never);
}
