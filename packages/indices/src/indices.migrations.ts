import { sql, type Kysely } from 'kysely';
import type { MigrationSet } from '@cchc/core';
import { CATALOGUE } from './scheme.catalogue';

type AnyDb = Kysely<unknown>;

export const indicesMigrations: MigrationSet = {
  '20261124_01_indices': {
    async up(db: AnyDb) {
      await db.schema
        .createTable('index_scheme')
        .addColumn('id', 'serial', (c) => c.primaryKey())
        .addColumn('index_code', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('decision', 'text', (c) => c.notNull())
        .addColumn('valid_from_year', 'integer', (c) => c.notNull())
        .addColumn('valid_to_year', 'integer')
        .addColumn('total_min', 'numeric', (c) => c.notNull())
        .addColumn('total_max', 'numeric', (c) => c.notNull())
        .addColumn('total_rule', 'text', (c) => c.notNull())
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('is_example', 'boolean', (c) => c.notNull().defaultTo(false))
        .addUniqueConstraint('index_scheme_decision_uq', ['index_code', 'decision'])
        .execute();
      await db.schema
        .createTable('index_component')
        .addColumn('id', 'serial', (c) => c.primaryKey())
        .addColumn('scheme_id', 'integer', (c) => c.notNull().references('index_scheme.id').onDelete('cascade'))
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('parent_code', 'text')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('min_points', 'numeric')
        .addColumn('max_points', 'numeric')
        .addColumn('sort_order', 'integer', (c) => c.notNull())
        .addUniqueConstraint('index_component_code_uq', ['scheme_id', 'code'])
        .execute();
      await db.schema
        .createTable('index_result')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('index_code', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('unit_id', 'bigint', (c) => c.notNull().references('unit.id'))
        .addColumn('value', 'numeric')
        .addColumn('rank', 'integer')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('updated_by', 'bigint', (c) => c.references('app_user.id'))
        .addUniqueConstraint('index_result_uq', ['index_code', 'year', 'unit_id'])
        .execute();
      await db.schema
        .createTable('index_result_component')
        .addColumn('result_id', 'bigint', (c) => c.notNull().references('index_result.id').onDelete('cascade'))
        .addColumn('component_code', 'text', (c) => c.notNull())
        .addColumn('value', 'numeric', (c) => c.notNull())
        .addPrimaryKeyConstraint('index_result_component_pk', ['result_id', 'component_code'])
        .execute();
      await db.schema
        .createTable('province_alias')
        .addColumn('alias_key', 'text', (c) => c.primaryKey())
        .addColumn('unit_id', 'bigint', (c) => c.notNull().references('unit.id'))
        .addColumn('created_by', 'bigint', (c) => c.references('app_user.id'))
        .execute();
    },
  },
  // The shipped methodologies (editable afterwards in the UI).
  '20261124_02_index_catalogue': {
    async up(db: AnyDb) {
      for (const sc of CATALOGUE) {
        const { id } = (await (db as Kysely<{ index_scheme: Record<string, unknown> }>)
          .insertInto('index_scheme')
          .values({
            index_code: sc.indexCode,
            name: sc.name,
            decision: sc.decision,
            valid_from_year: sc.validFromYear,
            valid_to_year: sc.validToYear,
            total_min: sc.totalMin,
            total_max: sc.totalMax,
            total_rule: sc.totalRule,
            unit: sc.unit,
            source: sc.source,
            note: sc.note ?? null,
            is_example: sc.isExample ?? false,
          })
          .returning('id')
          .executeTakeFirstOrThrow()) as { id: number };
        await (db as Kysely<{ index_component: Record<string, unknown> }>)
          .insertInto('index_component')
          .values(
            sc.components.map((c, i) => ({
              scheme_id: id,
              code: c.code,
              parent_code: c.parentCode ?? null,
              name: c.name,
              min_points: c.min ?? null,
              max_points: c.max ?? null,
              sort_order: i + 1,
            })),
          )
          .execute();
      }
    },
  },
};
