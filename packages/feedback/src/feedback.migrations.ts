import { sql, type Kysely } from 'kysely';
import type { MigrationSet } from '@cchc/core';

type AnyDb = Kysely<unknown>;

export const feedbackMigrations: MigrationSet = {
  '20261203_40_feedback': {
    async up(db: AnyDb) {
      await db.schema
        .createTable('feedback_category')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('province_code', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('process_days', 'integer', (c) => c.notNull().check(sql`process_days between 1 and 90`))
        .addColumn('refuse_days', 'integer', (c) => c.notNull().check(sql`refuse_days between 1 and 30`))
        .addColumn('transfer_days', 'integer', (c) => c.notNull().check(sql`transfer_days between 1 and 30`))
        .addColumn('publish_days', 'integer', (c) => c.notNull().check(sql`publish_days between 1 and 30`))
        .addColumn('sort_order', 'integer', (c) => c.notNull())
        .addColumn('is_active', 'boolean', (c) => c.notNull().defaultTo(true))
        .addUniqueConstraint('feedback_category_code', ['province_code', 'code'])
        .execute();
      await db.schema
        .createTable('feedback_case')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('province_code', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('source', 'text')
        .addColumn('external_code', 'text')
        .addColumn('category_code', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('phan_anh', 'kien_nghi', 'khieu_nai_to_cao')`))
        .addColumn('status', 'text', (c) =>
          c
            .notNull()
            .check(sql`status in ('received', 'rejected', 'redirected', 'assigned', 'drafted', 'approved', 'returned', 'published')`),
        )
        .addColumn('sender_name', 'text')
        .addColumn('sender_phone', 'text')
        .addColumn('sender_email', 'text')
        .addColumn('sender_address', 'text')
        .addColumn('sender_key', 'text')
        .addColumn('place', 'text')
        .addColumn('latitude', 'double precision')
        .addColumn('longitude', 'double precision')
        .addColumn('title', 'text')
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('consent', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('received_at', 'timestamptz', (c) => c.notNull())
        .addColumn('counted_from', 'date', (c) => c.notNull())
        .addColumn('due_date', 'date', (c) => c.notNull())
        .addColumn('classify_due', 'date', (c) => c.notNull())
        .addColumn('classified_at', 'timestamptz')
        .addColumn('lead_unit_id', 'bigint', (c) => c.references('unit.id'))
        .addColumn('assigned_at', 'timestamptz')
        .addColumn('transfers', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('extended_days', 'integer')
        .addColumn('extension_reason', 'text')
        .addColumn('draft_answer', 'text')
        .addColumn('drafted_by', 'bigint', (c) => c.references('app_user.id'))
        .addColumn('answer', 'text')
        .addColumn('approved_by', 'bigint', (c) => c.references('app_user.id'))
        .addColumn('approved_at', 'timestamptz')
        .addColumn('return_note', 'text')
        .addColumn('publish_due', 'date')
        .addColumn('published_by', 'bigint', (c) => c.references('app_user.id'))
        .addColumn('published_at', 'timestamptz')
        .addColumn('reject_reason', 'text')
        .addColumn('closed_at', 'timestamptz')
        .addColumn('hidden', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('hidden_reason', 'text')
        .addColumn('hidden_at', 'timestamptz')
        .addColumn('rating_stars', 'integer', (c) => c.check(sql`rating_stars between 1 and 5`))
        .addColumn('rating_solved', 'boolean')
        .addColumn('rated_at', 'timestamptz')
        .addColumn('repeat_of', 'bigint', (c) => c.references('feedback_case.id'))
        .addColumn('task_ref', 'text')
        .addColumn('created_by', 'bigint', (c) => c.references('app_user.id'))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await sql`create unique index feedback_case_external on feedback_case (province_code, source, external_code) where external_code is not null`.execute(
        db,
      );
      await db.schema.createIndex('feedback_case_received').on('feedback_case').columns(['province_code', 'received_at']).execute();
      await db.schema.createIndex('feedback_case_unit').on('feedback_case').columns(['lead_unit_id', 'status']).execute();
      await db.schema.createIndex('feedback_case_status').on('feedback_case').columns(['province_code', 'status', 'due_date']).execute();
      await db.schema.createIndex('feedback_case_repeat').on('feedback_case').column('repeat_of').execute();
      await db.schema
        .createTable('feedback_coordinator')
        .addColumn('case_id', 'bigint', (c) => c.notNull().references('feedback_case.id').onDelete('cascade'))
        .addColumn('unit_id', 'bigint', (c) => c.notNull().references('unit.id'))
        .addPrimaryKeyConstraint('feedback_coordinator_pk', ['case_id', 'unit_id'])
        .execute();
      await db.schema.createIndex('feedback_coordinator_unit').on('feedback_coordinator').column('unit_id').execute();
      await db.schema
        .createTable('feedback_event')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('case_id', 'bigint', (c) => c.notNull().references('feedback_case.id').onDelete('cascade'))
        .addColumn('at', 'timestamptz', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('is_public', 'boolean', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('unit_id', 'bigint', (c) => c.references('unit.id'))
        .addColumn('user_id', 'bigint', (c) => c.references('app_user.id'))
        .execute();
      await db.schema.createIndex('feedback_event_case').on('feedback_event').columns(['case_id', 'id']).execute();
      await db.schema
        .createTable('feedback_photo')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('case_id', 'bigint', (c) => c.notNull().references('feedback_case.id').onDelete('cascade'))
        .addColumn('sort_order', 'integer', (c) => c.notNull())
        .addColumn('width', 'integer', (c) => c.notNull())
        .addColumn('height', 'integer', (c) => c.notNull())
        .addColumn('is_public', 'boolean', (c) => c.notNull().defaultTo(false))
        .execute();
      await db.schema.createIndex('feedback_photo_case').on('feedback_photo').column('case_id').execute();
      await db.schema
        .createTable('feedback_challenge')
        .addColumn('signature', 'text', (c) => c.primaryKey())
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('feedback_day_counter')
        .addColumn('day', 'text', (c) => c.primaryKey())
        .addColumn('n', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('feedback_import')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('province_code', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('filename', 'text', (c) => c.notNull())
        .addColumn('rows', 'integer', (c) => c.notNull())
        .addColumn('created', 'integer', (c) => c.notNull())
        .addColumn('unchanged', 'integer', (c) => c.notNull())
        .addColumn('errors', 'integer', (c) => c.notNull())
        .addColumn('imported_by', 'bigint', (c) => c.references('app_user.id'))
        .addColumn('imported_at', 'timestamptz', (c) => c.notNull())
        .execute();
    },
  },
  '20261203_41_feedback_photo_cleaning': {
    async up(db: AnyDb) {
      // Photos are cleaned of their metadata after intake, by a background job; the ones stored so far are clean.
      await db.schema
        .alterTable('feedback_photo')
        .addColumn('cleaned', 'boolean', (c) => c.notNull().defaultTo(true))
        .execute();
      await sql`create index feedback_photo_pending on feedback_photo (id) where not cleaned`.execute(db);
    },
  },
};
