// Lays out PDFs off the event loop (pdfmake computes a whole document synchronously: ~200 ms for a report
// with a table of 140 units). Plain JavaScript so that it starts in any Node process, with or without tsx.
// Receives { id, doc } and answers { id, data } (the PDF's bytes, transferred) or { id, error }.
import { createRequire } from 'node:module';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import pdfmake from 'pdfmake';

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
// The fonts are the only local files pdfmake may read; nothing is fetched from the network.
pdfmake.setLocalAccessPolicy((p) => path.resolve(p).startsWith(FONTS));
pdfmake.setUrlAccessPolicy(() => false);

parentPort.on('message', async ({ id, doc }) => {
  try {
    const buf = await pdfmake.createPdf(doc).getBuffer();
    const data = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength).slice();
    parentPort.postMessage({ id, data }, [data.buffer]);
  } catch (err) {
    parentPort.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
