/**
 * PDF through pdfmake with its bundled Roboto, which renders Vietnamese (STACK-NOTES): printable forms,
 * reports for print. Laid out in `pdf.worker.mjs`, where the fonts are the only local files pdfmake may read.
 */
import type { Block } from './docx';
import { Worker } from 'node:worker_threads';

/** pdfmake's document content (see pdfmake.org/docs): text, columns, tables, QR codes… */
export type PdfContent = string | PdfContent[] | { [key: string]: unknown };
export interface PdfDocument {
  content: PdfContent;
  pageSize?: string;
  pageOrientation?: 'portrait' | 'landscape';
  pageMargins?: [number, number, number, number];
  defaultStyle?: Record<string, unknown>;
  styles?: Record<string, Record<string, unknown>>;
  info?: { title?: string; author?: string };
}

export const PDF_MIME = 'application/pdf';

/**
 * The one worker thread that lays out PDFs (started on first use, not keeping the process alive); a crash
 * fails the documents in progress and the next one starts a new worker.
 */
let worker: Worker | null = null;
let nextId = 0;
const pending = new Map<number, { resolve(b: Buffer): void; reject(e: Error): void }>();

function pdfWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./pdf.worker.mjs', import.meta.url), { execArgv: [], resourceLimits: { maxOldGenerationSizeMb: 128 } });
  w.unref();
  w.on('message', (m: { id: number; data?: Uint8Array; error?: string }) => {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (!p) return;
    if (m.data) p.resolve(Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength));
    else p.reject(new Error(`Không tạo được tệp PDF: ${m.error}`));
  });
  const fail = (err: Error) => {
    if (worker === w) worker = null;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  w.on('error', fail);
  w.on('exit', (code) => fail(new Error(`Tiến trình tạo PDF dừng (mã ${code}).`)));
  return (worker = w);
}

/** A4 portrait unless the document says otherwise; laid out on a worker thread, not on the event loop. */
export function renderPdf(doc: PdfDocument): Promise<Buffer> {
  const full = {
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 40],
    ...doc,
    defaultStyle: { font: 'Roboto', fontSize: 10, ...doc.defaultStyle },
  };
  return new Promise((resolve, reject) => {
    const id = nextId++;
    const w = pdfWorker();
    w.ref(); // kept alive while it works, released when idle
    const done = () => pending.size === 0 && w.unref();
    pending.set(id, {
      resolve: (b) => (resolve(b), done()),
      reject: (e) => (reject(e), done()),
    });
    w.postMessage({ id, doc: full });
  });
}

/** A report's blocks (the same as its DOCX: headings, paragraphs, tables) as a printable PDF document. */
export function blocksToPdf(doc: {
  heading: string[];
  title: string;
  subtitle?: string;
  body: Block[];
  orientation?: 'portrait' | 'landscape';
}): PdfDocument {
  const content: PdfContent[] = [
    ...doc.heading.map((h) => ({ text: h, bold: true, alignment: 'center' })),
    { text: doc.title, style: 'title', margin: [0, 12, 0, 4] },
    ...(doc.subtitle ? [{ text: doc.subtitle, alignment: 'center', italics: true, margin: [0, 0, 0, 8] }] : []),
  ];
  for (const b of doc.body) {
    if (b.type === 'heading') content.push({ text: b.text, bold: true, fontSize: 11, margin: [0, 10, 0, 4] });
    else if (b.type === 'paragraph')
      content.push({ text: b.text, bold: b.bold ?? false, italics: b.italic ?? false, alignment: 'justify', margin: [0, 0, 0, 6] });
    else
      content.push({
        table: {
          headerRows: 1, // repeated on every page
          dontBreakRows: true,
          widths: b.widths ? b.widths.map((w) => `${w}%`) : b.columns.map(() => '*'),
          body: [b.columns.map((c) => ({ text: c, bold: true, fillColor: '#f2f2f2' })), ...b.rows.map((r) => r.map((c) => String(c)))],
        },
        fontSize: 9,
        margin: [0, 0, 0, 8],
      });
  }
  return {
    content,
    pageOrientation: doc.orientation ?? 'portrait',
    styles: { title: { fontSize: 14, bold: true, alignment: 'center' } },
    info: { title: doc.title },
  };
}
