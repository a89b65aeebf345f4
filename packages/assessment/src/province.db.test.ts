/**
 * The province's own PAR INDEX self-assessment on the same engine: Sở Nội vụ scores it with evidence and
 * explanations, a leader sends it, units see none of it; each area shows the directive tasks protecting
 * it and the latest official result; the summary table for the Ministry as XLSX and DOCX.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '@cchc/server/testing';

let t: TestApp;
let office: TestClient;
let roundId: number;

beforeAll(async () => {
  t = await startTestApp();
  office = await t.login('cchc');
  const rounds = (await office.get('/api/assessment/rounds')).json() as { id: number; unitGroup: string }[];
  roundId = rounds.find((r) => r.unitGroup === 'province')!.id;
});
afterAll(() => t.close());

describe('the province’s PAR INDEX self-assessment', () => {
  it('is scored by Sở Nội vụ and sent by a leader; units and appraisers cannot touch it', async () => {
    const url = `/api/assessment/rounds/${roundId}/units/86`;
    const sheet = (await office.get(url)).json();
    expect(sheet).toMatchObject({ unitCode: '86', state: 'self_draft', abilities: { selfScore: true, submit: false, appraise: false } });
    const saved = await office.send('PUT', `${url}/scores`, {
      stage: 'self',
      scores: [{ criterion: '7.2', score: 6.5, note: 'Tỷ lệ số hóa 78 %, báo cáo số 45/BC-SNV.' }],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await (await t.login('daumoi.stc')).get(url)).statusCode).toBe(404);
    expect((await (await t.login('thamdinh')).send('PUT', `${url}/scores`, { stage: 'appraisal1', scores: [] })).statusCode).toBe(403);
    const leader = await t.login('lanhdao');
    expect((await leader.get(url)).json().abilities.submit).toBe(true);
    expect((await office.send('POST', `${url}/submit`)).statusCode).toBe(403);
  });

  it('shows beside each area the tasks that protect it and the latest official result', async () => {
    const sheet = (await office.get(`/api/assessment/rounds/${roundId}/units/86`)).json();
    const points = (await office.get('/api/metrics/tasks.byIndexComponent?from=2026-01-01&to=2026-12-31&of=PAR_INDEX')).json() as {
      key: string;
      value: number;
      parts: { overdue: number };
    }[];
    expect(points.length).toBeGreaterThan(0); // the demo's directives protect PAR INDEX areas
    const l3 = sheet.criteria.find((c: { code: string }) => c.code === '3');
    const expected = points.find((p) => p.key === 'L3');
    expect(l3.atRisk).toEqual(expected ? { linked: expected.value, overdue: expected.parts.overdue, href: expect.any(String) } : null);
    expect(sheet.criteria.find((c: { code: string }) => c.code === '3.1').atRisk).toBeNull(); // per area, not per criterion
    // The demo's official PAR INDEX: 2021, 82,82 %, rank 58.
    expect(sheet.official).toMatchObject({ year: 2021, value: 82.82, rank: 58 });
  });

  it('gives the summary table for the Ministry as XLSX and DOCX, with explanations and evidence', async () => {
    const x = await office.get(`/api/assessment/rounds/${roundId}/units/86/summary.xlsx`);
    expect(x.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as never);
    const cells: string[] = [];
    wb.worksheets[0]!.eachRow((r) => cells.push(r.values!.toString()));
    const l72 = cells.find((c) => c.includes(',7.2,'))!;
    expect(l72).toContain('6,50');
    expect(l72).toContain('Tỷ lệ số hóa 78 %, báo cáo số 45/BC-SNV.');
    expect(cells.some((c) => c.includes('tai-lieu-kiem-chung-mau.txt (Phụ lục, trang 2)'))).toBe(true);
    const d = await office.get(`/api/assessment/rounds/${roundId}/units/86/summary.docx`);
    expect(d.statusCode).toBe(200);
    const { unzipSync, strFromU8 } = await import('fflate');
    const xml = strFromU8(unzipSync(new Uint8Array(d.rawPayload))['word/document.xml']!);
    for (const text of ['BÁO CÁO', 'BIỂU TỔNG HỢP TỰ ĐÁNH GIÁ, CHẤM ĐIỂM', 'TM. ỦY BAN NHÂN DÂN', 'Số hóa hồ sơ'])
      expect(xml).toContain(text);
  });
});
