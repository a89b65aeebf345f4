import { Type } from '@sinclair/typebox';
import type { App } from '../http/types';
import { replies } from '../http/schemas';
import { ROLE_LABELS } from '../policy/roles';
import type { Actor } from '../policy/actor';
import { globalAbilities } from '../policy/policy';
import { changePassword, confirmPassword, createCsrfToken, login, logout } from './auth.service';

export const SESSION_COOKIE = 'cchc_session';

const Me = Type.Object(
  {
    userId: Type.Integer(),
    username: Type.String(),
    fullName: Type.String(),
    unitCode: Type.String(),
    unitName: Type.String(),
    provinceCode: Type.String(),
    roles: Type.Array(Type.String()),
    roleLabels: Type.Array(Type.String()),
    scope: Type.Union([Type.Literal('province'), Type.Literal('unit')]),
    mustChangePassword: Type.Optional(Type.Boolean()),
    abilities: Type.Record(Type.String(), Type.Boolean(), { description: 'Quyền theo thao tác không gắn với bản ghi, ví dụ "user.read"' }),
  },
  { $id: 'Me' },
);

export function presentMe(actor: Actor, mustChangePassword?: boolean) {
  return {
    userId: actor.userId,
    username: actor.username,
    fullName: actor.fullName,
    unitCode: actor.unitCode,
    unitName: actor.unitName,
    provinceCode: actor.provinceCode,
    roles: [...actor.roles],
    roleLabels: actor.roles.map((r) => ROLE_LABELS[r]),
    scope: actor.scope.kind === 'province' ? ('province' as const) : ('unit' as const),
    abilities: globalAbilities(actor),
    ...(mustChangePassword !== undefined && { mustChangePassword }),
  };
}

export function registerAuthRoutes(app: App): void {
  app.addSchema(Me);
  const s = app.services;

  app.post(
    '/api/auth/login',
    {
      config: { permission: 'public', skipCsrf: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        operationId: 'login',
        tags: ['Xác thực'],
        summary: 'Đăng nhập bằng tên đăng nhập và mật khẩu',
        body: Type.Object({
          username: Type.String({ minLength: 1, maxLength: 64 }),
          password: Type.String({ minLength: 1, maxLength: 256 }),
        }),
        response: replies({ 200: Type.Ref('Me'), 429: Type.Ref('ErrorReply') }),
      },
    },
    async (req, reply) => {
      const r = await login(s, req.auditContext(), { ...req.body, userAgent: req.headers['user-agent'] ?? null });
      reply.setCookie(SESSION_COOKIE, r.sessionId, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        signed: true,
        secure: req.protocol === 'https',
      });
      return presentMe(r.actor, r.mustChangePassword);
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { permission: 'session' },
      schema: {
        operationId: 'logout',
        tags: ['Xác thực'],
        summary: 'Đăng xuất',
        response: replies({ 200: Type.Object({ ok: Type.Boolean() }) }),
      },
    },
    async (req, reply) => {
      if (req.sessionId) await logout(s, req.auditContext(), req.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  );

  app.post(
    '/api/auth/confirm',
    {
      config: { permission: 'session', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        operationId: 'confirmPassword',
        tags: ['Xác thực'],
        summary: 'Xác nhận lại mật khẩu của người đang đăng nhập (thoát màn hình khóa, ví dụ máy đánh giá tại quầy)',
        body: Type.Object({ password: Type.String({ minLength: 1, maxLength: 256 }) }),
        response: replies({ 200: Type.Object({ ok: Type.Boolean() }), 429: Type.Ref('ErrorReply') }),
      },
    },
    async (req) => {
      await confirmPassword(s, req.auditContext(), req.requireActor(), req.body.password);
      return { ok: true };
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { permission: 'session' },
      schema: {
        operationId: 'getMe',
        tags: ['Xác thực'],
        summary: 'Người dùng đang đăng nhập',
        response: replies({ 200: Type.Ref('Me') }),
      },
    },
    async (req) => presentMe(req.requireActor(), req.mustChangePassword),
  );

  app.get(
    '/api/auth/csrf',
    {
      config: { permission: 'session' },
      schema: {
        operationId: 'getCsrfToken',
        tags: ['Xác thực'],
        summary: 'Mã chống giả mạo yêu cầu (gửi trong header x-csrf-token với mọi yêu cầu thay đổi dữ liệu)',
        response: replies({ 200: Type.Object({ token: Type.String() }) }),
      },
    },
    async (req) => {
      req.requireActor();
      return { token: createCsrfToken(req.csrfSecret!) };
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { permission: 'session' },
      schema: {
        operationId: 'changePassword',
        tags: ['Xác thực'],
        summary: 'Đổi mật khẩu (các phiên đăng nhập khác bị kết thúc)',
        body: Type.Object({ currentPassword: Type.String({ minLength: 1 }), newPassword: Type.String({ minLength: 1, maxLength: 256 }) }),
        response: replies({ 200: Type.Object({ ok: Type.Boolean() }) }),
      },
    },
    async (req) => {
      await changePassword(s, req.auditContext(), req.requireActor(), req.sessionId!, req.body);
      return { ok: true };
    },
  );
}
