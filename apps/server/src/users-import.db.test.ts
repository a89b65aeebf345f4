/** Accounts for every unit from one workbook: all or none, each bad row named; the list filtered by role and unit. */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from './testing';

let t: TestApp;
let admin: TestClient;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
});
afterAll(() => t.close());

async function workbook(rows: (string | null)[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Người dùng');
  ws.addRow(['ten_dang_nhap', 'ho_ten', 'ma_don_vi', 'vai_tro', 'email']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('users from a workbook', () => {
  it('creates a focal point and a head for every unit in one go, each with a temporary password to change', async () => {
    const units = (await admin.get('/api/units?parent=86')).json();
    const codes = (units.rows ?? units)
      .map((u: { code: string }) => u.code)
      .filter((c: string) => c !== '86')
      .slice(0, 70) as string[];
    expect(codes.length).toBeGreaterThan(20);
    const rows = codes.flatMap((c, i) => [
      [`dm.${i}`, `Đầu mối ${i}`, c, 'focal_point', `dm${i}@vinhlong.gov.vn`],
      [`tt.${i}`, `Thủ trưởng ${i}`, c, 'Thủ trưởng đơn vị', null],
    ]);
    const res = await admin.upload('/api/users/import', { name: 'nguoi-dung.xlsx', data: await workbook(rows) });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.created).toBe(codes.length * 2);
    expect(body.rows[1]).toMatchObject({ username: 'tt.0', roles: ['unit_head'], unitCode: codes[0] });
    // The temporary password works, and must be changed.
    const me = (await t.login('tt.0', body.rows[1].password).then((c) => c.get('/api/auth/me'))).json();
    expect(me).toMatchObject({ username: 'tt.0', mustChangePassword: true });
    // Filtered by role and unit.
    const heads = (await admin.get(`/api/users?role=unit_head&unit=${codes[0]}&limit=50`)).json();
    expect(heads.rows.map((u: { username: string }) => u.username)).toContain('tt.0');
    expect(heads.rows.every((u: { roles: string[] }) => u.roles.includes('unit_head'))).toBe(true);
    const audit = (await admin.get('/api/audit?action=user.import&limit=500')).json();
    expect(audit.total).toBeGreaterThanOrEqual(codes.length * 2);
  });

  it('creates nobody when a row is wrong, naming each row, field and reason', async () => {
    const before = (await admin.get('/api/users?limit=1')).json().total;
    const res = await admin.upload('/api/users/import', {
      name: 'loi.xlsx',
      data: await workbook([
        ['moi.mot', 'Người Một', '86.STP', 'focal_point', null],
        ['moi.mot', 'Người Hai', '86.STP', 'focal_point', null],
        ['Sai Ten', 'Người Ba', '86.STP', 'focal_point', null],
        ['moi.bon', 'Người Bốn', '99.XX', 'focal_point', null],
        ['moi.nam', 'Người Năm', '86.STP', 'thủ quỹ', 'khong-phai-email'],
        ['cchc', 'Trùng', '86.SNV', 'cchc_office', null],
      ]),
    });
    expect(res.statusCode).toBe(400);
    const errors = res.json().details.errors.map((e: { message: string }) => e.message);
    expect(errors).toEqual(
      expect.arrayContaining([
        'Dòng 3, cột "ten_dang_nhap": "moi.mot" trùng với dòng 2 trong tệp.',
        expect.stringMatching(/^Dòng 4, cột "ten_dang_nhap": "sai ten" không hợp lệ/),
        'Dòng 5, cột "ma_don_vi": không có đơn vị mã "99.XX" trong tỉnh.',
        expect.stringMatching(/^Dòng 6, cột "vai_tro": "thủ quỹ" không phải vai trò/),
        'Dòng 6, cột "email": "khong-phai-email" không phải địa chỉ thư điện tử.',
        'Dòng 7, cột "ten_dang_nhap": "cchc" đã có trong hệ thống.',
      ]),
    );
    expect((await admin.get('/api/users?limit=1')).json().total).toBe(before);
    const missing = await admin.upload('/api/users/import', { name: 'x.csv', data: 'ten_dang_nhap,ho_ten\nabc,Người' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toContain('thiếu cột: ma_don_vi, vai_tro');
  });

  it('is for those who manage users; the template lists the roles', async () => {
    const focal = await t.login('daumoi.stc');
    expect((await focal.upload('/api/users/import', { name: 'x.csv', data: 'a' })).statusCode).toBe(403);
    const tpl = await admin.get('/api/users/import-template.xlsx');
    expect(tpl.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    expect(wb.getWorksheet('Vai trò')!.rowCount).toBeGreaterThan(5);
  });
});
