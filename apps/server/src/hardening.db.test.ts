/**
 * The product under real use: proxies and forged addresses, the initial password, security headers,
 * unit scope on imports, concurrent report writes, an import a crash interrupted and the append-only
 * audit log (hostile uploads are in bombs.db.test.ts).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recoverInterruptedImports } from '@cchc/dossiers';
import { startTestApp, type TestApp, type TestClient } from './testing';

let t: TestApp;
let office: TestClient;
beforeAll(async () => {
  t = await startTestApp({ trustProxy: ['10.9.9.9'] });
  office = await t.login('cchc');
});
afterAll(() => t.close());

describe('client address', () => {
  it('believes X-Forwarded-For only from a trusted proxy', async () => {
    const forged = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '10.1.1.1',
      headers: { 'x-forwarded-for': '203.0.113.7' },
      payload: { username: 'lanhdao', password: 'sai' },
    });
    expect(forged.statusCode).toBe(401);
    const viaProxy = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '10.9.9.9',
      headers: { 'x-forwarded-for': '203.0.113.8' },
      payload: { username: 'lanhdao', password: 'sai' },
    });
    expect(viaProxy.statusCode).toBe(401);
    const rows = await t.db.db
      .selectFrom('auditLog')
      .select('ip')
      .where('action', '=', 'auth.login_failed')
      .orderBy('id', 'desc')
      .limit(2)
      .execute();
    if (rows.length === 2) expect(rows.map((r) => r.ip).sort()).toEqual(['10.1.1.1', '203.0.113.8']);
  });

  it('rate-limits a client that forges a new X-Forwarded-For on every attempt', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 35; i++) {
      codes.push(
        (
          await t.app.inject({
            method: 'POST',
            url: '/api/auth/login',
            remoteAddress: '10.2.2.2',
            headers: { 'x-forwarded-for': `198.51.100.${i}` },
            payload: { username: `khong-co-${i}`, password: 'x' },
          })
        ).statusCode,
      );
    }
    expect(codes.filter((c) => c === 429).length).toBeGreaterThan(0);
  });
});

describe('initial password', () => {
  it('is enforced by the server: nothing but the password change until it is changed', async () => {
    const admin = await t.login('admin');
    const created = await admin.send('POST', '/api/users', {
      username: 'moi.stc',
      fullName: 'Người Dùng Mới',
      unitCode: '86.STC',
      roles: ['focal_point'],
      password: 'KhoiTao@2026',
    });
    expect(created.statusCode).toBe(200);
    const fresh = await t.login('moi.stc', 'KhoiTao@2026');
    const me = (await fresh.get('/api/auth/me')).json();
    expect(me.mustChangePassword).toBe(true);
    const blocked = await fresh.get('/api/tasks');
    expect([blocked.statusCode, blocked.json().code]).toEqual([403, 'PASSWORD_CHANGE_REQUIRED']);
    expect((await fresh.send('PUT', '/api/tasks/1/reports/once', { content: 'x', percent: 1 })).statusCode).toBe(403);
    expect(
      (await fresh.send('POST', '/api/auth/password', { currentPassword: 'KhoiTao@2026', newPassword: 'MatKhauMoi#2026' })).statusCode,
    ).toBe(200);
    expect((await fresh.get('/api/tasks')).statusCode).toBe(200);
  });
});

describe('replies', () => {
  it('carry security headers, compress JSON and send uploads back as safe attachments', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/directives/dashboard',
      headers: { cookie: office.cookie, 'accept-encoding': 'gzip' },
    });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    const tls = await t.app.inject({
      method: 'GET',
      url: '/api/health',
      remoteAddress: '10.9.9.9',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(tls.headers['strict-transport-security']).toContain('max-age=');

    const focal = await t.login('daumoi.stc');
    const task = (await focal.get('/api/tasks?unit=86.STC&limit=200'))
      .json()
      .rows.find((r: { dueDate: string | null; reportState: string | null }) => r.dueDate && !r.reportState);
    const url = `/api/tasks/${task.id}/reports/once`;
    expect((await focal.send('PUT', url, { content: 'Đang thực hiện.', percent: 10 })).statusCode).toBe(200);
    const ev = await focal.upload(`${url}/evidence`, { name: 'trang.html', data: '<script>alert(1)</script>' });
    const evidenceId = ev.json().obligations[0].evidence[0].id;
    const dl = await focal.get(`/api/evidence/${evidenceId}`);
    expect(dl.headers['content-type']).toBe('application/octet-stream');
    expect(String(dl.headers['content-disposition'])).toMatch(/^attachment;/);
  });
});

describe('bad input', () => {
  it('gets 400 with a Vietnamese message, never 500', async () => {
    for (const url of [
      '/api/units?q=%00',
      '/api/tasks/99999999999999999999',
      '/api/tasks?offset=1e308',
      '/api/tasks?limit=Infinity',
      '/api/audit?limit=1e400',
    ]) {
      const res = await office.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().message).toMatch(/[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i);
    }
    const nul = await office.send('POST', '/api/directives/parse', { text: 'Chỉ thị\u0000' });
    expect(nul.statusCode).toBe(400);
    // Found by hand before the fuzz test existed: an index year with no result for the province, and a
    // unit's end date cleared with null (coerced to "" by the string branch).
    expect((await office.get('/api/indices/analysis?index=PAR_INDEX&year=2024&province=86')).statusCode).toBe(200);
    const admin = await t.login('admin');
    const cleared = await admin.send('PATCH', '/api/units/86.STC', { validTo: null });
    expect([cleared.statusCode, cleared.json().validTo]).toEqual([200, null]);
  });
});

describe('unit scope of a dossier import', () => {
  it('rejects rows for dossiers of units outside the importer, and moving a dossier is province-level and audited', async () => {
    const HEADER =
      'ma_ho_so,ma_tthc,ten_tthc,ma_don_vi,kenh,ngay_tiep_nhan,ngay_hen_tra,ngay_ket_thuc,trang_thai,thoi_han,don_vi_thoi_han,bo_sung,ngay_xin_loi,can_bo_xu_ly,nguyen_nhan_tre_han';
    const commune = await t.db.db
      .selectFrom('dossier')
      .select(['code', 'unitCode'])
      .where('unitCode', 'like', '86.%')
      .where('unitCode', '!=', '86.TTPVHCC')
      .limit(1)
      .executeTakeFirstOrThrow();
    const row = (unit: string) =>
      `${commune.code},1.000001,Chứng thực bản sao,${unit},1,2026-09-03T09:00:00,,2026-09-04T10:00:00,10,3,ngay_lam_viec,,,Kẻ Gian,`;
    const motcua = await t.login('motcua');
    const overwrite = (await motcua.upload('/api/dossiers/imports', { name: 'x.csv', data: `${HEADER}\n${row(commune.unitCode)}` })).json();
    expect(overwrite).toMatchObject({ inserted: 0, updated: 0, rejected: 1 });
    expect(overwrite.errors[0].message).toContain('ngoài phạm vi');
    const steal = (await motcua.upload('/api/dossiers/imports', { name: 'y.csv', data: `${HEADER}\n${row('86.TTPVHCC')}` })).json();
    expect(steal).toMatchObject({ inserted: 0, updated: 0, rejected: 1 });
    const unchanged = await t.db.db
      .selectFrom('dossier')
      .select(['unitCode', 'official'])
      .where('code', '=', commune.code)
      .executeTakeFirstOrThrow();
    expect(unchanged.unitCode).toBe(commune.unitCode);
    expect(unchanged.official).not.toBe('Kẻ Gian');
    // Sở Nội vụ may move it; the move is in the audit log with before and after.
    const moved = (await office.upload('/api/dossiers/imports', { name: 'z.csv', data: `${HEADER}\n${row('86.STP')}` })).json();
    expect(moved).toMatchObject({ updated: 1, rejected: 0 });
    const audit = await t.db.db
      .selectFrom('auditLog')
      .select(['before', 'after', 'actorUsername'])
      .where('action', '=', 'dossier.move')
      .where('entityId', '=', commune.code)
      .executeTakeFirstOrThrow();
    expect([audit.actorUsername, (audit.before as { unitCode: string }).unitCode, (audit.after as { unitCode: string }).unitCode]).toEqual([
      'cchc',
      commune.unitCode,
      '86.STP',
    ]);
    // An import's rejected rows are the importer's (and Sở Nội vụ's), not any user's.
    const xa = await t.login('daumoi.xa');
    expect((await xa.get(`/api/dossiers/imports/${overwrite.importId}/errors.xlsx`)).statusCode).toBe(404);
    expect((await motcua.get(`/api/dossiers/imports/${overwrite.importId}/errors.xlsx`)).statusCode).toBe(200);
    expect((await xa.upload('/api/dossiers/imports/headers', { name: 'h.csv', data: HEADER })).statusCode).toBe(403);
    expect((await xa.get('/api/dossiers/mappings')).statusCode).toBe(403);
  });
});

describe('concurrent report writes', () => {
  it('a head submitting while the focal point saves: one wins, the other gets 409, nothing reverts silently', async () => {
    const focal = await t.login('daumoi.stc');
    const head = await t.login('giamdoc.stc');
    const tasks = (await focal.get('/api/tasks?unit=86.STC&limit=200'))
      .json()
      .rows.filter((r: { dueDate: string | null; reportState: string | null }) => r.dueDate && !r.reportState);
    expect(tasks.length).toBeGreaterThan(8);
    for (const task of tasks.slice(1, 7)) {
      const url = `/api/tasks/${task.id}/reports/once`;
      expect((await focal.send('PUT', url, { content: 'Bản nháp đầu.', percent: 50 })).statusCode).toBe(200);
      const [save, submit] = await Promise.all([
        focal.send('PUT', url, { content: 'Sửa lại.', percent: 60 }),
        head.send('POST', `${url}/submit`),
      ]);
      // Either order may win; the loser is told (409 changed meanwhile, or 403 the report is already submitted).
      expect([
        [200, 200],
        [200, 409],
        [200, 403],
      ]).toContainEqual([save.statusCode, submit.statusCode].sort());
      const report = (await focal.get(`/api/tasks/${task.id}`)).json().obligations[0].report;
      // A submitted report never silently goes back to draft; a refused submit leaves the saved draft.
      if (submit.statusCode === 200) expect(report.state).toBe('submitted');
      else expect([report.state, report.content]).toEqual(['draft', 'Sửa lại.']);
    }
    // Two first saves at once: never a duplicate-key 500 — the second is a 409, or (when the database ran
    // them one after the other) an ordinary second save.
    const fresh = tasks[tasks.length - 1];
    const url = `/api/tasks/${fresh.id}/reports/once`;
    const both = await Promise.all([
      focal.send('PUT', url, { content: 'A', percent: 1 }),
      head.send('PUT', url, { content: 'B', percent: 2 }),
    ]);
    expect([
      [200, 200],
      [200, 409],
    ]).toContainEqual(both.map((r) => r.statusCode).sort());
    // A stale version is refused: the version seen, then a save by someone else, then a save with the old one.
    const seen = (await focal.get(`/api/tasks/${fresh.id}`)).json().obligations[0].report.version as number;
    expect((await head.send('PUT', url, { content: 'C', percent: 3, version: seen })).statusCode).toBe(200);
    const stale = await focal.send('PUT', url, { content: 'D', percent: 4, version: seen });
    expect([stale.statusCode, stale.json().code]).toEqual([409, 'REPORT_CHANGED']);
    expect((await focal.get(`/api/tasks/${fresh.id}`)).json().obligations[0].report.content).toBe('C');
  });
});

describe('an import a crash interrupted', () => {
  it('is marked interrupted with an audit row and its months are rebuilt from the rows written', async () => {
    const s = t.app.services;
    const { id } = await s.db
      .insertInto('dossierImport')
      .values({
        provinceCode: '86',
        filename: 'dang-do.csv',
        userId: null,
        startedAt: new Date('2026-11-23T08:00:00+07:00'),
        status: 'running',
        heartbeatAt: new Date('2026-11-23T08:01:00+07:00'),
        touchedMonths: ['2026-05'],
        rowsRead: 5000,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // The rollup of May is wrong (as if the crash hit between a batch and the rebuild).
    await sql`delete from dossier_rollup where province_code = '86' and received_month = '2026-05'`.execute(s.db);
    const statsMay = () => office.get('/api/dossiers/stats?from=2026-05-01&to=2026-05-31&groupBy=unit&asOf=2026-11-23');
    expect(await recoverInterruptedImports(s, { staleMs: 0 })).toBe(1);
    const row = await s.db.selectFrom('dossierImport').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('interrupted');
    const audit = await s.db
      .selectFrom('auditLog')
      .select('after')
      .where('action', '=', 'dossier.import.interrupted')
      .where('entityId', '=', String(id))
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ status: 'interrupted', rebuiltMonths: ['2026-05'] });
    const rollup = await sql<{
      n: number;
    }>`select count(*)::int as n from dossier_rollup where province_code = '86' and received_month = '2026-05'`.execute(s.db);
    expect(rollup.rows[0]!.n).toBeGreaterThan(0);
    expect((await statsMay()).statusCode).toBe(200);
    const list = (await office.get('/api/dossiers/imports?limit=50')).json();
    expect(list.rows.find((r: { id: number }) => r.id === Number(id))).toMatchObject({ status: 'interrupted' });
    // Running again finds nothing more to do.
    expect(await recoverInterruptedImports(s, { staleMs: 0 })).toBe(0);
  });
});

describe('the audit log', () => {
  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    const db = t.app.services.db;
    await expect(sql`update audit_log set action = 'x'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(db)).rejects.toThrow(/append-only/);
    const n = await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(db);
    expect(n.rows[0]!.n).toBeGreaterThan(0);
  });
});
