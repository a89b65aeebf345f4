import { sql, type Kysely } from 'kysely';
import type { MigrationSet } from '@cchc/core';

type AnyDb = Kysely<unknown>;

export const surveysMigrations: MigrationSet = {
  '20261205_81_surveys': {
    async up(db: AnyDb) {
      await db.schema
        .createTable('survey')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('province_code', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('template', 'text')
        .addColumn('period_from', 'date', (c) => c.notNull())
        .addColumn('period_to', 'date', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'published', 'closed')`))
        .addColumn('current_version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('min_valid', 'integer', (c) => c.notNull().defaultTo(30))
        .addColumn('published_at', 'timestamptz')
        .addColumn('closed_at', 'timestamptz')
        .addColumn('results_published_at', 'timestamptz')
        .addColumn('created_by', 'bigint', (c) => c.references('app_user.id'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .addCheckConstraint('survey_period', sql`period_to >= period_from`)
        .execute();
      await db.schema
        .createTable('survey_version')
        .addColumn('survey_id', 'bigint', (c) => c.notNull().references('survey.id').onDelete('cascade'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('definition', 'jsonb', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('created_by', 'bigint', (c) => c.references('app_user.id'))
        .addPrimaryKeyConstraint('survey_version_pk', ['survey_id', 'version'])
        .execute();
      await db.schema
        .createTable('survey_sample')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('survey_id', 'bigint', (c) => c.notNull().references('survey.id').onDelete('cascade'))
        .addColumn('unit_id', 'bigint', (c) => c.notNull().references('unit.id'))
        .addColumn('unit_code', 'text', (c) => c.notNull())
        .addColumn('population', 'integer', (c) => c.notNull())
        .addColumn('reachable', 'integer', (c) => c.notNull())
        .addColumn('sample_size', 'integer', (c) => c.notNull())
        .addColumn('margin_of_error', 'double precision', (c) => c.notNull())
        .addColumn('seed', 'text', (c) => c.notNull())
        .addColumn('frame_digest', 'text', (c) => c.notNull())
        .addColumn('drawn_at', 'timestamptz', (c) => c.notNull())
        .addColumn('drawn_by', 'bigint', (c) => c.references('app_user.id'))
        .addUniqueConstraint('survey_sample_unit', ['survey_id', 'unit_id'])
        .execute();
      await db.schema
        .createTable('survey_token')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('survey_id', 'bigint', (c) => c.notNull().references('survey.id').onDelete('cascade'))
        .addColumn('sample_id', 'bigint', (c) => c.notNull().references('survey_sample.id').onDelete('cascade'))
        .addColumn('unit_id', 'bigint', (c) => c.notNull().references('unit.id'))
        .addColumn('token', 'text', (c) => c.notNull().unique())
        .addColumn('paper_code', 'text', (c) => c.notNull().unique())
        .addColumn('rank', 'integer', (c) => c.notNull())
        .addColumn('dossier_code', 'text', (c) => c.notNull())
        .addColumn('person_key', 'text')
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('issued', 'answered', 'refused', 'unreachable', 'blank')`))
        .addColumn('reason', 'text')
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('survey_token_survey_unit').on('survey_token').columns(['survey_id', 'unit_id', 'status']).execute();
      await db.schema
        .createTable('survey_response')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('survey_id', 'bigint', (c) => c.notNull().references('survey.id').onDelete('cascade'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('unit_id', 'bigint', (c) => c.notNull().references('unit.id'))
        .addColumn('token_id', 'bigint', (c) => c.unique().references('survey_token.id'))
        .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('online', 'paper', 'interview', 'kiosk')`))
        .addColumn('interviewer_id', 'bigint', (c) => c.references('app_user.id'))
        .addColumn('entered_by', 'bigint', (c) => c.references('app_user.id'))
        .addColumn('client_id', 'text', (c) => c.unique())
        .addColumn('started_at', 'timestamptz')
        .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
        .addColumn('duration_s', 'integer')
        .addColumn('answers', 'jsonb', (c) => c.notNull())
        .addColumn('answers_digest', 'text', (c) => c.notNull())
        .addColumn('flags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
        .addColumn('excluded', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('excluded_reason', 'text')
        .addColumn('excluded_by', 'bigint', (c) => c.references('app_user.id'))
        .addColumn('excluded_at', 'timestamptz')
        .execute();
      await db.schema.createIndex('survey_response_survey_unit').on('survey_response').columns(['survey_id', 'unit_id']).execute();
      await db.schema.createIndex('survey_response_digest').on('survey_response').columns(['survey_id', 'answers_digest']).execute();
      await db.schema
        .createTable('survey_answer')
        .addColumn('response_id', 'bigint', (c) => c.notNull().references('survey_response.id').onDelete('cascade'))
        .addColumn('survey_id', 'bigint', (c) => c.notNull())
        .addColumn('unit_id', 'bigint', (c) => c.notNull())
        .addColumn('question_id', 'text', (c) => c.notNull())
        .addColumn('aspect', 'text')
        .addColumn('value', 'smallint', (c) => c.notNull())
        .addPrimaryKeyConstraint('survey_answer_pk', ['response_id', 'question_id'])
        .execute();
      await db.schema.createIndex('survey_answer_survey').on('survey_answer').columns(['survey_id', 'unit_id', 'question_id']).execute();
      await db.schema
        .createTable('survey_double_entry')
        .addColumn('response_id', 'bigint', (c) => c.primaryKey().references('survey_response.id').onDelete('cascade'))
        .addColumn('entered_by', 'bigint', (c) => c.notNull().references('app_user.id'))
        .addColumn('answers', 'jsonb', (c) => c.notNull())
        .addColumn('fields', 'integer', (c) => c.notNull())
        .addColumn('mismatches', 'integer', (c) => c.notNull())
        .addColumn('differing', sql`text[]`, (c) => c.notNull())
        .addColumn('entered_at', 'timestamptz', (c) => c.notNull())
        .execute();
    },
  },
};
