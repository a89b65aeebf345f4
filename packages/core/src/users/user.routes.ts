import { Type } from '@sinclair/typebox';
import type { App } from '../http/types';
import { replies } from '../http/schemas';
import { multipartBody, readMultipart, sendDownload } from '../http/upload';
import { readTable } from '../files/tabular';
import { XLSX_MIME, tablesToXlsx } from '../documents/xlsx';
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
          role: Type.Optional(Type.String({ maxLength: 32, description: 'Chỉ người có vai trò này' })),
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
        role: req.query.role,
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

  app.post(
    '/api/users/import',
    {
      config: { permission: 'user.create' },
      preValidation: readMultipart,
      schema: {
        operationId: 'importUsers',
        tags: ['Người dùng'],
        summary:
          'Tạo nhiều người dùng từ tệp XLSX/CSV (cột ten_dang_nhap, ho_ten, ma_don_vi, vai_tro, email): tạo tất cả hoặc không tạo ai, nêu từng dòng lỗi; trả mật khẩu tạm một lần',
        consumes: ['multipart/form-data'],
        body: multipartBody({}, 'Tệp danh sách người dùng'),
        response: replies({
          200: Type.Object({
            created: Type.Integer(),
            rows: Type.Array(
              Type.Object({
                username: Type.String(),
                fullName: Type.String(),
                unitCode: Type.String(),
                unitName: Type.String(),
                roles: Type.Array(Type.String()),
                email: Type.Union([Type.String(), Type.Null()]),
                password: Type.String({ description: 'Mật khẩu tạm, chỉ hiện một lần; phải đổi khi đăng nhập lần đầu' }),
              }),
            ),
          }),
        }),
      },
    },
    async (req) => {
      const file = req.upload!;
      const rows = await service.importUsers(s, req.auditContext(), req.requireActor(), await readTable(file.data, file.filename));
      return { created: rows.length, rows };
    },
  );

  app.get(
    '/api/users/import-template.xlsx',
    {
      config: { permission: 'user.create' },
      schema: {
        operationId: 'getUserImportTemplate',
        tags: ['Người dùng'],
        summary: 'Tệp mẫu tạo người dùng hàng loạt, với danh sách vai trò',
        response: replies({ 200: Type.String({ format: 'binary' }) }),
      },
    },
    async (_req, reply) => {
      const data = await tablesToXlsx([
        {
          name: 'Người dùng',
          columns: service.USER_IMPORT_COLUMNS.map((c) => ({ header: c, key: c, width: c === 'ho_ten' ? 28 : 20 })),
          rows: [
            { ten_dang_nhap: 'daumoi.stp', ho_ten: 'Nguyễn Thị Mai', ma_don_vi: '86.STP', vai_tro: 'focal_point', email: '' },
            { ten_dang_nhap: 'giamdoc.stp', ho_ten: 'Trần Văn Nam', ma_don_vi: '86.STP', vai_tro: 'Thủ trưởng đơn vị', email: '' },
          ],
        },
        {
          name: 'Vai trò',
          title: 'Cột vai_tro: mã hoặc tên vai trò; nhiều vai trò cách nhau bằng dấu chấm phẩy',
          columns: [
            { header: 'Mã', key: 'role', width: 20 },
            { header: 'Tên vai trò', key: 'label', width: 40 },
          ],
          rows: ROLES.map((role) => ({ role, label: ROLE_LABELS[role] })),
        },
      ]);
      return sendDownload(reply, { filename: 'mau-nguoi-dung.xlsx', data }, XLSX_MIME);
    },
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
