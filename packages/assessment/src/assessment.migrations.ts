import { sql, type Kysely } from 'kysely';
import type { MigrationSet } from '@cchc/core';

type AnyDb = Kysely<unknown>;

export const assessmentMigrations: MigrationSet = {
  '20261202_30_assessment': {
    async up(db: AnyDb) {
      await db.schema
        .createTable('assessment_framework')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('province_code', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('unit_group', 'text', (c) => c.notNull().check(sql`unit_group in ('department', 'commune')`))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('is_example', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('max_total', 'numeric', (c) => c.notNull())
        .addColumn('created_by', 'bigint', (c) => c.references('app_user.id'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema.createIndex('assessment_framework_year').on('assessment_framework').columns(['province_code', 'year']).execute();
      await db.schema
        .createTable('assessment_criterion')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('framework_id', 'bigint', (c) => c.notNull().references('assessment_framework.id').onDelete('cascade'))
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('parent_code', 'text')
        .addColumn('level', 'integer', (c) => c.notNull())
        .addColumn('sort_order', 'integer', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('max_points', 'numeric', (c) => c.notNull())
        .addColumn('method', 'text', (c) => c.check(sql`method in ('tu_cham', 'du_lieu', 'khao_sat', 'thuong', 'tru')`))
        .addColumn('metric_key', 'text')
        .addColumn('bands', 'jsonb')
        .addColumn('evidence_required', 'boolean', (c) => c.notNull().defaultTo(false))
        .addUniqueConstraint('assessment_criterion_code', ['framework_id', 'code'])
        .execute();
      await db.schema
        .createTable('assessment_round')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('framework_id', 'bigint', (c) => c.notNull().references('assessment_framework.id'))
        .addColumn('province_code', 'text', (c) => c.notNull())
        .addColumn('self_end', 'date', (c) => c.notNull())
        .addColumn('appraisal1_end', 'date', (c) => c.notNull())
        .addColumn('explanation_end', 'date', (c) => c.notNull())
        .addColumn('appraisal2_end', 'date', (c) => c.notNull())
        .addColumn('result_bands', 'jsonb', (c) => c.notNull())
        .addColumn('created_by', 'bigint', (c) => c.references('app_user.id'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addCheckConstraint(
          'assessment_round_order',
          sql`self_end <= appraisal1_end and appraisal1_end <= explanation_end and explanation_end <= appraisal2_end`,
        )
        .execute();
      await db.schema
        .createTable('assessment_sheet')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('round_id', 'bigint', (c) => c.notNull().references('assessment_round.id').onDelete('cascade'))
        .addColumn('unit_id', 'bigint', (c) => c.notNull().references('unit.id'))
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('submitted_at', 'timestamptz')
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addUniqueConstraint('assessment_sheet_unit', ['round_id', 'unit_id'])
        .execute();
      await db.schema
        .createTable('assessment_score')
        .addColumn('sheet_id', 'bigint', (c) => c.notNull().references('assessment_sheet.id').onDelete('cascade'))
        .addColumn('criterion_id', 'bigint', (c) => c.notNull().references('assessment_criterion.id'))
        .addColumn('stage', 'text', (c) => c.notNull().check(sql`stage in ('self', 'appraisal1', 'appraisal2', 'final')`))
        .addColumn('score', 'numeric', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('scored_by', 'bigint', (c) => c.references('app_user.id'))
        .addColumn('scored_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addPrimaryKeyConstraint('assessment_score_pk', ['sheet_id', 'criterion_id', 'stage'])
        .execute();
    },
  },
  '20261202_31_assessment_evidence_appraisers': {
    async up(db: AnyDb) {
      // Evidence of a criterion on a unit's sheet: the file (core's store links it to this row) and where
      // in it the proof is (section, page) when it is part of a larger document.
      await db.schema
        .createTable('assessment_evidence')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('sheet_id', 'bigint', (c) => c.notNull().references('assessment_sheet.id').onDelete('cascade'))
        .addColumn('criterion_id', 'bigint', (c) => c.notNull().references('assessment_criterion.id'))
        .addColumn('locator', 'text')
        .addColumn('added_by', 'bigint', (c) => c.references('app_user.id'))
        .addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema.createIndex('assessment_evidence_sheet').on('assessment_evidence').columns(['sheet_id', 'criterion_id']).execute();
      // The appraisers the office assigned to a round (its unit group); none assigned: every appraiser.
      await db.schema
        .createTable('assessment_appraiser')
        .addColumn('round_id', 'bigint', (c) => c.notNull().references('assessment_round.id').onDelete('cascade'))
        .addColumn('user_id', 'bigint', (c) => c.notNull().references('app_user.id'))
        .addPrimaryKeyConstraint('assessment_appraiser_pk', ['round_id', 'user_id'])
        .execute();
    },
  },
  '20261202_32_assessment_publication': {
    async up(db: AnyDb) {
      // Published: the People's Committee approved the results; the public page shows the round.
      await db.schema
        .alterTable('assessment_round')
        .addColumn('published_at', 'timestamptz')
        .addColumn('published_by', 'bigint', (c) => c.references('app_user.id'))
        .addColumn('decision_number', 'text')
        .addColumn('decision_date', 'date')
        .execute();
    },
  },
  '20261202_33_assessment_province_group': {
    async up(db: AnyDb) {
      // The province's own PAR INDEX self-assessment runs on the same engine, as a third group.
      await sql`alter table assessment_framework drop constraint if exists assessment_framework_unit_group_check`.execute(db);
      await sql`alter table assessment_framework add constraint assessment_framework_unit_group_check
        check (unit_group in ('department', 'commune', 'province'))`.execute(db);
    },
  },
  '20261202_34_assessment_framework_versions': {
    async up(db: AnyDb) {
      // A framework re-issued within a year is a new version: each says from when (and until when) it applies.
      await db.schema.alterTable('assessment_framework').addColumn('valid_from', 'date').addColumn('valid_to', 'date').execute();
    },
  },
};
