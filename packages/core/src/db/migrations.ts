import { sql, type Kysely } from 'kysely';
import { Migrator, type Migration } from 'kysely';
import type { Db } from './database';

/**
 * One migration set for PGlite and PostgreSQL. Each package exports its migrations keyed
 * `<yyyymmdd>_<nn>_<package>_<what>`; the server merges them and they run in key order.
 */
export type MigrationSet = Record<string, Migration>;

// Kysely migrations receive an untyped Kysely; they write DDL only.
type AnyDb = Kysely<unknown>;

export const coreMigrations: MigrationSet = {
  '20261123_01_core_base': {
    async up(db: AnyDb) {
      await db.schema
        .createTable('unit')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('short_name', 'text')
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('parent_id', 'bigint', (c) => c.references('unit.id'))
        .addColumn('province_code', 'text', (c) => c.notNull())
        .addColumn('valid_from', 'date')
        .addColumn('valid_to', 'date')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('is_local', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addCheckConstraint('unit_valid_range', sql`valid_to is null or valid_from is null or valid_to >= valid_from`)
        .execute();
      // A code names one unit at a time: current units have unique codes, historic ones are unique per start date.
      await sql`create unique index unit_code_current on unit (code) where valid_to is null`.execute(db);
      await sql`create unique index unit_code_period on unit (code, coalesce(valid_from, '0001-01-01'::date))`.execute(db);
      await db.schema.createIndex('unit_parent').on('unit').column('parent_id').execute();
      await db.schema.createIndex('unit_province').on('unit').columns(['province_code', 'type']).execute();

      await db.schema
        .createTable('unit_lineage')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('from_unit_id', 'bigint', (c) => c.notNull().references('unit.id'))
        .addColumn('to_unit_id', 'bigint', (c) => c.notNull().references('unit.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('effective_date', 'date', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addUniqueConstraint('unit_lineage_edge', ['from_unit_id', 'to_unit_id', 'effective_date'])
        .execute();
      await db.schema.createIndex('unit_lineage_to').on('unit_lineage').column('to_unit_id').execute();

      await db.schema
        .createTable('app_user')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('full_name', 'text', (c) => c.notNull())
        .addColumn('email', 'text')
        .addColumn('unit_id', 'bigint', (c) => c.notNull().references('unit.id'))
        .addColumn('password_hash', 'text')
        .addColumn('auth_provider', 'text', (c) => c.notNull().defaultTo('local'))
        .addColumn('external_id', 'text')
        .addColumn('is_active', 'boolean', (c) => c.notNull().defaultTo(true))
        .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', 'timestamptz')
        .addColumn('must_change_password', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await sql`create unique index app_user_external on app_user (auth_provider, external_id) where external_id is not null`.execute(db);

      await db.schema
        .createTable('user_role')
        .addColumn('user_id', 'bigint', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('user_role_pk', ['user_id', 'role'])
        .execute();

      await db.schema
        .createTable('session')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'bigint', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
        .addColumn('csrf_secret', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('ip', 'text')
        .addColumn('user_agent', 'text')
        .execute();

      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('actor_user_id', 'bigint')
        .addColumn('actor_username', 'text')
        .addColumn('actor_unit_id', 'bigint')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('entity_type', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text')
        .addColumn('unit_id', 'bigint')
        .addColumn('before', 'jsonb')
        .addColumn('after', 'jsonb')
        .addColumn('ip', 'text')
        .addColumn('request_id', 'text')
        .execute();
      await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
      await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['entity_type', 'entity_id']).execute();
      // Append-only: whoever connects, rows cannot be changed or removed.
      await sql`
        create function audit_log_append_only() returns trigger language plpgsql as $$
        begin raise exception 'audit_log is append-only'; end $$`.execute(db);
      await sql`
        create trigger audit_log_no_change before update or delete on audit_log
        for each row execute function audit_log_append_only()`.execute(db);

      await db.schema
        .createTable('calendar_day')
        .addColumn('date', 'date', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('day_off', 'makeup_workday')`))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('source', 'text')
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();

      await db.schema
        .createTable('app_setting')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
  },
  // TRUNCATE skips row triggers: a statement trigger refuses it too (the application's role may own the
  // table, so revoking the privilege alone would not hold; see README "Audit").
  '20261201_02_core_audit_no_truncate': {
    async up(db: AnyDb) {
      await sql`
        create trigger audit_log_no_truncate before truncate on audit_log
        for each statement execute function audit_log_append_only()`.execute(db);
    },
  },
  // Notifications belong to core (every module reminds); the directives module created the table first,
  // keyed by task. On such a database the task key becomes a subject (type + id); otherwise it is created.
  '20261202_01_core_notification': {
    async up(db: AnyDb) {
      await sql`
        create table if not exists notification (
          id bigserial primary key,
          user_id bigint not null references app_user(id),
          kind text not null,
          period_key text not null,
          title text not null,
          body text not null,
          link text,
          created_at timestamptz not null default now(),
          read_at timestamptz,
          email_status text not null default 'none',
          emailed_at timestamptz,
          email_error text
        )`.execute(db);
      await sql`alter table notification add column if not exists subject_type text, add column if not exists subject_id text`.execute(db);
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from information_schema.columns
        where table_schema = current_schema() and table_name = 'notification' and column_name = 'task_id'`.execute(db);
      if (rows[0]!.n > 0) {
        await sql`update notification set subject_type = 'task', subject_id = task_id::text where task_id is not null`.execute(db);
        await sql`alter table notification drop constraint if exists notification_once_uq`.execute(db);
        await sql`alter table notification drop column task_id`.execute(db);
      }
      await sql`
        alter table notification add constraint notification_once_uq
        unique nulls not distinct (user_id, kind, subject_type, subject_id, period_key)`.execute(db);
      await sql`create index if not exists notification_user_idx on notification (user_id, read_at)`.execute(db);
      await sql`create index if not exists notification_email_idx on notification (id) where email_status in ('pending', 'failed')`.execute(
        db,
      );
    },
  },
  // One attachment store for every module: bytes by SHA-256 (stored once), links from records to them.
  '20261202_02_core_files': {
    async up(db: AnyDb) {
      await db.schema
        .createTable('stored_file')
        .addColumn('sha256', 'text', (c) => c.primaryKey().check(sql`sha256 ~ '^[0-9a-f]{64}$'`))
        .addColumn('size', 'bigint', (c) => c.notNull())
        .addColumn('storage', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema
        .createTable('file_link')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('sha256', 'text', (c) => c.notNull().references('stored_file.sha256'))
        .addColumn('owner_type', 'text', (c) => c.notNull())
        .addColumn('owner_id', 'text', (c) => c.notNull())
        .addColumn('filename', 'text', (c) => c.notNull())
        .addColumn('mime', 'text', (c) => c.notNull())
        .addColumn('size', 'bigint', (c) => c.notNull())
        .addColumn('unit_id', 'bigint', (c) => c.references('unit.id'))
        .addColumn('uploaded_by', 'bigint', (c) => c.references('app_user.id'))
        .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema.createIndex('file_link_owner').on('file_link').columns(['owner_type', 'owner_id']).execute();
      await db.schema.createIndex('file_link_sha').on('file_link').column('sha256').execute();
    },
  },
  // One announced holiday was named in English in the source data: "Quốc khánh 2026 (5 days)".
  '20261204_70_core_calendar_names': {
    async up(db: AnyDb) {
      const pattern = '\\((\\d+) days\\)';
      await sql`update calendar_day set name = regexp_replace(name, ${pattern}, ${'(\\1 ngày)'}) where name ~ ${pattern}`.execute(db);
    },
  },
};

export async function migrateToLatest(db: Db, sets: MigrationSet[]): Promise<string[]> {
  const all: MigrationSet = Object.assign({}, ...sets);
  // Kysely looks for its bookkeeping tables in any schema unless told which: name ours (the search_path's
  // first), or a second schema on the same server (tests, several provinces) would think it is migrated.
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const migrator = new Migrator({
    db,
    migrationTableSchema: rows[0]!.schema,
    provider: { getMigrations: async () => all },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
