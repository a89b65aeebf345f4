/**
 * PDF through pdfmake with its bundled Roboto, which renders Vietnamese (STACK-NOTES): printable forms,
 * reports for print. The fonts are the only local files pdfmake may read.
 */
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
