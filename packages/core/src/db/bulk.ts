/**
 * Bulk writes: one transaction on one connection, with PostgreSQL's COPY available, on both engines.
 * Imports of millions of rows use it; everything else goes through Kysely.
 */
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { CompiledQuery, type Kysely } from 'kysely';
import { parseCopyLine } from './copy-format';

export interface BulkConnection {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  /** Writes rows with `COPY table (columns) FROM STDIN`; each line is one row in COPY's text format (see `copyLine`). */
  copyIn(table: string, columns: readonly string[], lines: readonly string[]): Promise<void>;
}

export type BulkTransaction = <T>(fn: (conn: BulkConnection) => Promise<T>) => Promise<T>;

const copySql = (table: string, columns: readonly string[], source: string) => `COPY ${table} (${columns.join(', ')}) FROM ${source}`;

export function pgBulkTransaction(pool: pg.Pool): BulkTransaction {
  return async (fn) => {
    const client = await pool.connect();
    const conn: BulkConnection = {
      query: async (text, params) => (await client.query(text, params)).rows,
      copyIn: (table, columns, lines) =>
        new Promise<void>((resolve, reject) => {
          const stream = client.query(copyFrom(copySql(table, columns, 'STDIN')));
          stream.on('finish', resolve).on('error', reject);
          stream.end(lines.join('\n') + '\n');
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
        copyIn: async (table, columns, lines) => {
          await tx.query(copySql(table, columns, "'/dev/blob'"), [], { blob: new Blob([lines.join('\n') + '\n']) });
        },
      }),
    );
}

/**
 * The same contract inside a Kysely transaction (joining the caller's): demo seeding runs in the
 * first-start transaction, where a second connection would not see its rows. Rows go in as
 * parameterised multi-row INSERTs (values as text; PostgreSQL casts them to the columns' types).
 */
export function kyselyBulkTransaction(db: Kysely<never>): BulkTransaction {
  return (fn) => {
    const run = async (tx: Kysely<never>) => {
      const raw = tx.withoutPlugins();
      return fn({
        query: async (text, params) => (await raw.executeQuery(CompiledQuery.raw(text, (params ?? []) as unknown[]))).rows as never[],
        copyIn: async (table, columns, lines) => {
          const rows = lines.map(parseCopyLine);
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
