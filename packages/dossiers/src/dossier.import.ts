/**
 * Streaming import of dossier exports (CSV UTF-8 or XLSX, first sheet). Rows are read one by one and
 * written with COPY in batches of 5,000, each batch in its own transaction, so memory stays flat and a failure
 * never leaves a batch half-written. Idempotent by `ma_ho_so`: insert, update (changed row) or unchanged.
 * A changed end time on a dossier already closed is kept in its history and flagged for review.
 */
import type { Readable } from 'node:stream';
import { sql } from 'kysely';
import {
  AppError,
  authorize,
  can,
  rowChunksOf,
  unitCodesInScope,
  recordAudit,
  type Actor,
  type AppServices,
  type Db,
  type RequestContext,
} from '@cchc/core';
import { resolveColumns, type Field, type RowError } from './dossier.row';
import { prepareRows, type PreparedRow, type PrepareSetup } from './dossier.parse';
import { refreshRollups } from './dossier.stats';
import { writeBatch } from './dossier.batch';

export const BATCH_SIZE = 5_000;
/** A province-year export is ~250 MB per million dossiers; the import streams, so the limit is generous. */
export const MAX_DOSSIER_IMPORT_BYTES = 8 * 1024 ** 3;
/**
 * Rows prepared at a time (~3 ms of work). Between blocks the event loop turns, so the batch being
 * COPYed keeps flowing to the database while the next one is prepared (measured on 1 M rows through the
 * API: the parser waited 7.7 s for batches with blocks of 1,000, 2.4 s with blocks of 250).
 */
const PARSE_BLOCK = 250;
const MAX_ERRORS_IN_REPLY = 1000;

export interface ImportOutcome {
  importId: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  flagged: number;
  rowsRead: number;
  errors: RowError[];
  errorsTotal: number;
}

export interface ImportInput {
  filename: string;
  stream: Readable;
  mapping?: Partial<Record<Field, string>>;
}

export async function importDossiers(s: AppServices, ctx: RequestContext, actor: Actor, input: ImportInput): Promise<ImportOutcome> {
  authorize(actor, 'dossier.import');
  const codes = await unitCodesInScope(s.db, actor);
  return runDossierImport(s, ctx, actor.userId, input, { allowedUnits: codes && new Set(codes), mayMoveUnits: can(actor, 'dossier.move') });
}

/** What an importer may change: dossiers of their units only, and moving one to another unit (province level). */
export interface ImportRights {
  allowedUnits: ReadonlySet<string> | null;
  mayMoveUnits: boolean;
}

const SYSTEM_RIGHTS: ImportRights = { allowedUnits: null, mayMoveUnits: true };

export async function unitCodesOf(db: Db, provinceCode: string): Promise<Set<string>> {
  const rows = await db.selectFrom('unit').select('code').where('provinceCode', '=', provinceCode).where('validTo', 'is', null).execute();
  return new Set(rows.map((r) => r.code));
}

export async function runDossierImport(
  s: AppServices,
  ctx: RequestContext,
  userId: number | null,
  input: ImportInput,
  rights: ImportRights = SYSTEM_RIGHTS,
): Promise<ImportOutcome> {
  const db = s.db;
  const cal = s.calendar();
  const units = await unitCodesOf(db, s.provinceCode);
  const { id: importId } = await db
    .insertInto('dossierImport')
    .values({ provinceCode: s.provinceCode, filename: input.filename, userId, startedAt: s.now(), heartbeatAt: s.now(), status: 'running' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const out: ImportOutcome = {
    importId,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    flagged: 0,
    rowsRead: 0,
    errors: [],
    errorsTotal: 0,
  };
  const pendingErrors: RowError[] = [];
  const addErrors = (errs: RowError[]) => {
    out.errorsTotal += errs.length;
    for (const e of errs) if (out.errors.length < MAX_ERRORS_IN_REPLY) out.errors.push(e);
    pendingErrors.push(...errs);
  };
  const flushErrors = async () => {
    for (let i = 0; i < pendingErrors.length; i += 1000) {
      await db
        .insertInto('dossierImportError')
        .values(pendingErrors.slice(i, i + 1000).map((e) => ({ importId, ...e })))
        .execute();
    }
    pendingErrors.length = 0;
  };

  let header: string[] | null = null;
  let headerError: string | null = null;
  let setup: PrepareSetup | undefined;
  let batch: PreparedRow[] = [];
  let rowNo = 1;
  let pending: string[][] = [];
  let pendingFrom = 2;
  let written = 1; // the last row whose batch is committed
  let inflight: Promise<void> | undefined;
  const touched = new Set<string>();
  const mode = { optimistic: true };

  // Rows are prepared in blocks and gather into batches; each batch is written while the following rows
  // are read and prepared. Writes stay in order, one batch at a time.
  const write = async () => {
    const ready = batch;
    batch = [];
    await inflight;
    inflight = (async () => {
      await writeBatch(s, ctx, importId, ready, out, addErrors, touched, mode, rights);
      written = ready[ready.length - 1]!.row;
      await flushErrors();
      await db
        .updateTable('dossierImport')
        .set({ rowsRead: out.rowsRead, heartbeatAt: s.now(), touchedMonths: [...touched].sort() })
        .where('id', '=', importId)
        .execute();
    })();
    inflight.catch(() => undefined); // awaited later; this only avoids an unhandled-rejection warning meanwhile
  };
  const submit = async () => {
    if (!pending.length) return;
    // A turn of the event loop: an upload's buffered chunks arrive as microtasks, and without it the
    // batch being COPYed would wait in the socket until the parse ran out of input.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const prepared = prepareRows(pending, pendingFrom, setup!);
    pending = [];
    pendingFrom = rowNo + 1;
    for (const r of prepared) {
      if ('errors' in r) {
        out.rejected++;
        addErrors(r.errors);
      } else batch.push(r);
      if (batch.length >= BATCH_SIZE) await write();
    }
  };

  try {
    for await (const chunk of rowChunksOf(input.stream, input.filename)) {
      for (const cells of chunk) {
        if (!header) {
          header = cells;
          const r = resolveColumns(cells, input.mapping);
          setup = {
            columns: r.columns,
            calendar: cal,
            unitCodes: units,
            allowedUnits: rights.allowedUnits,
            provinceCode: s.provinceCode,
            importId,
            stamp: s.now().toISOString(),
          };
          if (r.missing.length) {
            headerError = `Dòng 1 (tiêu đề): thiếu cột ${r.missing.join(', ')}. Không có dòng nào được nhập; hãy sửa tệp hoặc khai báo ánh xạ cột.`;
            addErrors([{ row: 1, field: 'header', message: headerError }]);
          }
          continue;
        }
        rowNo++;
        out.rowsRead++;
        if (headerError) out.rejected++;
        else pending.push(cells);
      }
      if (pending.length >= PARSE_BLOCK) await submit();
    }
    await submit();
    if (batch.length) await write();
    await inflight;
    if (!header) addErrors([{ row: 1, field: 'header', message: 'Tệp rỗng: không có dòng tiêu đề.' }]);
    await flushErrors();
  } catch (err) {
    await inflight?.catch(() => undefined);
    if (err instanceof AppError && out.rowsRead === 0) {
      // The file was refused before any row (not a spreadsheet, a compression bomb, too large): a 4xx, nothing written.
      await db.updateTable('dossierImport').set({ finishedAt: s.now(), status: 'refused' }).where('id', '=', importId).execute();
      await recordAudit(db, ctx, 'dossier.import', {
        entityType: 'dossier_import',
        entityId: importId,
        after: { file: input.filename, refused: err.message },
      });
      throw err;
    }
    // A stream, parse or database failure ends the import; batches already committed stay, and the report says where it stopped.
    const reason =
      (err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE'
        ? `tệp lớn hơn ${MAX_DOSSIER_IMPORT_BYTES / 1024 ** 3} GB`
        : err instanceof AppError
          ? err.message
          : (err as { code?: string }).code === 'ECONNRESET' || (err as Error).message === 'aborted'
            ? 'kết nối tải tệp bị ngắt giữa chừng'
            : `lỗi hệ thống khi ghi dữ liệu, mã lần nhập ${importId}`;
    if (!(err instanceof AppError)) console.error(`[cchc] dossier import ${importId} stopped`, err);
    addErrors([
      {
        row: written + 1,
        field: '*',
        message: `Dòng ${written + 1}: dừng nhập (${reason}). Các dòng trước đó đã được ghi trọn vẹn; chạy lại cùng tệp sẽ tiếp tục mà không tạo bản ghi trùng.`,
      },
    ]);
    await flushErrors();
  }
  if (touched.size) {
    await refreshRollups(db, s.provinceCode, [...touched]);
    if (out.inserted + out.updated > 10_000) {
      // After a large load: fresh planner statistics, so reports pick the settle-date index for the raw
      // part; and the rewritten rollup vacuumed now rather than by an autovacuum under the first reports
      // (VACUUM cannot run inside the demo's first-start transaction).
      await sql`analyze dossier`.execute(db);
      if (!db.isTransaction) await sql`vacuum (analyze) dossier_rollup`.execute(db);
    }
  }
  await db
    .updateTable('dossierImport')
    .set({
      finishedAt: s.now(),
      status: 'done',
      inserted: out.inserted,
      updated: out.updated,
      unchanged: out.unchanged,
      rejected: out.rejected,
      rowsRead: out.rowsRead,
    })
    .where('id', '=', importId)
    .execute();
  await recordAudit(db, ctx, 'dossier.import', {
    entityType: 'dossier_import',
    entityId: importId,
    after: {
      file: input.filename,
      rowsRead: out.rowsRead,
      inserted: out.inserted,
      updated: out.updated,
      unchanged: out.unchanged,
      rejected: out.rejected,
      flagged: out.flagged,
    },
  });
  return out;
}
