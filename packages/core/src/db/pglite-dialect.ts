/**
 * Kysely dialect for the embedded PGlite (Kysely 0.28, whose engines include Node 20, has none).
 * PGlite has one session: queries outside a transaction go to it directly (PGlite queues them), and a
 * transaction takes PGlite's exclusive lock so other requests wait for it rather than run inside it.
 * Each acquire gives a connection object of its own, so one request's transaction state never leaks
 * into another request's query.
 */
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';
import type { PGlite, Transaction } from '@electric-sql/pglite';

class PGliteAdapter extends PostgresAdapter {
  get supportsMultipleConnections(): boolean {
    return false;
  }
  // Migrations run at start-up from one process (the data directory is locked); nothing to lock here.
  override async acquireMigrationLock(): Promise<void> {}
  override async releaseMigrationLock(): Promise<void> {}
}

class PGliteConnection implements DatabaseConnection {
  private tx: Transaction | undefined;
  private finish: ((commit: boolean) => void) | undefined;
  private closed: Promise<unknown> | undefined;

  constructor(private readonly pglite: PGlite) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    // PGlite runs each query synchronously on this thread and starts the next queued one straight from
    // the last one's promise: a turn of the event loop first lets I/O, timers and other requests in
    // between queries (measured: event-loop delay p99 under a write burst 1,004 ms → see README).
    await new Promise<void>((resolve) => setImmediate(resolve));
    const { affectedRows, rows } = await (this.tx ?? this.pglite).query<R>(query.sql, query.parameters as unknown[], { rowMode: 'object' });
    return { numAffectedRows: affectedRows != null ? BigInt(affectedRows) : undefined, rows: rows ?? [] };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite không hỗ trợ truy vấn dạng luồng.');
  }

  async begin(): Promise<void> {
    let started!: () => void;
    const begun = new Promise<void>((resolve) => (started = resolve));
    const outcome = new Promise<boolean>((resolve) => (this.finish = resolve));
    this.closed = this.pglite.transaction(async (tx) => {
      this.tx = tx;
      started();
      if (!(await outcome)) await tx.rollback();
    });
    // A failure to begin rejects `closed` before `started` runs.
    await Promise.race([begun, this.closed.then(() => undefined)]);
  }

  async end(commit: boolean): Promise<void> {
    this.finish?.(commit);
    try {
      await this.closed;
    } finally {
      this.tx = undefined;
      this.finish = undefined;
      this.closed = undefined;
    }
  }
}

class PGliteDriver implements Driver {
  constructor(private readonly pglite: PGlite) {}
  async init(): Promise<void> {
    await this.pglite.waitReady;
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    return new PGliteConnection(this.pglite);
  }
  async beginTransaction(c: DatabaseConnection): Promise<void> {
    await (c as PGliteConnection).begin();
  }
  async commitTransaction(c: DatabaseConnection): Promise<void> {
    await (c as PGliteConnection).end(true);
  }
  async rollbackTransaction(c: DatabaseConnection): Promise<void> {
    await (c as PGliteConnection).end(false).catch(() => undefined);
  }
  async savepoint(c: DatabaseConnection, name: string): Promise<void> {
    await c.executeQuery(CompiledQuery.raw(`savepoint "${name}"`));
  }
  async rollbackToSavepoint(c: DatabaseConnection, name: string): Promise<void> {
    await c.executeQuery(CompiledQuery.raw(`rollback to savepoint "${name}"`));
  }
  async releaseSavepoint(c: DatabaseConnection, name: string): Promise<void> {
    await c.executeQuery(CompiledQuery.raw(`release savepoint "${name}"`));
  }
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {
    if (!this.pglite.closed) await this.pglite.close();
  }
}

export class PGliteDialect implements Dialect {
  constructor(private readonly config: { pglite: PGlite }) {}
  createAdapter(): DialectAdapter {
    return new PGliteAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.config.pglite);
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }
}
