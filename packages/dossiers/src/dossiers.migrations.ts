import { sql, type Kysely } from 'kysely';
import type { MigrationSet } from '@cchc/core';
import { refreshRollups } from './dossier.stats';

type AnyDb = Kysely<unknown>;

export const dossiersMigrations: MigrationSet = {
  '20261124_20_dossiers': {
    async up(db: AnyDb) {
      await db.schema
        .createTable('dossier')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('province_code', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('procedure_code', 'text', (c) => c.notNull())
        .addColumn('procedure_name', 'text')
        .addColumn('unit_code', 'text', (c) => c.notNull())
        .addColumn('channel', 'smallint', (c) => c.notNull())
        .addColumn('received_at', 'timestamptz', (c) => c.notNull())
        .addColumn('appointment_at', 'timestamptz')
        .addColumn('finished_at', 'timestamptz')
        .addColumn('state', 'smallint')
        .addColumn('time_limit', 'numeric')
        .addColumn('time_unit', 'text')
        .addColumn('supplements', 'text')
        .addColumn('supplement_count', 'smallint', (c) => c.notNull())
        .addColumn('apology_at', 'timestamptz')
        .addColumn('new_appointment_at', 'timestamptz')
        .addColumn('official', 'text')
        .addColumn('late_cause', 'text')
        .addColumn('paid_online', 'boolean')
        .addColumn('digitised', 'boolean')
        .addColumn('electronic_result', 'boolean')
        .addColumn('received_date', 'date', (c) => c.notNull())
        .addColumn('received_month', 'text', (c) => c.notNull())
        .addColumn('finished_date', 'date')
        .addColumn('due_date', 'date')
        .addColumn('apology_deadline', 'date')
        .addColumn('apology_date', 'date')
        .addColumn('row_hash', 'text', (c) => c.notNull())
        .addColumn('flagged', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('last_import_id', 'bigint')
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .addUniqueConstraint('dossier_code_uq', ['province_code', 'code'])
        .execute();
      await db.schema.createIndex('dossier_received_idx').on('dossier').columns(['province_code', 'received_date']).execute();
      await db.schema
        .createIndex('dossier_unit_month_idx')
        .on('dossier')
        .columns(['province_code', 'unit_code', 'received_month'])
        .execute();
      await db.schema
        .createTable('dossier_history')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('dossier_id', 'bigint', (c) => c.notNull().references('dossier.id').onDelete('cascade'))
        .addColumn('import_id', 'bigint')
        .addColumn('changed_at', 'timestamptz', (c) => c.notNull())
        .addColumn('before', 'jsonb')
        .addColumn('after', 'jsonb')
        .addColumn('flagged', 'boolean', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('dossier_history_dossier_idx').on('dossier_history').columns(['dossier_id']).execute();
      await db.schema
        .createTable('dossier_import')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('province_code', 'text', (c) => c.notNull())
        .addColumn('filename', 'text', (c) => c.notNull())
        .addColumn('user_id', 'bigint')
        .addColumn('started_at', 'timestamptz', (c) => c.notNull())
        .addColumn('finished_at', 'timestamptz')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('inserted', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('unchanged', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('rejected', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('rows_read', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createTable('dossier_import_error')
        .addColumn('import_id', 'bigint', (c) => c.notNull().references('dossier_import.id').onDelete('cascade'))
        .addColumn('row', 'integer', (c) => c.notNull())
        .addColumn('field', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('dossier_mapping')
        .addColumn('id', 'serial', (c) => c.primaryKey())
        .addColumn('province_code', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('mapping', 'jsonb', (c) => c.notNull())
        .addColumn('created_by', 'bigint')
        .addUniqueConstraint('dossier_mapping_name_uq', ['province_code', 'name'])
        .execute();
      await db.schema
        .createTable('dossier_official766')
        .addColumn('unit_code', 'text', (c) => c.notNull())
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('group_code', 'text', (c) => c.notNull())
        .addColumn('points', 'numeric', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('entered_by', 'bigint')
        .addColumn('entered_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addPrimaryKeyConstraint('dossier_official766_pk', ['unit_code', 'period', 'group_code'])
        .execute();
    },
  },
  // Rollups for the overview at scale (see dossier.stats.ts): settled rows are summed once per import.
  '20261124_21_dossier_rollup': {
    async up(db: AnyDb) {
      await db.schema.alterTable('dossier').addColumn('settle_date', 'date').execute();
      await db.schema.createIndex('dossier_settle_idx').on('dossier').columns(['province_code', 'settle_date']).execute();
      await db.schema
        .createTable('dossier_rollup')
        .addColumn('province_code', 'text', (c) => c.notNull())
        .addColumn('unit_code', 'text', (c) => c.notNull())
        .addColumn('received_month', 'text', (c) => c.notNull())
        .addColumn('channel', 'smallint', (c) => c.notNull())
        .addColumn('settle_month', 'text', (c) => c.notNull())
        .addColumn('received', 'integer', (c) => c.notNull())
        .addColumn('early', 'integer', (c) => c.notNull())
        .addColumn('on_time', 'integer', (c) => c.notNull())
        .addColumn('late', 'integer', (c) => c.notNull())
        .addColumn('apologies', 'integer', (c) => c.notNull())
        .addColumn('compliant', 'integer', (c) => c.notNull())
        .addColumn('missing', 'integer', (c) => c.notNull())
        .addColumn('online', 'integer', (c) => c.notNull())
        .addColumn('sum_days', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('dossier_rollup_month_idx').on('dossier_rollup').columns(['province_code', 'received_month']).execute();
    },
  },
  // Settle day = the later of end and apology day (the due date does not change a closed dossier's
  // counts); the rollup goes from settle month to settle day, and keeps open dossiers too.
  '20261125_22_rollup_by_day': {
    async up(db: AnyDb) {
      await sql`update dossier set settle_date = case when finished_date is null then '9999-12-31'::date else greatest(finished_date, apology_date) end`.execute(
        db,
      );
      await db.schema.dropTable('dossier_rollup').execute();
      await db.schema
        .createTable('dossier_rollup')
        .addColumn('province_code', 'text', (c) => c.notNull())
        .addColumn('unit_code', 'text', (c) => c.notNull())
        .addColumn('received_month', 'text', (c) => c.notNull())
        .addColumn('channel', 'smallint', (c) => c.notNull())
        .addColumn('settle_date', 'date', (c) => c.notNull())
        .addColumn('due_date', 'date')
        .addColumn('apology_date', 'date')
        .addColumn('received', 'integer', (c) => c.notNull())
        .addColumn('early', 'integer', (c) => c.notNull())
        .addColumn('on_time', 'integer', (c) => c.notNull())
        .addColumn('late', 'integer', (c) => c.notNull())
        .addColumn('apologies', 'integer', (c) => c.notNull())
        .addColumn('compliant', 'integer', (c) => c.notNull())
        .addColumn('missing', 'integer', (c) => c.notNull())
        .addColumn('online', 'integer', (c) => c.notNull())
        .addColumn('sum_days', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('dossier_rollup_month_idx').on('dossier_rollup').columns(['province_code', 'received_month']).execute();
      const months = await sql<{
        provinceCode: string;
        receivedMonth: string;
      }>`select distinct province_code as "provinceCode", received_month as "receivedMonth" from dossier`.execute(db);
      const byProvince = new Map<string, string[]>();
      for (const r of months.rows) byProvince.set(r.provinceCode, [...(byProvince.get(r.provinceCode) ?? []), r.receivedMonth]);
      for (const [province, list] of byProvince) await refreshRollups(db as never, province, list);
    },
  },
  // Heartbeat and touched months: after a crash, interrupted imports are found and their months rebuilt.
  '20261201_23_import_heartbeat': {
    async up(db: AnyDb) {
      await db.schema.alterTable('dossier_import').addColumn('heartbeat_at', 'timestamptz').execute();
      await db.schema
        .alterTable('dossier_import')
        .addColumn('touched_months', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
        .execute();
    },
  },
  // A dossier without a due date that ended after fewer than two supplements is on time (DOMAIN §4, as
  // dossier.domain.ts says); the SQL rule used to leave it neither on time nor late. Its months are rebuilt.
  '20261202_25_rollup_no_due_date': {
    async up(db: AnyDb) {
      const rows = await sql<{ provinceCode: string; month: string }>`
        select distinct province_code as "provinceCode", received_month as month from dossier where due_date is null`.execute(db);
      const byProvince = new Map<string, string[]>();
      for (const r of rows.rows) byProvince.set(r.provinceCode, [...(byProvince.get(r.provinceCode) ?? []), r.month]);
      for (const [province, months] of byProvince) await refreshRollups(db as never, province, months);
    },
  },
  // The applicant's contact as a keyed hash (never the number), so a survey can sample people, not dossiers.
  '20261205_80_dossier_applicant': {
    async up(db: AnyDb) {
      await db.schema.alterTable('dossier').addColumn('applicant_key', 'text').execute();
    },
  },
};
