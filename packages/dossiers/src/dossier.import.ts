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
  copyLine,
  rowChunksOf,
  unitCodesInScope,
  recordAudit,
  type Actor,
  type AppServices,
  type BulkConnection,
  type Db,
  type RequestContext,
} from '@cchc/core';
import { resolveColumns, type Field, type RowError } from './dossier.row';
import { DOSSIER_COLUMNS, prepareRows, snapshotOfLine, type PreparedRow, type PrepareSetup } from './dossier.parse';
import { refreshRollups } from './dossier.stats';

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

const HISTORY_COLUMNS = ['dossier_id', 'import_id', 'changed_at', 'before', 'after', 'flagged'];

interface Existing {
  id: number;
  code: string;
  row_hash: string;
  last_import_id: number | null;
  finished_at: Date | null;
  appointment_at: Date | null;
  state: number | null;
  due_date: string | null;
  apology_at: Date | null;
  unit_code: string;
  procedure_code: string;
  received_month: string;
}

const UNIQUE_VIOLATION = '23505';

/**
 * One batch, one transaction: look the codes up, COPY the new rows straight into `dossier`, COPY the
 * changed ones into a temporary stage and update from it, COPY their history. A concurrent import that
 * inserted the same codes first makes COPY fail on the unique key; the batch is then simply redone.
 */
async function writeBatch(
  s: AppServices,
  ctx: RequestContext,
  importId: number,
  batch: PreparedRow[],
  out: ImportOutcome,
  addErrors: (e: RowError[]) => void,
  touched: Set<string>,
  mode: { optimistic: boolean },
  rights: ImportRights,
) {
  // Duplicate codes inside the batch: the first row wins, the others are reported.
  const firstRow = new Map<string, number>();
  const rows: PreparedRow[] = [];
  const duplicates: RowError[] = [];
  for (const b of batch) {
    const seen = firstRow.get(b.code);
    if (seen !== undefined) {
      duplicates.push({
        row: b.row,
        field: 'ma_ho_so',
        message: `Dòng ${b.row}, cột "ma_ho_so": mã hồ sơ "${b.code}" trùng với dòng ${seen} trong cùng tệp; dòng này không được nhập.`,
      });
    } else {
      firstRow.set(b.code, b.row);
      rows.push(b);
    }
  }
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await s.bulk((conn) => writeRows(conn, s, ctx, importId, rows, mode, rights));
      // A first load goes on writing optimistically; once rows turn out to exist, every batch looks first.
      if (result.inserted < rows.length) mode.optimistic = false;
      out.inserted += result.inserted;
      out.updated += result.updated;
      out.unchanged += result.unchanged;
      out.flagged += result.flagged;
      out.rejected += duplicates.length + result.errors.length;
      addErrors([...duplicates, ...result.errors]);
      for (const m of result.touched) touched.add(m);
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== UNIQUE_VIOLATION || attempt >= 3) throw err;
    }
  }
}

async function writeRows(
  conn: BulkConnection,
  s: AppServices,
  ctx: RequestContext,
  importId: number,
  rows: PreparedRow[],
  mode: { optimistic: boolean },
  rights: ImportRights,
) {
  const result = { inserted: 0, updated: 0, unchanged: 0, flagged: 0, errors: [] as RowError[], touched: new Set<string>() };
  if (mode.optimistic) {
    // Most batches of a first load are all new: COPY them without looking them up; the unique key
    // catches any that exist, and the batch falls back to the lookup below.
    await conn.query('SAVEPOINT optimistic');
    try {
      await conn.copyIn(
        'dossier',
        DOSSIER_COLUMNS,
        rows.map((r) => r.line),
      );
      for (const r of rows) result.touched.add(r.receivedMonth);
      result.inserted = rows.length;
      return result;
    } catch (err) {
      if ((err as { code?: string }).code !== UNIQUE_VIOLATION) throw err;
      await conn.query('ROLLBACK TO SAVEPOINT optimistic');
      mode.optimistic = false;
    }
  }
  const existing = await conn.query<Existing>(
    `select id, code, row_hash, last_import_id, finished_at, appointment_at, state, due_date, apology_at, unit_code, procedure_code, received_month
     from dossier where province_code = $1 and code = any($2::text[])`,
    [s.provinceCode, rows.map((r) => r.code)],
  );
  const byCode = new Map(existing.map((e) => [e.code, e]));
  const now = s.now();
  const inserts: string[] = [];
  const updates: string[] = [];
  const history: string[] = [];
  const moves: [string, string, string][] = [];
  for (const r of rows) {
    const e = byCode.get(r.code);
    if (!e) {
      inserts.push(r.line);
      result.touched.add(r.receivedMonth);
      continue;
    }
    if (Number(e.last_import_id) === importId) {
      result.errors.push({
        row: r.row,
        field: 'ma_ho_so',
        message: `Dòng ${r.row}, cột "ma_ho_so": mã hồ sơ "${r.code}" đã xuất hiện ở dòng trước trong cùng tệp; dòng này không được nhập.`,
      });
      continue;
    }
    if (rights.allowedUnits && !rights.allowedUnits.has(e.unit_code)) {
      // The dossier exists under a unit the importer may not see: refused without saying more about it.
      result.errors.push({
        row: r.row,
        field: 'ma_ho_so',
        message: `Dòng ${r.row}, cột "ma_ho_so": mã hồ sơ "${r.code}" thuộc đơn vị ngoài phạm vi của bạn; dòng này không được nhập.`,
      });
      continue;
    }
    if (e.row_hash === r.rowHash) {
      result.unchanged++;
      continue;
    }
    if (e.unit_code !== r.unitCode) {
      if (!rights.mayMoveUnits) {
        result.errors.push({
          row: r.row,
          field: 'ma_don_vi',
          message: `Dòng ${r.row}, cột "ma_don_vi": hồ sơ "${r.code}" đang thuộc đơn vị "${e.unit_code}"; chuyển hồ sơ sang đơn vị "${r.unitCode}" là thao tác cấp tỉnh (Sở Nội vụ), dòng này không được nhập.`,
        });
        continue;
      }
      moves.push([r.code, e.unit_code, r.unitCode]);
    }
    result.touched.add(e.received_month).add(r.receivedMonth);
    const before = {
      finishedAt: e.finished_at,
      appointmentAt: e.appointment_at,
      state: e.state,
      dueDate: e.due_date,
      apologyAt: e.apology_at,
      unitCode: e.unit_code,
      procedureCode: e.procedure_code,
    };
    const endChanged = e.finished_at !== null && r.finishedAt !== new Date(e.finished_at).getTime();
    if (endChanged) result.flagged++;
    updates.push(r.line);
    history.push(copyLine([e.id, importId, now, JSON.stringify(before), JSON.stringify(snapshotOfLine(r.line)), endChanged]));
  }
  if (inserts.length) await conn.copyIn('dossier', DOSSIER_COLUMNS, inserts);
  if (updates.length) {
    await conn.query(
      `create temp table if not exists dossier_stage on commit delete rows as select ${DOSSIER_COLUMNS.join(', ')} from dossier with no data`,
    );
    await conn.copyIn('dossier_stage', DOSSIER_COLUMNS, updates);
    // A changed end time on a closed dossier stays flagged until someone reviews it.
    await conn.query(
      `update dossier d set ${DOSSIER_COLUMNS.filter((c) => c !== 'province_code' && c !== 'code')
        .map((c) => `${c} = s.${c}`)
        .join(', ')},
         flagged = d.flagged or (d.finished_at is not null and d.finished_at is distinct from s.finished_at)
       from dossier_stage s where d.province_code = s.province_code and d.code = s.code`,
    );
    await conn.copyIn('dossier_history', HISTORY_COLUMNS, history);
  }
  // Moving a dossier to another unit is audited one row each, in the batch's transaction.
  for (const [code, from, to] of moves) {
    await conn.query(
      `insert into audit_log (actor_user_id, actor_username, actor_unit_id, action, entity_type, entity_id, before, after, ip, request_id)
       values ($1, $2, $3, 'dossier.move', 'dossier', $4, $5, $6, $7, $8)`,
      [
        ctx.actor?.userId ?? null,
        ctx.actor?.username ?? null,
        ctx.actor?.unitId ?? null,
        code,
        JSON.stringify({ unitCode: from, importId }),
        JSON.stringify({ unitCode: to, importId }),
        ctx.ip,
        ctx.requestId,
      ],
    );
  }
  result.inserted = inserts.length;
  result.updated = updates.length;
  return result;
}
