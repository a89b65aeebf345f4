/**
 * Checks a ZIP container (XLSX, DOCX) before anything unpacks it for real: the parts are inflated once,
 * in order and without keeping them, counting every byte, and the check stops as soon as a limit is
 * passed — so a 600 KB file that inflates to 600 MB costs at most the limit, never the heap. The
 * sizes that local headers declare are checked before a part is inflated; the counted bytes while it is.
 * Real files never come near these limits (see the README, "Uploads").
 */
import fs from 'node:fs';
import { Unzip, UnzipInflate, unzipSync } from 'fflate';
import { AppError } from '../errors';

export interface ArchiveLimits {
  /** Parts in the archive. */
  maxEntries: number;
  /** Uncompressed bytes of all parts together. */
  maxTotalBytes: number;
  /** Uncompressed bytes of any one part. */
  maxEntryBytes: number;
  /** Uncompressed ÷ compressed, over the whole archive once 10 MB have inflated. */
  maxRatio: number;
  /** Tighter limits for parts a reader loads whole into memory (shared strings, styles). */
  parts?: { pattern: RegExp; maxBytes: number; label: string }[];
}

const MB = 1024 * 1024;

/** An XLSX read as a stream (dossier exports): big sheets, but parts read whole stay small. */
export const STREAMED_XLSX_LIMITS: ArchiveLimits = {
  maxEntries: 5_000,
  maxTotalBytes: 4096 * MB,
  maxEntryBytes: 3072 * MB,
  maxRatio: 150,
  parts: [
    { pattern: /^xl\/sharedStrings\.xml$/i, maxBytes: 64 * MB, label: 'bảng chuỗi dùng chung (sharedStrings)' },
    { pattern: /^xl\/styles\.xml$/i, maxBytes: 16 * MB, label: 'bảng định dạng (styles)' },
    { pattern: /^(?!xl\/worksheets\/sheet\d+\.xml$).*/i, maxBytes: 32 * MB, label: 'phần phụ' },
  ],
};

/** A workbook or document loaded whole (index results, methodologies, DOCX directives). */
export const LOADED_OFFICE_LIMITS: ArchiveLimits = {
  maxEntries: 2_000,
  maxTotalBytes: 64 * MB,
  maxEntryBytes: 48 * MB,
  maxRatio: 150,
};

const fmtMb = (n: number) => `${(n / MB).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;

function refuse(filename: string, reason: string): AppError {
  return new AppError(
    'FILE_REFUSED',
    `Tệp "${filename}" bị từ chối: ${reason}. Tệp xuất từ phần mềm thật không có đặc điểm này; hãy kiểm tra lại tệp.`,
    422,
    { reason },
  );
}

const kindOf = (filename: string) => (/\.docx$/i.test(filename) ? 'DOCX' : /\.xlsx$/i.test(filename) ? 'XLSX' : 'Office (XLSX/DOCX)');

function corrupt(filename: string): AppError {
  return new AppError(
    'UNREADABLE_FILE',
    `Không đọc được tệp "${filename}": tệp không phải ${kindOf(filename)} hợp lệ hoặc bị hỏng (cấu trúc nén sai).`,
    422,
  );
}

export const isZip = (head: Uint8Array) => head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;

class Counter {
  entries = 0;
  total = 0;
  fed = 0;
  failure: AppError | null = null;
  readonly unzip = new Unzip();

  constructor(
    private readonly filename: string,
    private readonly limits: ArchiveLimits,
  ) {
    this.unzip.register(UnzipInflate);
    this.unzip.onfile = (file) => {
      if (this.failure) return;
      if (++this.entries > limits.maxEntries) return this.fail(`có hơn ${limits.maxEntries.toLocaleString('vi-VN')} phần bên trong`);
      const partLimit = Math.min(limits.maxEntryBytes, limits.parts?.find((p) => p.pattern.test(file.name))?.maxBytes ?? Infinity);
      const label = limits.parts?.find((p) => p.pattern.test(file.name))?.label ?? `phần "${file.name.slice(0, 80)}"`;
      if (file.originalSize !== undefined && file.originalSize > partLimit)
        return this.fail(`${label} khai báo ${fmtMb(file.originalSize)} khi giải nén, quá giới hạn ${fmtMb(partLimit)}`);
      let size = 0;
      file.ondata = (err, chunk) => {
        if (this.failure) return;
        if (err) return this.fail('nội dung nén bị hỏng');
        size += chunk.length;
        this.total += chunk.length;
        if (size > partLimit) return this.fail(`${label} giải nén ra hơn ${fmtMb(partLimit)}`);
        if (this.total > limits.maxTotalBytes) return this.fail(`tổng dung lượng giải nén vượt ${fmtMb(limits.maxTotalBytes)}`);
        if (this.total > 10 * MB && this.total / Math.max(1, this.fed) > limits.maxRatio)
          return this.fail(`tỷ lệ nén bất thường (hơn ${limits.maxRatio} lần) — dấu hiệu của "bom nén"`);
      };
      file.start();
    };
  }

  fail(reason: string) {
    this.failure ??= refuse(this.filename, reason);
    this.unzip.onfile = () => undefined;
  }

  push(chunk: Uint8Array, final: boolean) {
    this.fed += chunk.length;
    try {
      this.unzip.push(chunk, final);
    } catch {
      this.failure ??= corrupt(this.filename);
    }
  }
}

const SLICE = 256 * 1024;

/** A ZIP held in memory (uploads of up to 50 MB): the central directory, then the parts as above. */
export function checkZipBuffer(data: Buffer, filename: string, limits: ArchiveLimits = LOADED_OFFICE_LIMITS): void {
  if (!isZip(data))
    throw new AppError(
      'NOT_OFFICE_FILE',
      `Tệp "${filename}" không phải tệp Office (XLSX/DOCX) hợp lệ: nội dung không phải định dạng nén ZIP.`,
      415,
    );
  let declared = 0;
  let entries = 0;
  try {
    unzipSync(data, {
      filter: (f) => {
        entries++;
        declared += f.originalSize;
        return false; // only the directory is read here
      },
    });
  } catch {
    throw corrupt(filename);
  }
  if (entries > limits.maxEntries) throw refuse(filename, `có hơn ${limits.maxEntries.toLocaleString('vi-VN')} phần bên trong`);
  if (declared > limits.maxTotalBytes)
    throw refuse(filename, `khai báo ${fmtMb(declared)} khi giải nén, quá giới hạn ${fmtMb(limits.maxTotalBytes)}`);
  const c = new Counter(filename, limits);
  for (let i = 0; i < data.length && !c.failure; i += SLICE) c.push(data.subarray(i, i + SLICE), i + SLICE >= data.length);
  if (c.failure) throw c.failure;
  if (c.entries === 0) throw refuse(filename, 'không có phần nào đọc được');
}

/** A ZIP spooled to disk (large streamed imports): read in order, inflating without keeping anything. */
export async function checkZipFile(path: string, filename: string, limits: ArchiveLimits = STREAMED_XLSX_LIMITS): Promise<void> {
  const c = new Counter(filename, limits);
  let first = true;
  const stream = fs.createReadStream(path, { highWaterMark: SLICE });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (first && !isZip(chunk))
        throw new AppError('NOT_OFFICE_FILE', `Tệp "${filename}" không phải tệp XLSX hợp lệ: nội dung không phải định dạng nén ZIP.`, 415);
      first = false;
      c.push(chunk, false);
      // Inflating is synchronous work: give other requests a turn between slices.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (c.failure) break;
    }
    if (!c.failure) c.push(new Uint8Array(0), true);
  } finally {
    stream.destroy();
  }
  if (c.failure) throw c.failure;
  if (first) throw new AppError('EMPTY_FILE', `Tệp "${filename}" rỗng.`);
  if (c.entries === 0) throw refuse(filename, 'không có phần nào đọc được');
}
