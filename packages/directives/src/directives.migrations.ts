import { sql, type Kysely } from 'kysely';
import { loadWorkingCalendar, type MigrationSet } from '@cchc/core';
import { syncObligations } from './task.obligations';

type AnyDb = Kysely<unknown>;

export const directivesMigrations: MigrationSet = {
  '20261124_10_directives': {
    async up(db: AnyDb) {
      await db.schema
        .createTable('directive')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('province_code', 'text', (c) => c.notNull())
        .addColumn('number', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('issued_on', 'date', (c) => c.notNull())
        .addColumn('issuer', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
        .addColumn('source_filename', 'text')
        .addColumn('source_mime', 'text')
        .addColumn('source_data', 'bytea')
        .addColumn('source_text', 'text')
        .addColumn('created_by', 'bigint', (c) => c.references('app_user.id'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addUniqueConstraint('directive_number_uq', ['province_code', 'number', 'issued_on'])
        .execute();
      await db.schema
        .createTable('directive_section')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('directive_id', 'bigint', (c) => c.notNull().references('directive.id').onDelete('cascade'))
        .addColumn('number', 'text', (c) => c.notNull())
        .addColumn('heading', 'text', (c) => c.notNull())
        .addColumn('lead_unit_id', 'bigint', (c) => c.references('unit.id'))
        .addColumn('group_kind', 'text')
        .addColumn('sort_order', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('task')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('directive_id', 'bigint', (c) => c.notNull().references('directive.id').onDelete('cascade'))
        .addColumn('section_id', 'bigint', (c) => c.notNull().references('directive_section.id').onDelete('cascade'))
        .addColumn('group_key', 'text')
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('lead_unit_id', 'bigint', (c) => c.notNull().references('unit.id'))
        .addColumn('priority', 'text', (c) => c.notNull().defaultTo('normal'))
        .addColumn('expected_output', 'text')
        .addColumn('due_date', 'date')
        .addColumn('recurrence', 'text')
        .addColumn('report_days', 'integer')
        .addColumn('recur_until', 'date')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addCheckConstraint('task_deadline_ck', sql`(due_date is not null) <> (recurrence is not null)`)
        .execute();
      await db.schema.createIndex('task_lead_unit_idx').on('task').columns(['lead_unit_id']).execute();
      await db.schema.createIndex('task_directive_idx').on('task').columns(['directive_id']).execute();
      await db.schema
        .createTable('task_coordinator')
        .addColumn('task_id', 'bigint', (c) => c.notNull().references('task.id').onDelete('cascade'))
        .addColumn('unit_id', 'bigint', (c) => c.notNull().references('unit.id'))
        .addPrimaryKeyConstraint('task_coordinator_pk', ['task_id', 'unit_id'])
        .execute();
      await db.schema
        .createTable('task_index_link')
        .addColumn('task_id', 'bigint', (c) => c.notNull().references('task.id').onDelete('cascade'))
        .addColumn('index_code', 'text', (c) => c.notNull())
        .addColumn('component_code', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('task_index_link_pk', ['task_id', 'index_code', 'component_code'])
        .execute();
      await db.schema
        .createTable('task_report')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('task_id', 'bigint', (c) => c.notNull().references('task.id').onDelete('cascade'))
        .addColumn('period_key', 'text', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('percent', 'integer', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('written_by', 'bigint', (c) => c.references('app_user.id'))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .addColumn('submitted_by', 'bigint', (c) => c.references('app_user.id'))
        .addColumn('submitted_at', 'timestamptz')
        .addColumn('reviewed_by', 'bigint', (c) => c.references('app_user.id'))
        .addColumn('reviewed_at', 'timestamptz')
        .addColumn('review_note', 'text')
        .addUniqueConstraint('task_report_period_uq', ['task_id', 'period_key'])
        .execute();
      await db.schema
        .createTable('task_evidence')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('report_id', 'bigint', (c) => c.notNull().references('task_report.id').onDelete('cascade'))
        .addColumn('filename', 'text', (c) => c.notNull())
        .addColumn('mime', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('data', 'bytea', (c) => c.notNull())
        .addColumn('uploaded_by', 'bigint', (c) => c.references('app_user.id'))
        .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema
        // Moved to core (20261202_01_core_notification), which turns the task key into a subject.
        .createTable('notification')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('user_id', 'bigint', (c) => c.notNull().references('app_user.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('task_id', 'bigint', (c) => c.references('task.id').onDelete('cascade'))
        .addColumn('period_key', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('link', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('read_at', 'timestamptz')
        .addColumn('email_status', 'text', (c) => c.notNull().defaultTo('none'))
        .addColumn('emailed_at', 'timestamptz')
        .addColumn('email_error', 'text')
        // The same reminder is never created twice, whatever the scheduler does.
        .addUniqueConstraint('notification_once_uq', ['user_id', 'kind', 'task_id', 'period_key'], (c) => c.nullsNotDistinct())
        .execute();
      await db.schema.createIndex('notification_user_idx').on('notification').columns(['user_id', 'read_at']).execute();
    },
  },
  '20261201_11_task_report_version': {
    async up(db: AnyDb) {
      await db.schema
        .alterTable('task_report')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
    },
  },
  '20261201_12_task_obligation': {
    async up(db: AnyDb) {
      await db.schema
        .createTable('task_obligation')
        .addColumn('task_id', 'bigint', (c) => c.notNull().references('task.id').onDelete('cascade'))
        .addColumn('period_key', 'text', (c) => c.notNull())
        .addColumn('period_label', 'text', (c) => c.notNull())
        .addColumn('period_end', 'date')
        .addColumn('due_date', 'date', (c) => c.notNull())
        .addPrimaryKeyConstraint('task_obligation_pk', ['task_id', 'period_key'])
        .execute();
      await db.schema.createIndex('task_obligation_due_idx').on('task_obligation').columns(['due_date']).execute();
      // Tasks saved before this table existed get their obligations now.
      await syncObligations(db as never, await loadWorkingCalendar(db as never), 'all', { schemaBeforeCancel: true });
    },
  },
  '20261206_82_directive_changes': {
    async up(db: AnyDb) {
      // A withdrawn directive and a removed task stay in the history but leave the figures.
      await db.schema
        .alterTable('directive')
        .addColumn('withdrawn_at', 'timestamptz')
        .addColumn('withdraw_reason', 'text')
        .addColumn('updated_at', 'timestamptz')
        .execute();
      await db.schema.alterTable('task').addColumn('cancelled_at', 'timestamptz').addColumn('cancel_reason', 'text').execute();
      // Each reviewed submission as it was read: a returned version stays readable after the unit rewrites it.
      await db.schema
        .createTable('task_report_review')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('report_id', 'bigint', (c) => c.notNull().references('task_report.id').onDelete('cascade'))
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('percent', 'integer', (c) => c.notNull())
        .addColumn('submitted_by', 'bigint', (c) => c.references('app_user.id'))
        .addColumn('submitted_at', 'timestamptz')
        .addColumn('decision', 'text', (c) => c.notNull())
        .addColumn('reviewed_by', 'bigint', (c) => c.references('app_user.id'))
        .addColumn('reviewed_at', 'timestamptz', (c) => c.notNull())
        .addColumn('review_note', 'text')
        .execute();
      await db.schema.createIndex('task_report_review_report_idx').on('task_report_review').column('report_id').execute();
      await db.schema.createIndex('task_report_state_idx').on('task_report').column('state').execute();
    },
  },
};
