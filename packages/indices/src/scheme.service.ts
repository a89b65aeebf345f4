import {
  AppError,
  authorize,
  readFirstSheet,
  recordAudit,
  tablesToXlsx,
  type Actor,
  type AppServices,
  type RequestContext,
} from '@cchc/core';
import * as repo from './indices.repository';
import { parseDecimal } from './indices.domain';
import type { RowError } from './import.parse';

export async function listSchemes(s: AppServices, actor: Actor) {
  authorize(actor, 'index_result.read');
  const schemes = await repo.listSchemes(s.db);
  return Promise.all(schemes.map(async (sc) => ({ ...sc, components: await repo.components(s.db, sc.id) })));
}

async function loadScheme(s: AppServices, id: number) {
  const scheme = await repo.getScheme(s.db, id);
  if (!scheme) throw new AppError('NOT_FOUND', `Không có phương pháp số ${id}.`, 404);
  return scheme;
}

export interface ComponentInput {
  code: string;
  parentCode: string | null;
  name: string;
  minPoints: number | null;
  maxPoints: number | null;
}

/** Checks a component tree; messages name the row (1-based, as in the table or the XLSX file). */
export function validateComponents(rows: ComponentInput[], rowOffset = 1): RowError[] {
  const errors: RowError[] = [];
  const codes = new Set<string>();
  rows.forEach((r, i) => {
    const row = i + rowOffset;
    if (!r.code.trim()) errors.push({ row, field: 'code', message: `Dòng ${row}, cột "mã": không được để trống.` });
    else if (codes.has(r.code)) errors.push({ row, field: 'code', message: `Dòng ${row}, cột "mã": "${r.code}" bị trùng.` });
    codes.add(r.code);
    if (!r.name.trim()) errors.push({ row, field: 'name', message: `Dòng ${row}, cột "tên": không được để trống.` });
    if (r.minPoints !== null && r.maxPoints !== null && r.minPoints > r.maxPoints) {
      errors.push({
        row,
        field: 'maxPoints',
        message: `Dòng ${row}: điểm tối đa (${r.maxPoints}) nhỏ hơn điểm tối thiểu (${r.minPoints}).`,
      });
    }
  });
  rows.forEach((r, i) => {
    if (r.parentCode && !codes.has(r.parentCode)) {
      errors.push({
        row: i + rowOffset,
        field: 'parentCode',
        message: `Dòng ${i + rowOffset}, cột "mã cấp trên": "${r.parentCode}" không có trong bảng.`,
      });
    }
  });
  return errors;
}

export async function replaceSchemeComponents(s: AppServices, ctx: RequestContext, actor: Actor, id: number, rows: ComponentInput[]) {
  authorize(actor, 'index_scheme.update');
  const scheme = await loadScheme(s, id);
  const errors = validateComponents(rows);
  if (errors.length) throw new AppError('INVALID_COMPONENTS', errors.map((e) => e.message).join(' '), 400, { errors });
  await s.db.transaction().execute(async (tx) => {
    const before = await repo.components(tx, id);
    await repo.replaceComponents(tx, id, rows);
    await recordAudit(tx, ctx, 'index_scheme.update', {
      entityType: 'index_scheme',
      entityId: id,
      before: { components: before },
      after: { components: rows },
    });
  });
  return { ...scheme, components: await repo.components(s.db, id) };
}

const XLSX_COLUMNS = [
  { header: 'Mã', key: 'code', width: 10 },
  { header: 'Mã cấp trên', key: 'parentCode', width: 12 },
  { header: 'Tên', key: 'name', width: 70 },
  { header: 'Điểm tối thiểu', key: 'minPoints', width: 14 },
  { header: 'Điểm tối đa', key: 'maxPoints', width: 14 },
];

export async function exportSchemeXlsx(s: AppServices, actor: Actor, id: number): Promise<{ filename: string; data: Buffer }> {
  authorize(actor, 'index_result.read');
  const scheme = await loadScheme(s, id);
  const rows = await repo.components(s.db, id);
  const data = await tablesToXlsx([{ name: 'Phương pháp', columns: XLSX_COLUMNS, rows }]);
  return { filename: `phuong-phap-${scheme.indexCode}-${scheme.decision.replace(/[^\w-]+/g, '_')}.xlsx`, data };
}

/** Loads a scheme's tree from XLSX (the layout of the export); all or nothing. */
export async function importSchemeXlsx(s: AppServices, ctx: RequestContext, actor: Actor, id: number, data: Buffer) {
  authorize(actor, 'index_scheme.update');
  await loadScheme(s, id);
  let table: (string | number | null)[][];
  try {
    table = await readFirstSheet(data, 'tệp phương pháp');
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('UNREADABLE_FILE', 'Không đọc được tệp XLSX. Hãy dùng tệp xuất từ hệ thống làm mẫu.');
  }
  const header = (table[0] ?? []).map((h) => String(h ?? '').trim());
  const expected = XLSX_COLUMNS.map((c) => c.header);
  if (expected.some((h, i) => header[i] !== h)) {
    throw new AppError('WRONG_FILE_KIND', `Dòng 1 phải có các cột: ${expected.join(', ')}. Không có thay đổi nào được lưu.`);
  }
  const errors: RowError[] = [];
  const rows: ComponentInput[] = [];
  table.slice(1).forEach((cells, i) => {
    const row = i + 2;
    if (!cells.some((c) => c !== null && c !== '')) return;
    const num = (v: unknown, field: string) => {
      const n = parseDecimal(v);
      if (n !== null && Number.isNaN(n)) errors.push({ row, field, message: `Dòng ${row}, cột "${field}": "${v}" không phải số.` });
      return n !== null && !Number.isNaN(n) ? n : null;
    };
    rows.push({
      code: String(cells[0] ?? '').trim(),
      parentCode: cells[1] ? String(cells[1]).trim() : null,
      name: String(cells[2] ?? '').trim(),
      minPoints: num(cells[3], 'Điểm tối thiểu'),
      maxPoints: num(cells[4], 'Điểm tối đa'),
    });
  });
  errors.push(...validateComponents(rows, 2));
  if (errors.length)
    throw new AppError('INVALID_COMPONENTS', `Tệp có ${errors.length} lỗi, không có thay đổi nào được lưu.`, 400, { errors });
  return replaceSchemeComponents(s, ctx, actor, id, rows);
}
