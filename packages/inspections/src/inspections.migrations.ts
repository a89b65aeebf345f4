import { sql, type Kysely } from 'kysely';
import type { MigrationSet } from '@cchc/core';

type AnyDb = Kysely<unknown>;

export const inspectionsMigrations: MigrationSet = {
  '20261204_50_inspections': {
    async up(db: AnyDb) {
      await db.schema
        .createTable('inspection_plan')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('province_code', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull().check(sql`year between 2000 and 2100`))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('target', 'double precision', (c) => c.notNull().check(sql`target > 0 and target <= 1`))
        .addColumn('self_target', 'double precision', (c) => c.notNull().check(sql`self_target > 0 and self_target <= 1`))
        .addColumn('created_by', 'bigint', (c) => c.references('app_user.id'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addUniqueConstraint('inspection_plan_name', ['province_code', 'year', 'name'])
        .execute();
      await db.schema
        .createTable('inspection_template_item')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('province_code', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('area', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('sort_order', 'integer', (c) => c.notNull())
        .addColumn('is_active', 'boolean', (c) => c.notNull().defaultTo(true))
        .addUniqueConstraint('inspection_template_item_code', ['province_code', 'code'])
        .execute();
      await db.schema
        .createTable('inspection_draw')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('plan_id', 'bigint', (c) => c.notNull().references('inspection_plan.id'))
        .addColumn('seed', 'text', (c) => c.notNull())
        .addColumn('pool', sql`bigint[]`, (c) => c.notNull())
        .addColumn('chosen', sql`bigint[]`, (c) => c.notNull())
        .addColumn('drawn_by', 'bigint', (c) => c.references('app_user.id'))
        .addColumn('drawn_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('inspection')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('province_code', 'text', (c) => c.notNull())
        .addColumn('plan_id', 'bigint', (c) => c.notNull().references('inspection_plan.id'))
        .addColumn('unit_id', 'bigint', (c) => c.notNull().references('unit.id'))
        .addColumn('by_unit_id', 'bigint', (c) => c.references('unit.id'))
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('planned', 'unannounced', 'thematic', 'self')`))
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('scheduled', 'concluded', 'cancelled')`))
        .addColumn('date', 'date', (c) => c.notNull())
        .addColumn('areas', sql`text[]`, (c) => c.notNull())
        .addColumn('team_leader', 'text')
        .addColumn('team_members', 'text')
        .addColumn('draw_id', 'bigint', (c) => c.references('inspection_draw.id'))
        .addColumn('record_text', 'text')
        .addColumn('conclusion', 'text')
        .addColumn('concluded_at', 'timestamptz')
        .addColumn('concluded_by', 'bigint', (c) => c.references('app_user.id'))
        .addColumn('cancel_reason', 'text')
        .addColumn('created_by', 'bigint', (c) => c.references('app_user.id'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema.createIndex('inspection_plan_unit').on('inspection').columns(['plan_id', 'unit_id']).execute();
      await db.schema.createIndex('inspection_unit_date').on('inspection').columns(['unit_id', 'date']).execute();
      await db.schema
        .createTable('inspection_check')
        .addColumn('inspection_id', 'bigint', (c) => c.notNull().references('inspection.id').onDelete('cascade'))
        .addColumn('item_code', 'text', (c) => c.notNull())
        .addColumn('area', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('sort_order', 'integer', (c) => c.notNull())
        .addColumn('result', 'text', (c) => c.check(sql`result in ('pass', 'fail', 'na')`))
        .addColumn('note', 'text')
        .addPrimaryKeyConstraint('inspection_check_pk', ['inspection_id', 'item_code'])
        .execute();
      await db.schema
        .createTable('inspection_finding')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('inspection_id', 'bigint', (c) => c.notNull().references('inspection.id'))
        .addColumn('unit_id', 'bigint', (c) => c.notNull().references('unit.id'))
        .addColumn('area', 'text', (c) => c.notNull())
        .addColumn('item_code', 'text')
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull().check(sql`severity in ('minor', 'major', 'serious')`))
        .addColumn('remedy', 'text')
        .addColumn('due_date', 'date', (c) => c.notNull())
        .addColumn('task_id', 'bigint')
        .addColumn('repeat_of', 'bigint', (c) => c.references('inspection_finding.id'))
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'remedied', 'unresolved')`))
        .addColumn('verified_at', 'timestamptz')
        .addColumn('verified_by', 'bigint', (c) => c.references('app_user.id'))
        .addColumn('verify_note', 'text')
        .addColumn('created_by', 'bigint', (c) => c.references('app_user.id'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('inspection_finding_inspection').on('inspection_finding').column('inspection_id').execute();
      await db.schema.createIndex('inspection_finding_unit').on('inspection_finding').columns(['unit_id', 'status']).execute();
    },
  },
};
