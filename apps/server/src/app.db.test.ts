import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '@cchc/test-kit';
import { startTestApp, type TestApp } from './testing';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

const auditRows = async (action: string) =>
  t.db.db.selectFrom('auditLog').selectAll().where('action', '=', action).orderBy('id', 'desc').execute();

describe('health and OpenAPI', () => {
  it('GET /api/health names the database', async () => {
    const res = await t.app.inject({ url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: process.env.TEST_DATABASE_URL ? 'postgresql' : 'pglite' });
  });

  it('GET /api/openapi.json documents every route with an operation id', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of [
      '/api/auth/login',
      '/api/auth/csrf',
      '/api/units',
      '/api/units/{code}/lineage',
      '/api/calendar/add-working-days',
      '/api/users',
      '/api/audit',
    ]) {
      expect(doc.paths[p], p).toBeDefined();
    }
    const ops = Object.values(doc.paths as Record<string, Record<string, { operationId?: string }>>).flatMap((m) => Object.values(m));
    expect(ops.every((o) => typeof o.operationId === 'string')).toBe(true);
  });

  it('unknown API paths answer 404 in Vietnamese JSON', async () => {
    const res = await t.app.inject({ url: '/api/khong-co' });
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toContain('Không có địa chỉ');
  });
});

describe('authentication', () => {
  it('logs in with the demo password and sets an HttpOnly signed session cookie', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: DEMO_PASSWORD } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ username: 'admin', roles: ['admin'], unitCode: '86.SNV', scope: 'province' });
    const cookie = res.cookies.find((c) => c.name === 'cchc_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.value).toContain('.'); // signed
    expect((await auditRows('auth.login')).length).toBeGreaterThan(0);
  });

  it('answers 401 in Vietnamese on a wrong password', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'lanhdao', password: 'sai-mat-khau' } });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'INVALID_CREDENTIALS', message: 'Tên đăng nhập hoặc mật khẩu không đúng.' });
  });

  it('locks the account after 5 failures with 429 and a Vietnamese message, even for the right password', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) {
      codes.push(
        (await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'thamdinh', password: 'sai' } })).statusCode,
      );
    }
    expect(codes).toEqual([401, 401, 401, 401, 429, 429]);
    const right = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'thamdinh', password: DEMO_PASSWORD },
    });
    expect(right.statusCode).toBe(429);
    expect(right.json().message).toMatch(/Tài khoản tạm khóa.*thử lại sau 15 phút/);
    expect((await auditRows('auth.lock')).length).toBe(1);
  });

  it('rate-limits login attempts per client address', async () => {
    let last = 0;
    for (let i = 0; i < 35; i++)
      last = (
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: '10.9.9.9',
          payload: { username: `khong-co-${i}`, password: 'x' },
        })
      ).statusCode;
    expect(last).toBe(429);
  });

  it('refuses protected routes without a session (401) and with a forged cookie', async () => {
    expect((await t.app.inject({ url: '/api/auth/me' })).statusCode).toBe(401);
    const forged = await t.app.inject({ url: '/api/auth/me', headers: { cookie: 'cchc_session=abc.def' } });
    expect(forged.statusCode).toBe(401);
    expect(forged.json().message).toContain('phiên đăng nhập đã hết hạn');
  });

  it('expires an idle session', async () => {
    try {
      t.setNow(new Date('2026-11-23T09:00:00+07:00'));
      const c = await t.login('cchc');
      expect((await c.get('/api/auth/me')).statusCode).toBe(200);
      t.setNow(new Date('2026-11-23T18:00:00+07:00')); // 9 h later, idle limit 8 h
      const res = await c.get('/api/auth/me');
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('UNAUTHENTICATED');
    } finally {
      t.setNow(null);
    }
  });

  it('requires the CSRF token on state-changing requests', async () => {
    const c = await t.login('admin');
    const body = { code: '86.TEST1', name: 'Ban Thử nghiệm', type: 'department' };
    const without = await c.send('POST', '/api/units', body, { csrf: null });
    expect(without.statusCode).toBe(403);
    expect(without.json()).toMatchObject({ code: 'CSRF_INVALID' });
    const wrong = await c.send('POST', '/api/units', body, { csrf: 'abc' });
    expect(wrong.statusCode).toBe(403);
    expect((await c.get('/api/units/86.TEST1')).statusCode).toBe(404); // nothing was created
    const ok = await c.send('POST', '/api/units', body);
    expect(ok.statusCode).toBe(200);
  });

  it('changes the password, ends other sessions, and logs out', async () => {
    const a = await t.login('daumoi.xa');
    const b = await t.login('daumoi.xa');
    const weak = await a.send('POST', '/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'ngan' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().message).toContain('ít nhất 8 ký tự');
    const ok = await a.send('POST', '/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'MatKhauMoi2026' });
    expect(ok.statusCode).toBe(200);
    expect((await b.get('/api/auth/me')).statusCode).toBe(401);
    expect((await a.get('/api/auth/me')).statusCode).toBe(200);
    const audit = await auditRows('user.change_password');
    expect(JSON.stringify(audit)).not.toContain('MatKhauMoi2026');
    expect((await a.send('POST', '/api/auth/logout')).statusCode).toBe(200);
    expect((await a.get('/api/auth/me')).statusCode).toBe(401);
    const again = await t.login('daumoi.xa', 'MatKhauMoi2026');
    expect(again.cookie).toBeTruthy();
  });
});

describe('confirming the password (leaving the kiosk screen)', () => {
  it('accepts the signed-in user’s password, refuses a wrong one in Vietnamese and locks after 5 wrong ones', async () => {
    const c = await t.login('chutich.xa');
    expect((await c.send('POST', '/api/auth/confirm', { password: DEMO_PASSWORD })).json()).toEqual({ ok: true });
    const wrong = await c.send('POST', '/api/auth/confirm', { password: 'sai' });
    expect([wrong.statusCode, wrong.json().message, wrong.json().details?.field]).toEqual([400, 'Mật khẩu không đúng.', 'password']);
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await c.send('POST', '/api/auth/confirm', { password: 'sai' })).statusCode);
    expect(codes).toEqual([400, 400, 400, 429]);
    expect((await c.send('POST', '/api/auth/confirm', { password: DEMO_PASSWORD })).statusCode).toBe(429);
    const lock = (await auditRows('auth.lock'))[0];
    expect(lock?.entityId).toBe(
      String((await t.db.db.selectFrom('appUser').select('id').where('username', '=', 'chutich.xa').executeTakeFirstOrThrow()).id),
    );
  });
});

describe('users and scope', () => {
  it('administrators create users; the new user must change the password; all audited', async () => {
    const admin = await t.login('admin');
    const res = await admin.send('POST', '/api/users', {
      username: 'daumoi.syt',
      fullName: 'Ngô Thị Y Tế',
      unitCode: '86.SYT',
      roles: ['focal_point'],
      password: 'BanDau2026',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ username: 'daumoi.syt', unitName: 'Sở Y tế', roles: ['focal_point'] });
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'daumoi.syt', password: 'BanDau2026' },
    });
    expect(login.json().mustChangePassword).toBe(true);
    const [row] = await auditRows('user.create');
    expect(JSON.stringify(row!.after)).not.toContain('BanDau2026');
  });

  it('rejects an unknown unit code and an unknown role in Vietnamese, creating nothing', async () => {
    const admin = await t.login('admin');
    const badUnit = await admin.send('POST', '/api/users', {
      username: 'x.y',
      fullName: 'X',
      unitCode: '86.KHONGCO',
      roles: ['focal_point'],
      password: 'BanDau2026',
    });
    expect(badUnit.statusCode).toBe(400);
    expect(badUnit.json().message).toContain('Không tìm thấy đơn vị có mã "86.KHONGCO"');
    const badRole = await admin.send('POST', '/api/users', {
      username: 'x.y',
      fullName: 'X',
      unitCode: '86.SYT',
      roles: ['sieu_nhan'],
      password: 'BanDau2026',
    });
    expect(badRole.json().message).toContain('Vai trò không hợp lệ: sieu_nhan');
    const list = (await admin.get('/api/users?q=x.y')).json().rows as unknown[];
    expect(list).toEqual([]);
  });

  it('a focal point cannot list users (403); the leader sees the whole province scope', async () => {
    const fp = await t.login('daumoi.stc');
    expect((await fp.get('/api/users')).statusCode).toBe(403);
    expect((await fp.get('/api/auth/me')).json().scope).toBe('unit');
    const leader = await t.login('lanhdao');
    expect((await leader.get('/api/auth/me')).json().scope).toBe('province');
  });

  it('deactivating a user ends their sessions and is audited with before/after', async () => {
    const admin = await t.login('admin');
    const victim = await t.login('motcua');
    const users = (await admin.get('/api/users?q=motcua')).json().rows as Array<{ id: number }>;
    const res = await admin.send('PATCH', `/api/users/${users[0]!.id}`, { isActive: false });
    expect(res.json().isActive).toBe(false);
    expect((await victim.get('/api/auth/me')).statusCode).toBe(401);
    const [row] = await auditRows('user.update');
    expect(row!.before).toMatchObject({ isActive: true });
    expect(row!.after).toMatchObject({ isActive: false });
  });
});

describe('audit log', () => {
  it('is filterable by administrators and closed to focal points', async () => {
    const admin = await t.login('admin');
    const res = await admin.get('/api/audit?action=auth.login&limit=5');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBeGreaterThan(0);
    expect(body.rows[0].at).toMatch(/\+07:00$/);
    expect(body.rows.every((r: { action: string }) => r.action === 'auth.login')).toBe(true);
    expect((await (await t.login('daumoi.stc')).get('/api/audit')).statusCode).toBe(403);
  });

  it('cannot be altered or deleted, even directly in the database', async () => {
    await expect(t.db.db.deleteFrom('auditLog').execute()).rejects.toThrow(/append-only/);
    await expect(t.db.db.updateTable('auditLog').set({ action: 'x' }).execute()).rejects.toThrow(/append-only/);
  });
});

describe('user list', () => {
  it('is paged and searched in SQL without accents', async () => {
    const admin = await t.login('admin');
    const page = (await admin.get('/api/users?limit=3')).json();
    expect(page.rows).toHaveLength(3);
    expect(page.total).toBeGreaterThanOrEqual(9);
    const found = (await admin.get(`/api/users?q=${encodeURIComponent('phu khuong')}`)).json();
    expect(found.rows.map((u: { username: string }) => u.username).sort()).toEqual(['chutich.xa', 'daumoi.xa']);
  });
});
