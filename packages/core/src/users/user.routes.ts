import { Type } from '@sinclair/typebox';
import type { App } from '../http/types';
import { replies } from '../http/schemas';
import { ROLES, ROLE_LABELS } from '../policy/roles';
import * as service from './user.service';

const User = Type.Object(
  {
    id: Type.Integer(),
    username: Type.String(),
    fullName: Type.String(),
    email: Type.Union([Type.String(), Type.Null()]),
    unitCode: Type.String(),
    unitName: Type.String(),
    roles: Type.Array(Type.String()),
    isActive: Type.Boolean(),
    locked: Type.Boolean(),
    abilities: Type.Object({ update: Type.Boolean() }),
  },
  { $id: 'User' },
);

export function registerUserRoutes(app: App): void {
  app.addSchema(User);
  const s = app.services;

  app.get(
    '/api/roles',
    {
      config: { permission: 'session' },
      schema: {
        operationId: 'listRoles',
        tags: ['Người dùng'],
        summary: 'Các vai trò và tên tiếng Việt',
        response: replies({ 200: Type.Array(Type.Object({ role: Type.String(), label: Type.String() })) }),
      },
    },
    async (req) => {
      req.requireActor();
      return ROLES.map((role) => ({ role, label: ROLE_LABELS[role] }));
    },
  );

  app.get(
    '/api/users',
    {
      config: { permission: 'user.read' },
      schema: {
        operationId: 'listUsers',
        tags: ['Người dùng'],
        summary: 'Danh sách người dùng (quản trị)',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 100, description: 'Tìm theo tên, tài khoản, đơn vị (không phân biệt dấu)' })),
          unit: Type.Optional(Type.String({ maxLength: 32 })),
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
          offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
        }),
        response: replies({ 200: Type.Object({ total: Type.Integer(), rows: Type.Array(Type.Ref('User')) }) }),
      },
    },
    async (req) =>
      service.listUsers(s, req.requireActor(), {
        search: req.query.q,
        unit: req.query.unit,
        limit: req.query.limit,
        offset: req.query.offset,
      }) as never,
  );

  app.post(
    '/api/users',
    {
      config: { permission: 'user.create' },
      schema: {
        operationId: 'createUser',
        tags: ['Người dùng'],
        summary: 'Tạo người dùng (phải đổi mật khẩu khi đăng nhập lần đầu)',
        body: Type.Object({
          username: Type.String({ minLength: 3, maxLength: 64 }),
          fullName: Type.String({ minLength: 1, maxLength: 200 }),
          email: Type.Optional(Type.Union([Type.String({ format: 'email' }), Type.Null()])),
          unitCode: Type.String({ minLength: 1, maxLength: 32 }),
          roles: Type.Array(Type.String(), { minItems: 1 }),
          password: Type.String({ minLength: 8, maxLength: 256 }),
        }),
        response: replies({ 200: Type.Ref('User') }),
      },
    },
    async (req) => service.createUser(s, req.auditContext(), req.requireActor(), req.body) as never,
  );

  app.patch(
    '/api/users/:id',
    {
      config: { permission: 'user.update' },
      schema: {
        operationId: 'updateUser',
        tags: ['Người dùng'],
        summary: 'Sửa người dùng: họ tên, đơn vị, vai trò, khóa/mở khóa, đặt lại mật khẩu',
        params: Type.Object({ id: Type.Integer() }),
        body: Type.Object({
          fullName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          email: Type.Optional(Type.Union([Type.String({ format: 'email' }), Type.Null()])),
          unitCode: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
          roles: Type.Optional(Type.Array(Type.String(), { minItems: 1 })),
          isActive: Type.Optional(Type.Boolean()),
          unlock: Type.Optional(Type.Boolean()),
          password: Type.Optional(Type.String({ minLength: 8, maxLength: 256 })),
        }),
        response: replies({ 200: Type.Ref('User') }),
      },
    },
    async (req) => service.updateUser(s, req.auditContext(), req.requireActor(), req.params.id, req.body) as never,
  );
}
