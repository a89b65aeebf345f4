/**
 * Hostile uploads: compression bombs (one that lies about its sizes) and random bytes to every import
 * route; each gets a 4xx, the server answers on and no temporary file is left.
 */
import fs from 'node:fs';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadTempDir } from '@cchc/core';
import { startTestApp, type TestApp, type TestClient } from './testing';

let t: TestApp;
let office: TestClient;
beforeAll(async () => {
  t = await startTestApp({ trustProxy: ['10.9.9.9'] });
  office = await t.login('cchc');
});
afterAll(() => t.close());

const MB = 1024 * 1024;

/** An XLSX whose shared strings inflate to `mb` megabytes from a file of a few hundred KB. */
function xlsxBomb(mb: number, lieAboutSize = false): Buffer {
  const filler = Buffer.alloc(mb * MB, 'a');
  const zip = Buffer.from(
    zipSync(
      {
        '[Content_Types].xml': Buffer.from('<?xml version="1.0"?><Types/>'),
        'xl/workbook.xml': Buffer.from('<workbook/>'),
        'xl/sharedStrings.xml': filler,
        'xl/worksheets/sheet1.xml': Buffer.from('<worksheet><sheetData/></worksheet>'),
      },
      { level: 9 },
    ),
  );
  if (lieAboutSize) {
    // Declare 1 KB in every local header and in the central directory: only counting while inflating catches it.
    for (let i = 0; i + 30 < zip.length; i++) {
      if (zip.readUInt32LE(i) === 0x04034b50) zip.writeUInt32LE(1024, i + 22);
      if (zip.readUInt32LE(i) === 0x02014b50) zip.writeUInt32LE(1024, i + 24);
    }
  }
  return zip;
}

describe('hostile files', () => {
  const bomb = xlsxBomb(100);
  const liar = xlsxBomb(100, true);
  const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251));

  it('are small on the wire and huge inside', () => {
    expect(bomb.length).toBeLessThan(MB);
  });

  for (const [name, url, fields] of [
    ['dossier import', '/api/dossiers/imports', {}],
    ['dossier headers', '/api/dossiers/imports/headers', {}],
    ['index results', '/api/index-results/imports', { index: 'PAPI', format: 'long' }],
    ['directive DOCX', '/api/directives/parse', {}],
  ] as const) {
    it(`${name}: a compression bomb, one that lies about its sizes and random bytes get a 4xx in Vietnamese`, async () => {
      for (const [file, data] of [
        ['bom.xlsx', bomb],
        ['noi-doi.xlsx', liar],
        ['rac.xlsx', junk],
      ] as const) {
        const filename = url.includes('directives') ? file.replace('.xlsx', '.docx') : file;
        const res = await office.upload(url, { name: filename, data }, fields);
        expect(res.statusCode, `${name} ${file}: ${res.body}`).toBeGreaterThanOrEqual(400);
        expect(res.statusCode).toBeLessThan(500);
        const body = res.json();
        const text = `${body.message ?? ''} ${body.fileError ?? ''}`;
        expect(text).toMatch(/từ chối|không phải|không đọc được/i);
      }
    });
  }

  it('methodology import refuses a bomb too', async () => {
    const schemes = (await office.get('/api/index-schemes')).json() as { id: number }[];
    const res = await office.upload(`/api/index-schemes/${schemes[0]!.id}/import`, { name: 'pp.xlsx', data: bomb });
    expect([res.statusCode, res.json().code]).toEqual([422, 'FILE_REFUSED']);
  });

  it('leaves no temporary file behind and the server answers on', async () => {
    expect(fs.readdirSync(uploadTempDir()).filter((f) => f.startsWith('upload-'))).toEqual([]);
    expect((await office.get('/api/health')).statusCode).toBe(200);
  });
});
