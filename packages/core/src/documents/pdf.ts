/**
 * PDF through pdfmake with its bundled Roboto, which renders Vietnamese (STACK-NOTES): printable forms,
 * reports for print. The fonts are the only local files pdfmake may read.
 */
import type { Block } from './docx';
import { createRequire } from 'node:module';
import path from 'node:path';
import pdfmake from 'pdfmake';

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

const require = createRequire(import.meta.url);
const FONTS = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
pdfmake.setFonts({
  Roboto: {
    normal: path.join(FONTS, 'Roboto-Regular.ttf'),
    bold: path.join(FONTS, 'Roboto-Medium.ttf'),
    italics: path.join(FONTS, 'Roboto-Italic.ttf'),
    bolditalics: path.join(FONTS, 'Roboto-MediumItalic.ttf'),
  },
});
pdfmake.setLocalAccessPolicy((p) => path.resolve(p).startsWith(FONTS));
// Nothing is fetched from the network while rendering.
pdfmake.setUrlAccessPolicy(() => false);

export const PDF_MIME = 'application/pdf';

/** A4 portrait unless the document says otherwise. */
export async function renderPdf(doc: PdfDocument): Promise<Buffer> {
  return pdfmake
    .createPdf({
      pageSize: 'A4',
      pageMargins: [40, 40, 40, 40],
      ...doc,
      defaultStyle: { font: 'Roboto', fontSize: 10, ...doc.defaultStyle },
    })
    .getBuffer();
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
