/** Units (today's and before the 2025 reform, their lineage, departments by hand) and the working-day calendar. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './testing';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

const auditRows = async (action: string) =>
  t.db.db.selectFrom('auditLog').selectAll().where('action', '=', action).orderBy('id', 'desc').execute();

describe('units', () => {
  it('GET /api/units?parent=86 lists the communes and departments of Vĩnh Long', async () => {
    const res = await t.app.inject({ url: '/api/units?parent=86' });
    expect(res.statusCode).toBe(200);
    const rows = res.json() as Array<{ code: string; name: string; type: string; parentCode: string }>;
    expect(rows.every((r) => r.parentCode === '86')).toBe(true);
    expect(rows.filter((r) => ['commune', 'ward'].includes(r.type)).length).toBeGreaterThan(100);
    expect(rows.find((r) => r.code === '86.SNV')).toMatchObject({ name: 'Sở Nội vụ', type: 'department' });
    expect(rows.find((r) => r.type === 'service_centre')?.name).toBe('Trung tâm Phục vụ hành chính công tỉnh');
  });

  it('lists the 34 provinces at the top level today and the 63 before the reform', async () => {
    expect(((await t.app.inject({ url: '/api/units' })).json() as unknown[]).length).toBe(34);
    expect(((await t.app.inject({ url: '/api/units?at=2024-12-31' })).json() as unknown[]).length).toBe(63);
  });

  it('GET /api/units/86/lineage gives old Vĩnh Long, Bến Tre and Trà Vinh', async () => {
    const res = await t.app.inject({ url: '/api/units/86/lineage' });
    expect(res.statusCode).toBe(200);
    const rows = res.json() as Array<{ code: string; name: string; validTo: string; relation: string }>;
    expect(rows.map((r) => r.name).sort()).toEqual(['Tỉnh Bến Tre', 'Tỉnh Trà Vinh', 'Tỉnh Vĩnh Long']);
    expect(rows.every((r) => r.validTo === '2025-06-30' && r.relation === 'merged')).toBe(true);
  });

  it('answers "what is this old unit now" for an old province', async () => {
    const benTre = (await t.app.inject({ url: '/api/units/83?at=2024-01-01' })).json();
    expect(benTre.name).toBe('Tỉnh Bến Tre');
    const now = (await t.app.inject({ url: '/api/units/83/successors' })).json() as Array<{ code: string }>;
    expect(now.map((u) => u.code)).toEqual(['86']);
  });

  it('a commune of today came from old communes', async () => {
    const communes = (await t.app.inject({ url: '/api/units?parent=86&type=commune,ward' })).json() as Array<{ code: string }>;
    const withOrigins = await Promise.all(
      communes.slice(0, 5).map(async (c) => (await t.app.inject({ url: `/api/units/${c.code}/lineage` })).json() as unknown[]),
    );
    expect(withOrigins.some((o) => o.length > 1)).toBe(true);
  });

  it('answers 404 in Vietnamese for an unknown code and 400 for a malformed date', async () => {
    const res = await t.app.inject({ url: '/api/units/99999' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'UNIT_NOT_FOUND', message: 'Không tìm thấy đơn vị có mã "99999".' });
    const bad = await t.app.inject({ url: '/api/units?parent=86&at=31/12/2024' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('INVALID_DATE');
  });

  it('lets the administrator add and rename a department, audited with before and after', async () => {
    const c = await t.login('admin');
    const created = await c.send('POST', '/api/units', { code: '86.SNGV', name: 'Sở  Ngoại vụ', shortName: 'SNgV', type: 'department' });
    expect(created.statusCode).toBe(200);
    expect(created.json()).toMatchObject({ name: 'Sở Ngoại vụ', parentCode: '86', isLocal: true, abilities: { update: true } });
    const dup = await c.send('POST', '/api/units', { code: '86.SNGV', name: 'Trùng', type: 'department' });
    expect(dup.statusCode).toBe(409);
    const renamed = await c.send('PATCH', '/api/units/86.SNGV', { name: 'Sở Ngoại vụ tỉnh Vĩnh Long' });
    expect(renamed.json().name).toBe('Sở Ngoại vụ tỉnh Vĩnh Long');
    const [row] = await auditRows('unit.update');
    expect(row).toMatchObject({ actorUsername: 'admin', entityType: 'unit' });
    expect((row!.before as { name: string }).name).toBe('Sở Ngoại vụ');
    expect((row!.after as { name: string }).name).toBe('Sở Ngoại vụ tỉnh Vĩnh Long');
  });

  it('refuses to edit national reference units or to create a commune by hand', async () => {
    const c = await t.login('admin');
    expect((await c.send('PATCH', '/api/units/86', { name: 'Đổi tên' })).statusCode).toBe(403);
    const commune = await c.send('POST', '/api/units', { code: '86.X', name: 'Xã mới', type: 'commune' });
    expect(commune.statusCode).toBe(400);
    expect(commune.json().message).toContain('không được tạo thủ công');
  });

  it('refuses unit changes to a focal point (403) and validates bodies in Vietnamese', async () => {
    const c = await t.login('daumoi.stc');
    expect((await c.send('POST', '/api/units', { code: '86.Y', name: 'Y', type: 'department' })).statusCode).toBe(403);
    const admin = await t.login('admin');
    const bad = await admin.send('POST', '/api/units', { name: 'Thiếu mã', type: 'department' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('Thiếu trường "code" (nội dung).');
  });
});

describe('calendar', () => {
  it('GET /api/calendar/add-working-days: 2025-01-24 + 1 → 2025-02-03', async () => {
    const res = await t.app.inject({ url: '/api/calendar/add-working-days?from=2025-01-24&days=1' });
    expect(res.json()).toEqual({ date: '2025-02-03' });
  });

  it('rejects malformed dates in Vietnamese', async () => {
    const res = await t.app.inject({ url: '/api/calendar/add-working-days?from=2025-02-30&days=1' });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('"from"');
    const neg = await t.app.inject({ url: '/api/calendar/add-working-days?from=2025-01-24&days=-1' });
    expect(neg.statusCode).toBe(400);
    expect(neg.json().message).toBe('Trường "days" (tham số truy vấn) phải từ 0 trở lên.');
  });

  it('an administrator adds a bridge day; the calculation changes at once; the change is audited', async () => {
    const admin = await t.login('admin');
    const year = (await admin.get('/api/calendar/years/2027')).json();
    expect(year.canEdit).toBe(true);
    const before = (await t.app.inject({ url: '/api/calendar/add-working-days?from=2027-04-29&days=1' })).json().date;
    expect(before).toBe('2027-05-04'); // 30/4 Fri off, 1/5 Sat → Mon 3/5 off → Tue 4/5
    const days = [...year.days, { date: '2027-05-04', kind: 'day_off', name: 'Nghỉ bù thử nghiệm' }];
    const put = await admin.send('PUT', '/api/calendar/years/2027', { days });
    expect(put.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/calendar/add-working-days?from=2027-04-29&days=1' })).json().date).toBe('2027-05-05');
    const [row] = await auditRows('calendar.update');
    expect(row!.entityId).toBe('2027');
  });

  it('rejects a bad calendar row by row and keeps the year unchanged', async () => {
    const admin = await t.login('admin');
    const before = (await admin.get('/api/calendar/years/2026')).json().days;
    const res = await admin.send('PUT', '/api/calendar/years/2026', {
      days: [...before, { date: '2026-13-01', kind: 'day_off', name: 'Sai' }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/^Dòng \d+, trường "ngày": "2026-13-01" không phải ngày hợp lệ/);
    expect((await admin.get('/api/calendar/years/2026')).json().days).toEqual(before);
    const fp = await t.login('daumoi.stc');
    expect((await fp.send('PUT', '/api/calendar/years/2026', { days: before })).statusCode).toBe(403);
  });
});
