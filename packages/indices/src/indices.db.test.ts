import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceDataDir } from '@cchc/core';
import { startTestApp, type TestApp, type TestClient } from '@cchc/server/testing';

const papiFile = () => fs.readFileSync(path.join(referenceDataDir(), 'papi', 'papi_provinces_2018_2022.csv'));

let t: TestApp;
let office: TestClient;
beforeAll(async () => {
  t = await startTestApp();
  office = await t.login('cchc');
});
afterAll(() => t.close());

describe('PAPI file import', () => {
  it('imports the published file as it is: every province matched, every recomputed rank equal to the published one', async () => {
    // The demo already loaded it once; importing again changes nothing.
    const res = await office.upload(
      '/api/index-results/imports',
      { name: 'papi.csv', data: papiFile() },
      { index: 'PAPI', format: 'papi-provinces' },
    );
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ inserted: 0, updated: 0, unchanged: 315, rejected: 0, unmatched: [], errors: [] });
    for (const year of [2018, 2019, 2020, 2021, 2022]) {
      const rows = (await office.get(`/api/index-results?index=PAPI&year=${year}`)).json() as {
        rank: number;
        rankComputed: number;
        rankMismatch: boolean;
        isOldProvince: boolean;
        components: Record<string, number>;
      }[];
      expect(rows).toHaveLength(63);
      expect(rows.every((r) => r.isOldProvince)).toBe(true);
      expect(rows.filter((r) => r.rank !== r.rankComputed)).toEqual([]); // including no rank where no total was published
      expect(rows.some((r) => r.rankMismatch)).toBe(false);
      expect(Object.keys(rows[0]!.components).sort()).toEqual(['D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7', 'D8']);
    }
  });

  it('keeps pre-2025 codes: Thừa Thiên Huế is 46, Vĩnh Long 86, Bến Tre 83', async () => {
    const rows = (await office.get('/api/index-results?index=PAPI&year=2021')).json() as {
      provinceCode: string;
      provinceName: string;
      value: number;
    }[];
    const byCode = new Map(rows.map((r) => [r.provinceCode, r]));
    expect(byCode.get('46')?.provinceName).toMatch(/Huế/);
    expect(byCode.get('83')?.provinceName).toBe('Tỉnh Bến Tre');
    expect(byCode.get('86')?.provinceName).toBe('Tỉnh Vĩnh Long');
  });

  it('matches names however they are written and reports the ones it cannot', async () => {
    const csv = [
      'year,index,province,component,value,rank,source',
      `2021,SIPAS,${'TỈNH BẾN TRE'.normalize('NFD')},,85.1,40,Báo cáo thử`,
      '2021,SIPAS,TP. Hồ Chí Minh,,80.5,55,Báo cáo thử',
      '2021,SIPAS,Tỉnh Trà ᴠinh,,84.2,45,Báo cáo thử',
      '2021,SIPAS,Tỉnh Không Có,,84.2,45,Báo cáo thử',
    ].join('\n');
    const res = await office.upload('/api/index-results/imports', { name: 'sipas.csv', data: csv }, { index: 'SIPAS', format: 'long' });
    const body = res.json();
    expect(body, JSON.stringify(body)).toMatchObject({ inserted: 3, rejected: 1, unmatched: ['Tỉnh Không Có'] });
    expect(body.errors[0]).toMatchObject({ row: 5, field: 'province' });
    expect(body.errors[0].message).toContain('Tỉnh Không Có');
    // Resolving the name once makes the next import match it.
    const alias = await office.send('POST', '/api/index-results/aliases', { name: 'Tỉnh Không Có', provinceCode: '92', year: 2021 });
    expect(alias.statusCode).toBe(200);
    const again = (
      await office.upload('/api/index-results/imports', { name: 'sipas.csv', data: csv }, { index: 'SIPAS', format: 'long' })
    ).json();
    expect(again).toMatchObject({ inserted: 1, unchanged: 3, rejected: 0, unmatched: [] });
  });

  it('refuses a file of another index whole, and applies nothing of it', async () => {
    const before = (await office.get('/api/index-results?index=PAPI&year=2022')).json();
    const csv = 'year,index,province,component,value,rank,source\n2022,PAPI,Vĩnh Long,,50,1,x\n2022,SIPAS,Bến Tre,,80,2,x\n';
    const res = (
      await office.upload('/api/index-results/imports', { name: 'mixed.csv', data: csv }, { index: 'PAPI', format: 'long' })
    ).json();
    expect(res).toMatchObject({ inserted: 0, updated: 0, rejected: 2 });
    expect(res.fileError).toContain('không phải tệp kết quả PAPI');
    expect((await office.get('/api/index-results?index=PAPI&year=2022')).json()).toEqual(before);
    const wrongFormat = (
      await office.upload('/api/index-results/imports', { name: 'x.csv', data: 'a,b\n1,2\n' }, { index: 'PAPI', format: 'papi-provinces' })
    ).json();
    expect(wrongFormat.fileError).toContain('thiếu cột');
  });

  it('rejects per row: two values for one province, a component outside the scheme, a value outside the scale', async () => {
    const csv = [
      'year,index,province,component,value,rank,source',
      '2023,PAPI,Vĩnh Long,D1,5.1,,nguồn A',
      '2023,PAPI,Vĩnh Long,D9,5.1,,nguồn A',
      '2023,PAPI,Bến Tre,D2,11,,nguồn A',
      '2023,PAPI,Trà Vinh,,44,,nguồn A',
      '2023,PAPI,Trà Vinh,,45,,nguồn B',
      '2023,PAPI,Cà Mau,D1,5.5,,nguồn A',
    ].join('\n');
    const res = (
      await office.upload('/api/index-results/imports', { name: 'bad.csv', data: csv }, { index: 'PAPI', format: 'long' })
    ).json();
    const messages = res.errors.map((e: { message: string }) => e.message).join('\n');
    expect(messages).toContain('"D9" không có trong phương pháp');
    expect(messages).toMatch(/D2 = 11 .*ngoài thang 1–10/);
    expect(messages).toContain('một tỉnh chỉ có một giá trị mỗi năm');
    expect(res.inserted).toBe(1); // Cà Mau only
    const rows = (await office.get('/api/index-results?index=PAPI&year=2023')).json();
    expect(rows.map((r: { provinceCode: string }) => r.provinceCode)).toEqual(['96']);
  });

  it('is closed to unit focal points', async () => {
    const focal = await t.login('daumoi.stc');
    const res = await focal.upload(
      '/api/index-results/imports',
      { name: 'papi.csv', data: papiFile() },
      { index: 'PAPI', format: 'papi-provinces' },
    );
    expect(res.statusCode).toBe(403);
    expect((await focal.get('/api/index-results?index=PAPI&year=2022')).statusCode).toBe(200);
  });

  it('says clearly when the request has no file', async () => {
    const res = await office.send('POST', '/api/index-results/imports', { index: 'PAPI', format: 'long' });
    expect(res.statusCode).toBe(415);
    expect(res.json().message).toContain('multipart/form-data');
  });
});

describe('analysis through the merger', () => {
  it('shows the merged Vĩnh Long as its three old provinces for 2022, with a derived average', async () => {
    const a = (await office.get('/api/indices/analysis?index=PAPI&year=2022&province=86')).json();
    expect(a.parts.map((p: { name: string }) => p.name).sort()).toEqual(['Tỉnh Bến Tre', 'Tỉnh Trà Vinh', 'Tỉnh Vĩnh Long']);
    expect(a.main.derived).toBe(true);
    expect(a.main.name).toContain('số liệu suy ra');
    const mean = a.parts.reduce((s: number, p: { value: number }) => s + p.value, 0) / 3;
    expect(a.main.value).toBeCloseTo(mean, 6);
    expect(a.components).toHaveLength(8);
    const d6 = a.components.find((c: { code: string }) => c.code === 'D6');
    expect(d6.gapToMedian).toBeCloseTo(d6.value - d6.median, 9);
    expect(a.peerGroups.region.name).toBe('Đồng bằng sông Cửu Long');
    expect(a.fieldSize).toBe(61); // Bắc Giang and Bắc Ninh have no published total in 2022
  });

  it('lets the user pick one former province and a peer group', async () => {
    const a = (await office.get('/api/indices/analysis?index=PAPI&year=2022&province=86&subject=83&peers=84,86')).json();
    expect(a.main).toMatchObject({ provinceCode: '83', derived: false });
    expect(a.peerGroups.used).toEqual(['84', '86']);
  });

  it('gives the trend for every year through lineage', async () => {
    const tr = (await office.get('/api/indices/trend?index=PAPI&province=86')).json();
    expect(tr.map((y: { year: number }) => y.year)).toEqual(expect.arrayContaining([2018, 2019, 2020, 2021, 2022]));
    expect(tr.find((y: { year: number }) => y.year === 2018).parts).toHaveLength(3);
  });

  it('what-if: raising one component raises the total and improves the rank against that year', async () => {
    const base = (await office.get('/api/indices/what-if?index=PAPI&year=2022&province=86&targets=D6:7')).json();
    expect(base.computable).toBe(true);
    const hi = (await office.get('/api/indices/what-if?index=PAPI&year=2022&province=86&targets=D6:10,D8:10')).json();
    expect(hi.total).toBeGreaterThan(base.total);
    expect(hi.rank).toBeLessThanOrEqual(base.rank);
    expect(hi.fieldSize).toBe(59); // 61 provinces with a total, the three former parts folded into one
    const bad = await office.get('/api/indices/what-if?index=PAPI&year=2022&province=86&targets=D6:12');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('ngoài thang');
  });

  it('exports the analysis as XLSX and a DOCX briefing', async () => {
    const x = await office.get('/api/indices/analysis.xlsx?index=PAPI&year=2022&province=86');
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    expect(x.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const d = await office.get('/api/indices/briefing.docx?index=PAPI&year=2022&province=86');
    expect(d.statusCode).toBe(200);
    expect(d.headers['content-type']).toContain('wordprocessingml');
    const text = await docxText(d.rawPayload);
    expect(text).toContain('UBND TỈNH VĨNH LONG'); // the body above the issuer in capitals (Decree 30)
    expect(text).toMatch(/trung vị [\d,]+ \(\d+ tỉnh, thành phố có số liệu\)/);
    // The same briefing as a PDF to print.
    const pdf = await office.get('/api/indices/briefing.pdf?index=PAPI&year=2022&province=86');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it("a briefing for a year with only the province's own figure says it cannot compare, not rank 58/1", async () => {
    const text = await docxText((await office.get('/api/indices/briefing.docx?index=PAR_INDEX&year=2021&province=86')).rawPayload);
    expect(text).toContain('82,82 điểm, xếp thứ 58.');
    expect(text).toContain('Chưa có kết quả của các tỉnh, thành phố khác năm 2021');
    expect(text).not.toContain('58/1');
  });
});

async function docxText(data: Buffer): Promise<string> {
  const { unzipSync, strFromU8 } = await import('fflate');
  return strFromU8(unzipSync(new Uint8Array(data))['word/document.xml']!).replace(/<[^>]+>/g, '');
}

describe('methodologies', () => {
  it('ships PAPI (8 dimensions, 28 sub-dimensions), 766 groups 18/20/22/22/18, SIPAS 5 aspects and the PAR example', async () => {
    const schemes = (await office.get('/api/index-schemes')).json() as {
      indexCode: string;
      isExample: boolean;
      components: { code: string; parentCode: string | null; maxPoints: number | null }[];
    }[];
    const papi = schemes.find((s) => s.indexCode === 'PAPI')!;
    expect(papi.components.filter((c) => !c.parentCode)).toHaveLength(8);
    expect(papi.components.filter((c) => c.parentCode)).toHaveLength(28);
    const g766 = schemes.find((s) => s.indexCode === '766')!;
    expect(g766.components.filter((c) => !c.parentCode).map((c) => c.maxPoints)).toEqual([18, 20, 22, 22, 18]);
    expect(schemes.find((s) => s.indexCode === 'SIPAS')!.components).toHaveLength(5);
    const par = schemes.find((s) => s.indexCode === 'PAR_INDEX')!;
    expect(par.isExample).toBe(true);
    expect(par.components.reduce((a, c) => a + (c.maxPoints ?? 0), 0)).toBeCloseTo(100, 9);
  });

  it('round-trips a scheme through XLSX and refuses a broken one whole', async () => {
    const schemes = (await office.get('/api/index-schemes')).json() as { id: number; indexCode: string; components: unknown[] }[];
    const sipas = schemes.find((s) => s.indexCode === 'SIPAS')!;
    const xlsx = await office.get(`/api/index-schemes/${sipas.id}/export.xlsx`);
    const back = await office.upload(`/api/index-schemes/${sipas.id}/import`, { name: 'sipas.xlsx', data: xlsx.rawPayload });
    expect(back.statusCode).toBe(200);
    expect(back.json().components).toHaveLength(5);
    const broken = await office.send('PUT', `/api/index-schemes/${sipas.id}/components`, {
      components: [{ code: 'A1', parentCode: 'ZZ', name: 'x', minPoints: 0, maxPoints: 100 }],
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().message).toContain('"ZZ" không có trong bảng');
    expect((await office.get('/api/index-schemes')).json().find((s: { id: number }) => s.id === sipas.id).components).toHaveLength(5);
  });
});
