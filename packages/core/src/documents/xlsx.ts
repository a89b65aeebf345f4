import ExcelJS from 'exceljs';
import { AppError } from '../errors';
import { LOADED_OFFICE_LIMITS, checkZipBuffer } from '../files/archive-guard';

export interface SheetSpec {
  name: string;
  /** A title row above the table (bold), e.g. the report name and period. */
  title?: string;
  columns: { header: string; key: string; width?: number; numFmt?: string }[];
  rows: object[];
  /** How it prints (default A4 portrait): every page fits the width and repeats the header rows. */
  orientation?: 'portrait' | 'landscape';
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A workbook of plain tables: bold frozen header, widths, number formats, autofilter. */
export async function tablesToXlsx(sheets: SheetSpec[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'cchc';
  for (const spec of sheets) {
    const ws = wb.addWorksheet(spec.name.slice(0, 31));
    let headerRow = 1;
    if (spec.title) {
      ws.addRow([spec.title]).font = { bold: true, size: 13 };
      ws.addRow([]);
      headerRow = 3;
    }
    ws.addRow(spec.columns.map((c) => c.header));
    const head = ws.getRow(headerRow);
    head.font = { bold: true };
    head.alignment = { vertical: 'middle', wrapText: true };
    head.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
      cell.border = { bottom: { style: 'thin' } };
    });
    spec.columns.forEach((c, i) => {
      const col = ws.getColumn(i + 1);
      col.width = c.width ?? Math.max(10, c.header.length + 2);
      if (c.numFmt) col.numFmt = c.numFmt;
    });
    for (const r of spec.rows) ws.addRow(spec.columns.map((c) => (r as Record<string, unknown>)[c.key] ?? null));
    ws.views = [{ state: 'frozen', ySplit: headerRow }];
    // Printed on A4, one page wide, the title and header repeated on every page.
    ws.pageSetup = {
      paperSize: 9,
      orientation: spec.orientation ?? 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `1:${headerRow}`,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    };
    ws.headerFooter = { oddFooter: `&L${spec.name.replace(/&/g, '&&')}&RTrang &P/&N` };
    ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: spec.columns.length } };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The first sheet of an XLSX file as rows of cell text (dates as YYYY-MM-DD…, numbers as numbers). */
export async function readFirstSheet(data: Buffer, filename = 'tệp XLSX'): Promise<(string | number | null)[][]> {
  // Loaded whole: the archive is checked first so a compression bomb never reaches exceljs.
  checkZipBuffer(data, filename, LOADED_OFFICE_LIMITS);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw new AppError('UNREADABLE_FILE', `Không đọc được "${filename}": tệp không phải XLSX hợp lệ hoặc bị hỏng.`, 422);
  }
  const ws = wb.worksheets[0];
  if (!ws) return [];
  if (ws.columnCount > 300) throw new AppError('TOO_MANY_COLUMNS', `"${filename}" có ${ws.columnCount} cột, quá giới hạn 300 cột.`, 422);
  const rows: (string | number | null)[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const values: (string | number | null)[] = [];
    for (let c = 1; c <= ws.columnCount; c++) values.push(cellValue(row.getCell(c).value));
    rows[n - 1] = values;
  });
  return Array.from(rows, (r) => r ?? []);
}

function cellValue(v: ExcelJS.CellValue): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Date)
    return v
      .toISOString()
      .replace(/\.000Z$/, '')
      .replace(/T00:00:00$/, '');
  if (typeof v === 'object') {
    if ('result' in v) return cellValue(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
  }
  return String(v);
}
