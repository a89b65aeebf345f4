import { CamelCasePlugin, Kysely, PostgresDialect, type KyselyPlugin } from 'kysely';
import { PGliteDialect } from './pglite-dialect';
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import type { CoreTables } from './core.tables';
import { acquireDataDirLock, type DataDirLock } from './lock';
import { pgBulkTransaction, pgliteBulkTransaction, type BulkTransaction } from './bulk';

/** The database every package sees. Modules extend it with their own tables through declaration merging. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Database extends CoreTables {}

export type Db = Kysely<Database>;
export type DbKind = 'pglite' | 'postgresql';

export interface DatabaseHandle {
  db: Db;
  kind: DbKind;
  /** The embedded engine, for what only it can do (COPY from a blob). */
  pglite?: PGlite;
  /** A transaction on one connection with COPY, for imports of millions of rows. */
  bulk: BulkTransaction;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** postgres://… ; when absent the embedded PGlite database is used. */
  databaseUrl?: string;
  /** PGlite data directory; `undefined` means in memory (tests). */
  dataDir?: string;
  /** PostgreSQL schema to use (tests give every file its own). */
  searchPath?: string;
  poolSize?: number;
  /** An embedded database to start from (a `dumpDataDir` tarball): tests copy one prepared template. */
  pgliteLoadDataDir?: Blob;
  /** Extra `initdb` arguments for a new embedded database (the test template's WAL segment size). */
  pgliteInitParams?: string[];
}

const OID = { INT8: 20, NUMERIC: 1700, DATE: 1082 } as const;

// Both drivers return the same JavaScript types: int8/numeric as number, date as 'YYYY-MM-DD' (PGlite's
// parsers are set where it is created).
pg.types.setTypeParser(OID.INT8, (v) => Number(v));
pg.types.setTypeParser(OID.NUMERIC, (v) => Number(v));
pg.types.setTypeParser(OID.DATE, (v) => v);

function plugins(): KyselyPlugin[] {
  return [new CamelCasePlugin({ maintainNestedObjectKeys: true })];
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      options: options.searchPath ? `-c search_path=${options.searchPath}` : undefined,
    });
    // An idle connection that the server drops (restart, failover, a DBA's terminate) emits 'error' on the
    // pool; unhandled, it would end the process. The pool replaces the connection on the next query.
    pool.on('error', (err) => console.error(`[cchc] kết nối CSDL đang rảnh bị đóng: ${err.message}`));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: plugins() });
    return { db, kind: 'postgresql', bulk: pgBulkTransaction(pool), close: () => db.destroy() };
  }
  let lock: DataDirLock | undefined;
  if (options.dataDir) lock = acquireDataDirLock(options.dataDir);
  try {
    // Loaded only when used: the embedded engine weighs ~40 MB that a PostgreSQL deployment does not need.
    const { PGlite, types } = await import('@electric-sql/pglite');
    const parsers = { [types.INT8]: (v: string) => Number(v), [types.NUMERIC]: (v: string) => Number(v), [types.DATE]: (v: string) => v };
    const pglite: PGlite = await PGlite.create({
      dataDir: options.dataDir,
      parsers,
      ...(options.pgliteLoadDataDir && { loadDataDir: options.pgliteLoadDataDir }),
      ...(options.pgliteInitParams && { initDbStartParams: options.pgliteInitParams }),
    });
    const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }), plugins: plugins() });
    return {
      db,
      kind: 'pglite',
      pglite,
      bulk: pgliteBulkTransaction(pglite),
      close: async () => {
        await db.destroy();
        lock?.release();
      },
    };
  } catch (err) {
    lock?.release();
    throw err;
  }
}

/** Runs `fn` in a transaction, joining the caller's when `db` already is one. */
export async function inTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}
