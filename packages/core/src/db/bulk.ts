/**
 * Bulk writes: one transaction on one connection, with PostgreSQL's COPY available, on both engines.
 * Imports of millions of rows use it; everything else goes through Kysely.
 */
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { CompiledQuery, type Kysely } from 'kysely';

export type CopyValue = string | number | boolean | Date | null | undefined;

export interface BulkConnection {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  /** Writes rows (values in `columns` order) with `COPY table (columns) FROM STDIN`. */
  copyIn(table: string, columns: readonly string[], rows: readonly (readonly CopyValue[])[]): Promise<void>;
}

export type BulkTransaction = <T>(fn: (conn: BulkConnection) => Promise<T>) => Promise<T>;

const copySql = (table: string, columns: readonly string[], source: string) => `COPY ${table} (${columns.join(', ')}) FROM ${source}`;

export function pgBulkTransaction(pool: pg.Pool): BulkTransaction {
  return async (fn) => {
    const client = await pool.connect();
    const conn: BulkConnection = {
      query: async (text, params) => (await client.query(text, params)).rows,
      copyIn: (table, columns, rows) =>
        new Promise<void>((resolve, reject) => {
          const stream = client.query(copyFrom(copySql(table, columns, 'STDIN')));
          stream.on('finish', resolve).on('error', reject);
          stream.end(copyText(rows));
        }),
    };
    try {
      await client.query('BEGIN');
      const out = await fn(conn);
      await client.query('COMMIT');
      return out;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  };
}

export function pgliteBulkTransaction(pglite: PGlite): BulkTransaction {
  return (fn) =>
    pglite.transaction(async (tx: Transaction) =>
      fn({
        query: async (text, params) => (await tx.query(text, params)).rows as never[],
        copyIn: async (table, columns, rows) => {
          await tx.query(copySql(table, columns, "'/dev/blob'"), [], { blob: new Blob([copyText(rows)]) });
        },
      }),
    );
}

/**
 * The same contract inside a Kysely transaction (joining the caller's): demo seeding runs in the
 * first-start transaction, where a second connection would not see its rows. Rows go in as
 * parameterised multi-row INSERTs.
 */
export function kyselyBulkTransaction(db: Kysely<never>): BulkTransaction {
  return (fn) => {
    const run = async (tx: Kysely<never>) => {
      const raw = tx.withoutPlugins();
      return fn({
        query: async (text, params) => (await raw.executeQuery(CompiledQuery.raw(text, (params ?? []) as unknown[]))).rows as never[],
        copyIn: async (table, columns, rows) => {
          const per = Math.floor(60_000 / columns.length);
          for (let i = 0; i < rows.length; i += per) {
            const chunk = rows.slice(i, i + per);
            const params: unknown[] = [];
            const values = chunk.map((r) => `(${r.map((v) => `$${params.push(v ?? null)}`).join(', ')})`).join(', ');
            await raw.executeQuery(CompiledQuery.raw(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values}`, params));
          }
        },
      });
    };
    return db.isTransaction ? run(db) : db.transaction().execute(run);
  };
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One field in COPY's text format: `\N` for null, backslash escapes for the characters COPY reserves. */
export function copyField(v: CopyValue): string {
  if (v === null || v === undefined) return '\\N';
  switch (typeof v) {
    case 'string':
      return NEEDS_ESCAPE.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : v;
    case 'number':
      return String(v);
    case 'boolean':
      return v ? 't' : 'f';
    default:
      return v.toISOString();
  }
}

/** Rows → COPY text format. */
export function copyText(rows: readonly (readonly CopyValue[])[]): string {
  let out = '';
  for (const r of rows) {
    for (let i = 0; i < r.length; i++) out += (i ? '\t' : '') + copyField(r[i]);
    out += '\n';
  }
  return out;
}
