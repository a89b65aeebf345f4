import { sql, type Kysely } from 'kysely';
import type { MigrationSet } from '@cchc/core';

type AnyDb = Kysely<unknown>;

export const initiativesMigrations: MigrationSet = {
  '20261204_60_initiatives': {
    async up(db: AnyDb) {
      await db.schema
        .createTable('initiative_criterion')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('province_code', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('max_points', 'integer', (c) => c.notNull().check(sql`max_points between 1 and 100`))
        .addColumn('sort_order', 'integer', (c) => c.notNull())
        .addColumn('is_active', 'boolean', (c) => c.notNull().defaultTo(true))
        .addUniqueConstraint('initiative_criterion_code', ['province_code', 'code'])
        .execute();
      await db.schema
        .createTable('initiative')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('province_code', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('origin', 'text', (c) => c.notNull().check(sql`origin in ('own', 'external')`))
        .addColumn('unit_id', 'bigint', (c) => c.references('unit.id'))
        .addColumn('external_province', 'text')
        .addColumn('external_unit', 'text')
        .addColumn('year', 'integer', (c) => c.notNull().check(sql`year between 2000 and 2100`))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('problem', 'text')
        .addColumn('solution', 'text')
        .addColumn('area', 'text')
        .addColumn('index_components', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
        .addColumn('started_on', 'date')
        .addColumn('cost', 'double precision')
        .addColumn('expected_effect', 'text')
        .addColumn('status', 'text', (c) =>
          c.notNull().check(sql`status in ('draft', 'submitted', 'returned', 'accepted', 'recognised', 'not_recognised')`),
        )
        .addColumn('level', 'text', (c) => c.check(sql`level in ('unit', 'province')`))
        .addColumn('return_note', 'text')
        .addColumn('decision_number', 'text')
        .addColumn('decided_on', 'date')
        .addColumn('award_used', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('award_note', 'text')
        .addColumn('submitted_at', 'timestamptz')
        .addColumn('checked_at', 'timestamptz')
        .addColumn('created_by', 'bigint', (c) => c.references('app_user.id'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addCheckConstraint('initiative_origin_unit', sql`(origin = 'own') = (unit_id is not null)`)
        .execute();
      await db.schema.createIndex('initiative_year_unit').on('initiative').columns(['province_code', 'year', 'unit_id']).execute();
      await db.schema
        .createTable('initiative_score')
        .addColumn('initiative_id', 'bigint', (c) => c.notNull().references('initiative.id').onDelete('cascade'))
        .addColumn('member_id', 'bigint', (c) => c.notNull().references('app_user.id'))
        .addColumn('criterion_code', 'text', (c) => c.notNull())
        .addColumn('points', 'double precision', (c) => c.notNull().check(sql`points >= 0`))
        .addColumn('note', 'text')
        .addColumn('scored_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('initiative_score_pk', ['initiative_id', 'member_id', 'criterion_code'])
        .execute();
      await db.schema
        .createTable('initiative_adoption')
        .addColumn('initiative_id', 'bigint', (c) => c.notNull().references('initiative.id').onDelete('cascade'))
        .addColumn('unit_id', 'bigint', (c) => c.notNull().references('unit.id'))
        .addColumn('adopted_on', 'date', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('created_by', 'bigint', (c) => c.references('app_user.id'))
        .addPrimaryKeyConstraint('initiative_adoption_pk', ['initiative_id', 'unit_id'])
        .execute();
    },
  },
};
