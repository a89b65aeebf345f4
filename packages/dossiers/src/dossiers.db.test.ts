import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '@cchc/core';
import { startTestApp, type TestApp, type TestClient } from '@cchc/server/testing';
import { dossierStats, type GroupBy } from './dossier.stats';

let t: TestApp;
let office: TestClient;
beforeAll(async () => {
  t = await startTestApp(); // today 2026-11-23
  office = await t.login('cchc');
});
afterAll(() => t.close());

const HEADER =
  'ma_ho_so,ma_tthc,ten_tthc,ma_don_vi,kenh,ngay_tiep_nhan,ngay_hen_tra,ngay_ket_thuc,trang_thai,thoi_han,don_vi_thoi_han,bo_sung,ngay_xin_loi,can_bo_xu_ly,nguyen_nhan_tre_han';
// Five dossiers of Sở Tư pháp in September 2025 (3 working days each unless a promised date is given).
const ROWS = [
  'T-001,1.000001,Chứng thực bản sao,86.STP,1,2025-09-03T14:59:00,,2025-09-05T10:00:00,10,3,ngay_lam_viec,,,Lê Văn A,', // due 8/9, early
  'T-002,1.000001,Chứng thực bản sao,86.STP,2,03/09/2025 15:01,,2025-09-09T16:00:00,10,3,ngay_lam_viec,,,Lê Văn A,', // after 15:00 → due 9/9, on time
  'T-003,1.000001,Chứng thực bản sao,86.STP,1,2025-09-03T09:00:00,,2025-09-12T10:00:00,10,3,ngay_lam_viec,,2025-09-05T09:00:00,Trần Thị B,Chờ ý kiến liên thông', // due 8/9, late, apology compliant
  'T-004,1.000002,Đăng ký khai sinh,86.STP,1,2025-09-03T09:00:00,2025-09-10T17:00:00,,4,,,,,Trần Thị B,', // open, due 10/9 → overdue as of 2025-09-11
  'T-005,1.000002,Đăng ký khai sinh,86.STP,2,2025-09-03T09:00:00,,2025-09-10T10:00:00,10,3,ngay_lam_viec,04/09/2025 09:00/08/09/2025 10:00,,Lê Văn A,', // wait of 2 working days → due 10/9, on time
];
const csv = (rows: string[]) => [HEADER, ...rows].join('\n');

describe('dossier import', () => {
  it('imports, then re-imports idempotently', async () => {
    const first = (await office.upload('/api/dossiers/imports', { name: 'stp.csv', data: csv(ROWS) })).json();
    expect(first).toMatchObject({ inserted: 5, updated: 0, unchanged: 0, rejected: 0, errors: [] });
    const again = (await office.upload('/api/dossiers/imports', { name: 'stp.csv', data: csv(ROWS) })).json();
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 5, rejected: 0 });
  });

  it('imports a file of several preparation blocks, reporting a repeated code, and recognises the rows again', async () => {
    // 2,600 rows, prepared in blocks of 250; the last row repeats a code from the first block.
    const rows = Array.from(
      { length: 2600 },
      (_, i) =>
        `W-${i},1.000001,Chứng thực bản sao,86.STP,${1 + (i % 3)},2025-10-0${1 + (i % 9)}T09:00:00,,2025-10-20T10:00:00,10,3,ngay_lam_viec,,,Lê Văn A,`,
    );
    rows.push(rows[5]!.replace('Lê Văn A', 'Lê Văn B')); // row 2,602 repeats W-5 from the first block
    const big = (await office.upload('/api/dossiers/imports', { name: 'big.csv', data: csv(rows) })).json();
    expect(big).toMatchObject({ inserted: 2600, rejected: 1 });
    expect(big.errors).toEqual([expect.objectContaining({ row: 2602, field: 'ma_ho_so' })]);
    const small = (await office.upload('/api/dossiers/imports', { name: 'small.csv', data: csv(rows.slice(0, 40)) })).json();
    expect(small).toMatchObject({ inserted: 0, updated: 0, unchanged: 40, rejected: 0 });
  });

  it('counts per the rules (15:00 cut-off, supplement wait, apology) as of a date', async () => {
    const rows = (await office.get('/api/dossiers/stats?from=2025-09-01&to=2025-09-30&groupBy=unit&asOf=2025-09-11&unit=86.STP')).json();
    expect(rows).toEqual([
      expect.objectContaining({
        key: '86.STP',
        received: 5,
        resolved: 3,
        early: 1,
        onTime: 2,
        late: 0,
        open: 2,
        openOverdue: 2,
        apologies: 1,
        apologyCompliant: 1,
      }),
    ]);
    const later = (
      await office.get('/api/dossiers/stats?from=2025-09-01&to=2025-09-30&groupBy=official&asOf=2025-12-31&unit=86.STP')
    ).json();
    expect(later).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'Lê Văn A', received: 3, early: 1, onTime: 2, late: 0 }),
        expect.objectContaining({ key: 'Trần Thị B', received: 2, late: 1, open: 1, openOverdue: 1 }),
      ]),
    );
    const byMonth = (
      await office.get('/api/dossiers/stats?from=2025-09-01&to=2025-09-30&groupBy=month&asOf=2025-12-31&unit=86.STP')
    ).json();
    expect(byMonth[0]).toMatchObject({ key: '2025-09', received: 5 });
  });

  it('keeps a changed end time of a closed dossier in its history and flags it', async () => {
    const changed = ROWS.map((r) => (r.startsWith('T-001') ? r.replace('2025-09-05T10:00:00', '2025-09-09T10:00:00') : r));
    const res = (await office.upload('/api/dossiers/imports', { name: 'stp-v2.csv', data: csv(changed) })).json();
    expect(res).toMatchObject({ inserted: 0, updated: 1, unchanged: 4, flagged: 1 });
    const d = (await office.get('/api/dossiers/T-001')).json();
    expect(d.flagged).toBe(true);
    expect(d.history).toHaveLength(1);
    expect(d.history[0]).toMatchObject({ flagged: true, filename: 'stp-v2.csv' });
    expect(d.outcome).toBe('late');
  });

  it('reports every bad row with its field and reason, and loses nothing else', async () => {
    const bad = [
      'B-001,1.000001,X,86.STP,1,2025-13-01T09:00:00,,,4,3,ngay_lam_viec,,,,', // bad date
      'B-002,1.000001,X,99.KHONG,1,2025-09-03T09:00:00,,,4,3,ngay_lam_viec,,,,', // unknown unit
      'B-003,1.000001,X,86.STP,7,2025-09-03T09:00:00,,,4,3,ngay_lam_viec,,,,', // bad channel
      'B-004,1.000001,X,86.STP,1,2025-09-03T09:00:00,,,4,,,,,,', // no due date and no time limit
      'B-005,1.000001,X,86.STP,1,2025-09-03T09:00:00,,,4,3,ngay_lam_viec,,,,', // fine
      'B-005,1.000001,X,86.STP,1,2025-09-04T09:00:00,,,4,3,ngay_lam_viec,,,,', // duplicate key
      'B-006,1.000001,Gi\uFFFDy t\uFFFD,86.STP,1,2025-09-03T09:00:00,,,4,3,ngay_lam_viec,,,,', // not UTF-8
    ];
    const res = (await office.upload('/api/dossiers/imports', { name: 'hostile.csv', data: csv(bad) })).json();
    expect(res).toMatchObject({ inserted: 1, rejected: 6 });
    const byRow = Object.fromEntries(res.errors.map((e: { row: number; field: string; message: string }) => [e.row, e]));
    expect(byRow[2]).toMatchObject({ field: 'ngay_tiep_nhan' });
    expect(byRow[2].message).toContain('không phải ngày giờ hợp lệ');
    expect(byRow[3].message).toContain('mã "99.KHONG" không phải đơn vị nào của tỉnh');
    expect(byRow[4].field).toBe('kenh');
    expect(byRow[5].field).toBe('ngay_hen_tra');
    expect(byRow[7].message).toContain('trùng với dòng 6');
    expect(byRow[8].message).toContain('không phải UTF-8');
    const report = await office.get(`/api/dossiers/imports/${res.importId}/errors.xlsx`);
    expect(report.statusCode).toBe(200);
  });

  it('refuses a file with missing columns as a whole, with the reason', async () => {
    const res = (await office.upload('/api/dossiers/imports', { name: 'x.csv', data: 'ma_ho_so,ten\nA,B\nC,D\n' })).json();
    expect(res).toMatchObject({ inserted: 0, rejected: 2 });
    expect(res.errors[0].message).toContain('thiếu cột ma_tthc, ma_don_vi, kenh, ngay_tiep_nhan, ngay_hen_tra');
  });

  it('maps the headers of another export once, then imports with the saved mapping', async () => {
    const other = ['SoHoSo,MaThuTuc,DonVi,HinhThuc,NgayNhan,HanTra', 'M-1,1.000001,86.STP,1,2025-10-01T09:00:00,2025-10-06T17:00:00'].join(
      '\n',
    );
    const saved = await office.send('POST', '/api/dossiers/mappings', {
      name: 'Phần mềm X',
      mapping: {
        ma_ho_so: 'SoHoSo',
        ma_tthc: 'MaThuTuc',
        ma_don_vi: 'DonVi',
        kenh: 'HinhThuc',
        ngay_tiep_nhan: 'NgayNhan',
        ngay_hen_tra: 'HanTra',
      },
    });
    expect(saved.statusCode).toBe(200);
    const res = (
      await office.upload('/api/dossiers/imports', { name: 'x.csv', data: other }, { mappingId: String(saved.json().id) })
    ).json();
    expect(res, JSON.stringify(res.errors)).toMatchObject({ inserted: 1, rejected: 0 });
  });

  it('imports the same rows from XLSX', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Hồ sơ');
    ws.addRow(HEADER.split(','));
    ws.addRow([
      'X-1',
      '1.000001',
      'Chứng thực',
      '86.STP',
      1,
      new Date(Date.UTC(2025, 8, 3, 14, 59)),
      '',
      new Date(Date.UTC(2025, 8, 5, 10, 0)),
      10,
      3,
      'ngay_lam_viec',
    ]);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    const res = (await office.upload('/api/dossiers/imports', { name: 'x.xlsx', data })).json();
    expect(res, JSON.stringify(res)).toMatchObject({ inserted: 1, rejected: 0 });
    expect((await office.get('/api/dossiers/X-1')).json()).toMatchObject({ dueDate: '2025-09-08', outcome: 'early' });
  });

  it('offers a template whose guide states each column’s allowed values, and whose example row imports as it is', async () => {
    const res = await office.get('/api/dossiers/imports/template.xlsx');
    expect(res.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const guide = wb.getWorksheet('Hướng dẫn')!;
    const rows = [...guide.getSheetValues()].map((r) => (Array.isArray(r) ? r.slice(1).map(String) : []));
    expect(rows.find((r) => r[0] === 'kenh')).toEqual(expect.arrayContaining(['1 = trực tiếp; 2 = trực tuyến; 3 = bưu chính công ích']));
    expect(rows.find((r) => r[0] === 'trang_thai')![3]).toContain('1 đến 10');
    expect(rows.find((r) => r[0] === 'ngay_tiep_nhan')![3]).toContain('dd/mm/yyyy');
    // The template itself (the example row) goes through the import.
    const imported = (await office.upload('/api/dossiers/imports', { name: 'mau-nhap-ho-so.xlsx', data: res.rawPayload })).json();
    expect(imported, JSON.stringify(imported)).toMatchObject({ inserted: 1, rejected: 0 });
    // And the history lists it, with who and the counts.
    const history = (await office.get('/api/dossiers/imports?limit=5')).json();
    expect(history.rows[0]).toMatchObject({ filename: 'mau-nhap-ho-so.xlsx', inserted: 1, rejected: 0, userName: expect.any(String) });
    expect((await (await t.login('daumoi.stc')).get('/api/dossiers/imports/template.xlsx')).statusCode).toBe(403);
  });

  it('is closed to a unit focal point, whose statistics cover only their unit', async () => {
    const xa = await t.login('daumoi.xa');
    expect((await xa.upload('/api/dossiers/imports', { name: 'stp.csv', data: csv(ROWS) })).statusCode).toBe(403);
    const rows = (await xa.get('/api/dossiers/stats?from=2025-01-01&to=2026-12-31&groupBy=unit')).json();
    expect(new Set(rows.map((r: { key: string }) => r.key)).size).toBeLessThanOrEqual(1);
    expect((await xa.get('/api/dossiers/T-001')).statusCode).toBe(404);
    // Another unit's figures, whichever report asks for them.
    for (const path of ['stats?groupBy=unit&', 'late-causes?', 'apologies?', 'period-report.xlsx?']) {
      expect((await xa.get(`/api/dossiers/${path}from=2025-01-01&to=2025-12-31&unit=86.STP`)).statusCode, path).toBe(404);
    }
  });
});

describe('apologies and the period report', () => {
  // Sở Tư pháp, October 2024 (nothing else there): due dates are 3 working days after receipt.
  const H =
    'ma_ho_so,ma_tthc,ma_don_vi,kenh,ngay_tiep_nhan,ngay_ket_thuc,trang_thai,thoi_han,don_vi_thoi_han,ngay_xin_loi,ngay_hen_tra_moi,nguyen_nhan_tre_han';
  const rows = (a4Apology: string) =>
    [
      H,
      'A-0,1.000001,86.STP,1,2024-09-20T09:00:00,2024-09-25T10:00:00,10,3,ngay_lam_viec,,,', // finished before the period
      'A-1,1.000001,86.STP,1,2024-10-01T09:00:00,2024-10-10T10:00:00,10,3,ngay_lam_viec,,,Cán bộ nghỉ phép', // due 4/10, late, no apology
      'A-2,1.000001,86.STP,1,2024-10-01T09:00:00,2024-10-08T10:00:00,10,3,ngay_lam_viec,2024-10-04T08:00:00,2024-10-09,Chờ ý kiến liên thông', // apology on the due day: late
      'A-3,1.000001,86.STP,1,2024-10-01T09:00:00,2024-10-11T10:00:00,10,3,ngay_lam_viec,2024-10-02T09:00:00,2024-10-08,', // new date missed as well
      `A-4,1.000001,86.STP,1,2024-10-01T09:00:00,2024-10-14T10:00:00,10,3,ngay_lam_viec,${a4Apology},2024-10-15,`, // apology in time, new date kept
      'A-5,1.000002,86.STP,2,2024-10-07T09:00:00,,4,3,ngay_lam_viec,,,', // open, due 10/10: overdue at the end of the month
      'A-6,1.000002,86.STP,1,2024-10-07T09:00:00,2024-10-08T10:00:00,10,3,ngay_lam_viec,,,', // early
    ].join('\n');
  const breaches = async () =>
    (await office.get('/api/dossiers/apologies?from=2024-10-01&to=2024-10-31&asOf=2024-12-31&unit=86.STP')).json();

  it('reports missing, late and repeated apologies, a re-sent apology included', async () => {
    expect((await office.upload('/api/dossiers/imports', { name: 'a.csv', data: rows('2024-10-02T09:00:00') })).json()).toMatchObject({
      inserted: 7,
      rejected: 0,
    });
    // A-5 is open and overdue without an apology: missing too.
    expect(await breaches()).toEqual([
      expect.objectContaining({ key: '86.STP', label: 'Sở Tư pháp', missing: 2, sentLate: 1, repeated: 1 }),
    ]);
    // The next export shows A-4's apology sent again with another date: the date moved a second time.
    expect((await office.upload('/api/dossiers/imports', { name: 'a2.csv', data: rows('2024-10-03T09:00:00') })).json()).toMatchObject({
      updated: 1,
      unchanged: 6,
    });
    expect(await breaches()).toEqual([expect.objectContaining({ missing: 2, sentLate: 1, repeated: 2 })]);
  });

  it("writes the dashboard as a report (DOCX and PDF) with the page's figures, within the caller's scope", async () => {
    const q = 'from=2024-10-01&to=2024-10-31&asOf=2024-12-31';
    const res = await office.get(`/api/dossiers/report.docx?${q}&unit=86.STP`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const text = await docxText(res.rawPayload);
    expect(text).toContain('UBND TỈNH VĨNH LONG');
    expect(text).toContain(
      'Tình hình tiếp nhận, giải quyết hồ sơ thủ tục hành chính của Sở Tư pháp từ ngày 01/10/2024 đến ngày 31/10/2024',
    );
    expect(text).toContain(
      'Từ ngày 01/10/2024 đến ngày 31/10/2024, Sở Tư pháp tiếp nhận 6 hồ sơ thủ tục hành chính (trực tuyến 1, 16,7 %); đã giải quyết 5 hồ sơ, trong đó đúng hạn và trước hạn 1 (20 %), trễ hạn 4 (80 %); đang giải quyết 1 hồ sơ, trong đó đã quá hạn 1.',
    );
    expect(text).not.toContain('Theo cơ quan, đơn vị'); // one unit: no table of units
    expect(text).toContain('Do cán bộ, công chức');
    // The same figures as the page's statistics.
    const page = (await office.get(`/api/dossiers/stats?${q}&unit=86.STP&groupBy=unit`)).json()[0];
    expect(page).toMatchObject({ received: 6, resolved: 5, late: 4, openOverdue: 1, online: 1 });
    // The province's report has the table of units; as a PDF to print.
    expect(await docxText((await office.get(`/api/dossiers/report.docx?${q}`)).rawPayload)).toContain('3. Theo cơ quan, đơn vị');
    const pdf = await office.get(`/api/dossiers/report.pdf?${q}&unit=86.STP`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // A commune's focal point: not another unit's report; a reversed range is named in Vietnamese.
    const xa = await t.login('daumoi.xa');
    expect((await xa.get(`/api/dossiers/report.pdf?${q}&unit=86.STP`)).statusCode).toBe(404);
    const bad = await office.get('/api/dossiers/report.docx?from=2024-10-31&to=2024-10-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/ngày/);
  });

  it('exports forms 06 and 07 by unit for a period', async () => {
    const res = await office.get('/api/dossiers/period-report.xlsx?from=2024-10-05&to=2024-10-31&unit=86.STP');
    expect(res.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const row = (sheet: number) => {
      const ws = wb.worksheets[sheet]!;
      const header = (ws.getRow(3).values as unknown[]).slice(1); // after the title and a blank row
      const values = (ws.getRow(4).values as unknown[]).slice(1);
      return Object.fromEntries(header.map((h, i) => [String(h), values[i]]));
    };
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Mẫu 06 - Kết quả giải quyết', 'Mẫu 07 - Nguyên nhân quá hạn']);
    // Each prints on A4 landscape, one page wide, with the title and header repeated on every page.
    for (const ws of wb.worksheets)
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:3' });
    expect(row(0)).toMatchObject({
      'Đơn vị': 'Sở Tư pháp',
      'Tổng số hồ sơ nhận giải quyết': 6,
      'Kỳ trước chuyển qua': 4,
      'Mới tiếp nhận trực tuyến': 1,
      'Mới tiếp nhận trực tiếp, bưu chính': 1,
      'Đã giải quyết': 5,
      'Giải quyết trước hạn': 1,
      'Giải quyết đúng hạn': 0,
      'Giải quyết quá hạn': 4,
      'Đang giải quyết': 1,
      'Đang giải quyết trong hạn': 0,
      'Đang giải quyết quá hạn': 1,
    });
    expect(row(1)).toMatchObject({
      'Số hồ sơ quá hạn': 4,
      'Do cán bộ, công chức': 1,
      'Liên thông, phối hợp giữa các cơ quan': 1,
      'Chưa ghi nguyên nhân': 2,
    });
  });
});

async function docxText(data: Buffer): Promise<string> {
  const { unzipSync, strFromU8 } = await import('fflate');
  return strFromU8(unzipSync(new Uint8Array(data))['word/document.xml']!).replace(/<[^>]+>/g, '');
}

describe('rollups', () => {
  it('give exactly the raw-row answer for every grouping, range and report date', async () => {
    const db = (t.app.services as AppServices).db;
    const cases: [GroupBy, string, string, string][] = [
      ['unit', '2026-01-01', '2026-12-31', '2026-11-23'],
      ['month', '2026-01-01', '2026-11-23', '2026-11-23'],
      ['procedure', '2026-02-15', '2026-09-10', '2026-10-05'],
      ['official', '2026-03-01', '2026-06-30', '2026-07-01'],
      ['channel', '2026-01-01', '2026-12-31', '2026-04-15'],
      ['sector', '2025-09-01', '2026-03-31', '2026-12-31'],
      // Report dates inside the data: open dossiers judged by their due and apology days, and dossiers
      // closed after the report date counted as open from the raw rows.
      ['unit', '2026-01-01', '2026-10-31', '2026-06-10'],
      ['month', '2026-02-01', '2026-08-31', '2026-08-31'],
      ['channel', '2026-03-01', '2026-11-30', '2026-11-02'],
    ];
    for (const [groupBy, from, to, asOf] of cases) {
      const q = { provinceCode: '86', from, to, asOf, groupBy };
      const raw = await dossierStats(db, { ...q, useRollup: false });
      expect(raw.length, `${groupBy} has data`).toBeGreaterThan(0);
      expect(await dossierStats(db, q), `${groupBy} ${from}..${to} as of ${asOf}`).toEqual(raw);
    }
  });
});

describe('766 and the public page', () => {
  it('computes 766 for a unit and month, with what cannot be computed said so', async () => {
    const r = (await office.get('/api/indices/766?unit=86.STP&period=2025-09')).json();
    const g2 = r.groups.find((g: { code: string }) => g.code === 'G2');
    expect(g2.indicators[0]).toMatchObject({ code: 'G2.1', status: 'computed' });
    const g1 = r.groups.find((g: { code: string }) => g.code === 'G1');
    expect(g1).toMatchObject({ points: null });
    expect(g1.indicators[0].status).toBe('not_computed');
    const saved = (
      await office.send('PUT', '/api/indices/766/official', {
        unit: '86.STP',
        period: '2025-09',
        source: 'Cổng DVCQG, chụp ngày 05/10/2025',
        groups: [{ code: 'G2', points: 15 }],
      })
    ).json();
    const g2b = saved.groups.find((g: { code: string }) => g.code === 'G2');
    expect(g2b.official).toBe(15);
    expect(g2b.difference).toBeCloseTo(g2b.points - 15, 6);
  });

  it('publishes late units without login, ranking only units with enough dossiers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/public/late-units?from=2026-01-01&to=2026-12-31&minVolume=50' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.units.length).toBeGreaterThan(0);
    expect(body.provinceName).toBe('Tỉnh Vĩnh Long');
    expect(body.units.every((u: { received: number }) => u.received >= 50)).toBe(true);
    expect(body.officials).toBeNull();
  });
});
