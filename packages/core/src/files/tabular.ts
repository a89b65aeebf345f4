/**
 * The one streaming reader of tabular uploads (CSV UTF-8 or XLSX, first sheet), with the limits of
 * hostile files: an XLSX is spooled to a temporary file, checked part by part (archive-guard) and only
 * then read by exceljs's stream reader; a CSV may not hold a line longer than a real export's. Every
 * row is checked for its number of columns and the length of its cells. Temporary files live under
 * one directory (`uploadTempDir()`), are removed when the read ends, fails or is abandoned, and any a
 * dead process left are removed at start (`sweepUploadTemp`).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Papa from 'papaparse';
import ExcelJS from 'exceljs';
import { AppError } from '../errors';
import { STREAMED_XLSX_LIMITS, checkZipFile } from './archive-guard';
import { readFirstSheet } from '../documents/xlsx';

export type { RowError } from './row-error';

export interface TabularLimits {
  /** Columns of one row. */
  maxColumns: number;
  /** Characters of one cell (Excel's own limit is 32,767). */
  maxCellLength: number;
  /** Bytes of one CSV line. */
  maxLineBytes: number;
  /** Rows of the file (an XLSX sheet holds at most 1,048,576). */
  maxRows: number;
  /** Bytes of an XLSX file (compressed). */
  maxXlsxBytes: number;
}

export const TABULAR_LIMITS: TabularLimits = {
  maxColumns: 300,
  maxCellLength: 32_767,
  maxLineBytes: 1024 * 1024,
  maxRows: 50_000_000,
  maxXlsxBytes: 1024 * 1024 * 1024,
};

/** Where uploads are spooled: `CCHC_TMP_DIR` (the server sets it under the data directory), else the system's. */
export function uploadTempDir(): string {
  const dir = process.env.CCHC_TMP_DIR || path.join(os.tmpdir(), 'cchc-uploads');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Removes what a previous process left in the upload directory (called once at start). */
export function sweepUploadTemp(): number {
  const dir = uploadTempDir();
  let removed = 0;
  for (const name of fs.readdirSync(dir)) {
    fs.rmSync(path.join(dir, name), { recursive: true, force: true });
    removed++;
  }
  return removed;
}

/** Writes a stream to a temporary file of at most `maxBytes`; the caller removes it (`fs.rmSync`). */
export async function spoolToTemp(stream: Readable, filename: string, maxBytes: number): Promise<string> {
  const file = path.join(uploadTempDir(), `upload-${crypto.randomUUID()}${path.extname(filename).slice(0, 10)}`);
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes)
        done(
          new AppError(
            'FILE_TOO_LARGE',
            `Tệp "${filename}" lớn hơn ${Math.round(maxBytes / 1024 / 1024).toLocaleString('vi-VN')} MB.`,
            413,
          ),
        );
      else done(null, chunk);
    },
  });
  try {
    await pipeline(stream, limit, fs.createWriteStream(file));
    if ((stream as { truncated?: boolean }).truncated)
      throw new AppError('FILE_TOO_LARGE', `Tệp "${filename}" vượt giới hạn dung lượng tải lên.`, 413);
  } catch (err) {
    fs.rmSync(file, { force: true });
    throw err;
  }
  return file;
}

function lineGuard(filename: string, maxLineBytes: number): Transform {
  let sinceNewline = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      const last = chunk.lastIndexOf(10);
      sinceNewline = last < 0 ? sinceNewline + chunk.length : chunk.length - last - 1;
      if ((last < 0 && sinceNewline > maxLineBytes) || (last >= 0 && chunk.indexOf(10) > maxLineBytes)) {
        return done(
          new AppError(
            'LINE_TOO_LONG',
            `Tệp "${filename}" có một dòng dài hơn ${Math.round(maxLineBytes / 1024).toLocaleString('vi-VN')} KB: không phải tệp CSV xuất từ phần mềm.`,
            422,
          ),
        );
      }
      done(null, chunk);
    },
  });
}

async function* csvChunks(input: Readable, filename: string, limits: TabularLimits): AsyncGenerator<string[][]> {
  // Decoded as a stream (characters split across chunks stay whole); bytes that are not UTF-8 become
  // U+FFFD, which the caller reports row by row. The file is paused after each chunk until its rows
  // are consumed, so memory stays flat.
  const stream = input.pipe(lineGuard(filename, limits.maxLineBytes));
  input.on('error', (err) => stream.destroy(err));
  stream.setEncoding('utf8');
  const chunks: string[][][] = [];
  let done = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  Papa.parse<string[]>(stream as unknown as File, {
    skipEmptyLines: 'greedy',
    chunk: (results) => {
      stream.pause();
      chunks.push(results.data);
      wake?.();
    },
    complete: () => {
      done = true;
      wake?.();
    },
    error: (err) => {
      failure = err;
      wake?.();
    },
  });
  stream.on('error', (err) => {
    failure = err;
    wake?.();
  });
  let first = true;
  try {
    for (;;) {
      const rows = chunks.shift();
      if (rows) {
        if (first && rows[0]?.[0]) rows[0][0] = rows[0][0].replace(/^\uFEFF/, '');
        first = false;
        yield rows;
        stream.resume();
        continue;
      }
      if (failure) throw failure;
      if (done) return;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  } finally {
    if (!done) {
      stream.destroy();
      input.resume(); // drain what is left of the upload
    }
  }
}

/** A cell as text: dates as ISO (Excel keeps wall-clock time; exceljs hands it over as UTC). */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 19);
  if (typeof v === 'object') {
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
  }
  return String(v);
}

async function* xlsxChunks(input: Readable, filename: string, limits: TabularLimits): AsyncGenerator<string[][]> {
  const file = await spoolToTemp(input, filename, limits.maxXlsxBytes);
  try {
    await checkZipFile(file, filename, STREAMED_XLSX_LIMITS);
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'cache',
      worksheets: 'emit',
    });
    for await (const sheet of reader) {
      let rows: string[][] = [];
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as ExcelJS.CellValue[];
        if (values.length - 1 > limits.maxColumns) {
          throw new AppError(
            'TOO_MANY_COLUMNS',
            `Tệp "${filename}", dòng ${row.number}: có ${values.length - 1} cột, quá giới hạn ${limits.maxColumns} cột.`,
            422,
          );
        }
        rows.push(Array.from(values.slice(1), cellText)); // holes (empty cells) become ''
        if (rows.length === 500) {
          yield rows;
          rows = [];
        }
      }
      if (rows.length) yield rows;
      break; // the first sheet only
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('UNREADABLE_FILE', `Không đọc được tệp "${filename}": tệp không phải XLSX hợp lệ hoặc bị hỏng.`, 422);
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/**
 * The file's rows in chunks (a parsed block of the CSV, or 500 XLSX rows): one await per chunk, not
 * per row. Rows with too many columns or too long a cell end the read with a 4xx naming the row.
 */
export async function* rowChunksOf(stream: Readable, filename: string, limits: TabularLimits = TABULAR_LIMITS): AsyncGenerator<string[][]> {
  const source = /\.xlsx$/i.test(filename) ? xlsxChunks(stream, filename, limits) : csvChunks(stream, filename, limits);
  let rowNo = 0;
  for await (const chunk of source) {
    for (const cells of chunk) {
      rowNo++;
      if (rowNo > limits.maxRows)
        throw new AppError('TOO_MANY_ROWS', `Tệp "${filename}" có hơn ${limits.maxRows.toLocaleString('vi-VN')} dòng.`, 422);
      if (cells.length > limits.maxColumns)
        throw new AppError(
          'TOO_MANY_COLUMNS',
          `Tệp "${filename}", dòng ${rowNo}: có ${cells.length} cột, quá giới hạn ${limits.maxColumns} cột.`,
          422,
        );
      for (let i = 0; i < cells.length; i++) {
        if (cells[i]!.length > limits.maxCellLength) {
          throw new AppError(
            'CELL_TOO_LONG',
            `Tệp "${filename}", dòng ${rowNo}, cột ${i + 1}: ô dài ${cells[i]!.length.toLocaleString('vi-VN')} ký tự, quá giới hạn ${limits.maxCellLength.toLocaleString('vi-VN')}.`,
            422,
          );
        }
      }
    }
    yield chunk;
  }
}

export async function* rowsOf(stream: Readable, filename: string, limits?: TabularLimits): AsyncGenerator<string[]> {
  for await (const chunk of rowChunksOf(stream, filename, limits)) yield* chunk;
}

/**
 * A small table uploaded whole (index results, methodologies: at most 50 MB): the first sheet of an XLSX
 * (checked against the loaded-file limits first) or a UTF-8 CSV, as trimmed cell text.
 */
export async function readTable(data: Buffer, filename: string): Promise<string[][]> {
  const isXlsx = /\.xlsx$/i.test(filename) || (data[0] === 0x50 && data[1] === 0x4b);
  if (isXlsx) {
    const rows = await readFirstSheet(data, filename);
    return rows.map((r) => r.map((v) => (v === null ? '' : String(v))));
  }
  const text = data.toString('utf8');
  if (text.includes('\uFFFD'))
    throw new AppError('NOT_UTF8', `Tệp "${filename}" không phải UTF-8: hãy lưu lại tệp CSV với mã hoá UTF-8.`, 422);
  return Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' }).data.map((r) => r.map((c) => c.trim()));
}
