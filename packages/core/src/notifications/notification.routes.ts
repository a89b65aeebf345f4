import { Type } from '@sinclair/typebox';
import type { App } from '../http/types';
import { replies } from '../http/schemas';
import { listNotifications, markRead } from './notification.service';

const NStr = Type.Union([Type.String(), Type.Null()]);

export const Notifications = Type.Object(
  {
    unread: Type.Integer(),
    total: Type.Integer(),
    items: Type.Array(
      Type.Object({
        id: Type.Integer(),
        kind: Type.String(),
        title: Type.String(),
        body: Type.String(),
        link: NStr,
        createdAt: Type.String(),
        readAt: NStr,
        emailStatus: Type.String(),
      }),
    ),
  },
  { $id: 'Notifications' },
);

const tags = ['Thông báo'];

export function registerNotificationRoutes(app: App): void {
  app.addSchema(Notifications);
  const s = app.services;
  app.get(
    '/api/notifications',
    {
      config: { permission: 'session' },
      schema: {
        operationId: 'listNotifications',
        tags,
        summary: 'Thông báo nhắc việc của người dùng (mới nhất trước, phân trang)',
        querystring: Type.Object({
          limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
          offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
        }),
        response: replies({ 200: Type.Ref('Notifications') }),
      },
    },
    async (req) => listNotifications(s.db, req.requireActor().userId, req.query),
  );

  app.post(
    '/api/notifications/:id/read',
    {
      config: { permission: 'session' },
      schema: {
        operationId: 'markNotificationRead',
        tags,
        summary: 'Đánh dấu đã đọc (id hoặc "all")',
        params: Type.Object({ id: Type.Union([Type.Integer(), Type.Literal('all')]) }),
        response: replies({ 200: Type.Object({ ok: Type.Boolean() }) }),
      },
    },
    async (req) => {
      await markRead(s.db, req.requireActor().userId, req.params.id, s.now());
      return { ok: true };
    },
  );
}
