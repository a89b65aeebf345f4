/**
 * Writing one batch of an import (dossier.import.ts reads and prepares the rows): one transaction per
 * batch, new rows by COPY, changed rows through a staging table, their history by COPY.
 */
import { copyLine, type AppServices, type BulkConnection, type RequestContext } from '@cchc/core';
import type { RowError } from './dossier.row';
import { DOSSIER_COLUMNS, snapshotOfLine, type PreparedRow } from './dossier.parse';
import type { ImportOutcome, ImportRights } from './dossier.import';

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
export async function writeBatch(
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
