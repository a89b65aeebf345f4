/**
 * Streaming import of dossier exports (CSV UTF-8 or XLSX, first sheet). Rows are read one by one and
 * written in batches of 1,000, each batch in its own transaction, so memory stays flat and a failure
 * never leaves a batch half-written. Idempotent by `ma_ho_so`: insert, update (changed row) or unchanged.
 * A changed end time on a dossier already closed is kept in its history and flagged for review.
 */
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { sql } from 'kysely';
import ExcelJS from 'exceljs';
import { authorize, inTransaction, recordAudit, type Actor, type AppServices, type Db, type RequestContext } from '@cchc/core';
import { parseRow, resolveColumns, type DossierRecord, type Field, type RowError } from './dossier.row';
import { refreshRollups } from './dossier.stats';

export const BATCH_SIZE = 1000;
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

async function* csvRows(stream: Readable): AsyncGenerator<string[]> {
  const parser = stream.pipe(parse({ bom: true, relaxColumnCount: true, skipEmptyLines: true, relaxQuotes: true }));
  for await (const rec of parser) yield rec as string[];
}

function xlsxCell(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 19); // Excel keeps wall-clock time; exceljs hands it over as UTC
  if (typeof v === 'object') {
    if ('result' in v) return xlsxCell(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
  }
  return String(v);
}

async function* xlsxRows(stream: Readable): AsyncGenerator<string[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit' });
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      const values = row.values as ExcelJS.CellValue[];
      yield values.slice(1).map(xlsxCell);
    }
    break; // the first sheet only
  }
}

export function rowsOf(stream: Readable, filename: string): AsyncGenerator<string[]> {
  return /\.xlsx$/i.test(filename) ? xlsxRows(stream) : csvRows(stream);
}

export interface ImportInput {
  filename: string;
  stream: Readable;
  mapping?: Partial<Record<Field, string>>;
}

export async function importDossiers(s: AppServices, ctx: RequestContext, actor: Actor, input: ImportInput): Promise<ImportOutcome> {
  authorize(actor, 'dossier.import');
  return runDossierImport(s, ctx, actor.userId, input);
}

export async function unitCodesOf(db: Db, provinceCode: string): Promise<Set<string>> {
  const rows = await db.selectFrom('unit').select('code').where('provinceCode', '=', provinceCode).where('validTo', 'is', null).execute();
  return new Set(rows.map((r) => r.code));
}

export async function runDossierImport(s: AppServices, ctx: RequestContext, userId: number | null, input: ImportInput): Promise<ImportOutcome> {
  const db = s.db;
  const cal = s.calendar();
  const units = await unitCodesOf(db, s.provinceCode);
  const { id: importId } = await db.insertInto('dossierImport')
    .values({ provinceCode: s.provinceCode, filename: input.filename, userId, startedAt: s.now(), status: 'running' }).returning('id').executeTakeFirstOrThrow();
  const out: ImportOutcome = { importId, inserted: 0, updated: 0, unchanged: 0, rejected: 0, flagged: 0, rowsRead: 0, errors: [], errorsTotal: 0 };
  const pendingErrors: RowError[] = [];
  const addErrors = (errs: RowError[]) => {
    out.errorsTotal += errs.length;
    for (const e of errs) if (out.errors.length < MAX_ERRORS_IN_REPLY) out.errors.push(e);
    pendingErrors.push(...errs);
  };
  const flushErrors = async () => {
    for (let i = 0; i < pendingErrors.length; i += 1000) {
      await db.insertInto('dossierImportError').values(pendingErrors.slice(i, i + 1000).map((e) => ({ importId, ...e }))).execute();
    }
    pendingErrors.length = 0;
  };

  let header: string[] | null = null;
  let columns: ReturnType<typeof resolveColumns>['columns'] = {};
  let headerError: string | null = null;
  let batch: { row: number; record: DossierRecord }[] = [];
  let rowNo = 1;
  let inflight: Promise<void> | undefined;
  const touched = new Set<string>();
  try {
    for await (const cells of rowsOf(input.stream, input.filename)) {
      if (!header) {
        header = cells;
        const r = resolveColumns(cells, input.mapping);
        columns = r.columns;
        if (r.missing.length) {
          headerError = `Dòng 1 (tiêu đề): thiếu cột ${r.missing.join(', ')}. Không có dòng nào được nhập; hãy sửa tệp hoặc khai báo ánh xạ cột.`;
          addErrors([{ row: 1, field: 'header', message: headerError }]);
        }
        continue;
      }
      rowNo++;
      out.rowsRead++;
      if (headerError) {
        out.rejected++;
        continue;
      }
      const parsed = parseRow(cells, columns, rowNo, cal, units);
      if ('errors' in parsed) {
        out.rejected++;
        addErrors(parsed.errors);
      } else batch.push({ row: rowNo, record: parsed.record });
      if (batch.length >= BATCH_SIZE) {
        // Writes stay in order (one batch at a time) while the next batch is parsed: on a database
        // server the two overlap.
        const ready = batch;
        batch = [];
        await inflight;
        inflight = (async () => {
          await writeBatch(s, importId, ready, out, addErrors, touched);
          await flushErrors();
          await db.updateTable('dossierImport').set({ rowsRead: out.rowsRead }).where('id', '=', importId).execute();
        })();
        inflight.catch(() => undefined); // awaited below; this only avoids an unhandled-rejection warning meanwhile
      }
    }
    await inflight;
    if (!header) addErrors([{ row: 1, field: 'header', message: 'Tệp rỗng: không có dòng tiêu đề.' }]);
    if (batch.length) await writeBatch(s, importId, batch, out, addErrors, touched);
    await flushErrors();
  } catch (err) {
    await inflight?.catch(() => undefined);
    // A stream, parse or database failure ends the import; batches already committed stay, and the report says where it stopped.
    addErrors([{ row: rowNo + 1, field: '*', message: `Dòng ${rowNo + 1}: dừng nhập (${(err as Error).message}). Các lô trước đó đã được ghi trọn vẹn; chạy lại cùng tệp sẽ tiếp tục mà không tạo bản ghi trùng.` }]);
    await flushErrors();
  }
  if (touched.size) {
    await refreshRollups(db, s.provinceCode, [...touched]);
    // Fresh planner statistics after a large load, so reports pick the settle-date index for the raw part.
    if (out.inserted + out.updated > 10_000) await sql`analyze dossier`.execute(db);
  }
  await db.updateTable('dossierImport').set({
    finishedAt: s.now(), status: 'done', inserted: out.inserted, updated: out.updated, unchanged: out.unchanged, rejected: out.rejected, rowsRead: out.rowsRead,
  }).where('id', '=', importId).execute();
  await recordAudit(db, ctx, 'dossier.import', {
    entityType: 'dossier_import', entityId: importId,
    after: { file: input.filename, rowsRead: out.rowsRead, inserted: out.inserted, updated: out.updated, unchanged: out.unchanged, rejected: out.rejected, flagged: out.flagged },
  });
  return out;
}

const SNAPSHOT = (r: Pick<DossierRecord, 'finishedAt' | 'appointmentAt' | 'state' | 'dueDate' | 'apologyAt' | 'unitCode' | 'procedureCode'>) => ({
  finishedAt: r.finishedAt, appointmentAt: r.appointmentAt, state: r.state, dueDate: r.dueDate, apologyAt: r.apologyAt, unitCode: r.unitCode, procedureCode: r.procedureCode,
});

async function writeBatch(
  s: AppServices, importId: number, batch: { row: number; record: DossierRecord }[], out: ImportOutcome, addErrors: (e: RowError[]) => void, touched: Set<string>,
) {
  // Duplicate codes inside the batch: the first row wins, the others are reported.
  const firstRow = new Map<string, number>();
  const rows: { row: number; record: DossierRecord }[] = [];
  for (const b of batch) {
    const seen = firstRow.get(b.record.code);
    if (seen !== undefined) {
      out.rejected++;
      addErrors([{ row: b.row, field: 'ma_ho_so', message: `Dòng ${b.row}, cột "ma_ho_so": mã hồ sơ "${b.record.code}" trùng với dòng ${seen} trong cùng tệp; dòng này không được nhập.` }]);
    } else {
      firstRow.set(b.record.code, b.row);
      rows.push(b);
    }
  }
  await inTransaction(s.db, async (tx) => {
    const existing = await tx.selectFrom('dossier')
      .select(['id', 'code', 'rowHash', 'finishedAt', 'appointmentAt', 'state', 'dueDate', 'apologyAt', 'unitCode', 'procedureCode', 'lastImportId', 'receivedMonth'])
      .where('provinceCode', '=', s.provinceCode).where('code', 'in', rows.map((r) => r.record.code)).execute();
    const byCode = new Map(existing.map((e) => [e.code, e]));
    const now = s.now();
    const inserts: DossierRecord[] = [];
    const updates: DossierRecord[] = [];
    const history: { dossierId: number; importId: number; changedAt: Date; before: string; after: string; flagged: boolean }[] = [];
    let batchInserted = 0, batchUpdated = 0, batchUnchanged = 0, batchRejected = 0, batchFlagged = 0;
    for (const { row, record } of rows) {
      const e = byCode.get(record.code);
      if (!e) { inserts.push(record); batchInserted++; touched.add(record.receivedMonth); continue; }
      if (e.lastImportId === importId) {
        batchRejected++;
        addErrors([{ row, field: 'ma_ho_so', message: `Dòng ${row}, cột "ma_ho_so": mã hồ sơ "${record.code}" đã xuất hiện ở dòng trước trong cùng tệp; dòng này không được nhập.` }]);
        continue;
      }
      if (e.rowHash === record.rowHash) { batchUnchanged++; continue; }
      touched.add(e.receivedMonth).add(record.receivedMonth);
      const endChanged = e.finishedAt !== null && (record.finishedAt?.getTime() ?? null) !== e.finishedAt.getTime();
      if (endChanged) batchFlagged++;
      updates.push(record);
      history.push({ dossierId: e.id, importId, changedAt: now, before: JSON.stringify(SNAPSHOT(e)), after: JSON.stringify(SNAPSHOT(record)), flagged: endChanged });
      batchUpdated++;
    }
    const all = [...inserts, ...updates].map((r) => ({ ...r, provinceCode: s.provinceCode, lastImportId: importId, updatedAt: now }));
    if (all.length) {
      await tx.insertInto('dossier').values(all).onConflict((oc) => oc.columns(['provinceCode', 'code']).doUpdateSet((eb) => ({
        procedureCode: eb.ref('excluded.procedureCode'), procedureName: eb.ref('excluded.procedureName'), unitCode: eb.ref('excluded.unitCode'),
        channel: eb.ref('excluded.channel'), receivedAt: eb.ref('excluded.receivedAt'), appointmentAt: eb.ref('excluded.appointmentAt'),
        finishedAt: eb.ref('excluded.finishedAt'), state: eb.ref('excluded.state'), timeLimit: eb.ref('excluded.timeLimit'), timeUnit: eb.ref('excluded.timeUnit'),
        supplements: eb.ref('excluded.supplements'), supplementCount: eb.ref('excluded.supplementCount'), apologyAt: eb.ref('excluded.apologyAt'),
        newAppointmentAt: eb.ref('excluded.newAppointmentAt'), official: eb.ref('excluded.official'), lateCause: eb.ref('excluded.lateCause'),
        paidOnline: eb.ref('excluded.paidOnline'), digitised: eb.ref('excluded.digitised'), electronicResult: eb.ref('excluded.electronicResult'),
        receivedDate: eb.ref('excluded.receivedDate'), receivedMonth: eb.ref('excluded.receivedMonth'), finishedDate: eb.ref('excluded.finishedDate'),
        dueDate: eb.ref('excluded.dueDate'), apologyDeadline: eb.ref('excluded.apologyDeadline'), apologyDate: eb.ref('excluded.apologyDate'),
        settleDate: eb.ref('excluded.settleDate'),
        rowHash: eb.ref('excluded.rowHash'), lastImportId: eb.ref('excluded.lastImportId'), updatedAt: eb.ref('excluded.updatedAt'),
        flagged: sql<boolean>`dossier.flagged or (dossier.finished_at is not null and dossier.finished_at is distinct from excluded.finished_at)`,
      }))).execute();
    }
    if (history.length) await tx.insertInto('dossierHistory').values(history).execute();
    out.inserted += batchInserted;
    out.updated += batchUpdated;
    out.unchanged += batchUnchanged;
    out.rejected += batchRejected;
    out.flagged += batchFlagged;
  });
}
