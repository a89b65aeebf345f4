import { Type } from '@sinclair/typebox';
import type { App } from '../http/types';
import { replies } from '../http/schemas';
import { authorize } from '../policy/policy';
import { formatLocalDateTime, isIsoDate } from '../calendar/calendar.domain';
import { AppError } from '../errors';
import { listAudit } from './audit';
import { actionLabel, describeChange, entityLabel, knownActions } from './audit-labels';

const AuditEntry = Type.Object(
  {
    id: Type.Integer(),
    at: Type.String(),
    actorUsername: Type.Union([Type.String(), Type.Null()]),
    actorUnitName: Type.Union([Type.String(), Type.Null()]),
    action: Type.String(),
    actionLabel: Type.String({ description: 'Thao tác bằng tiếng Việt' }),
    entityType: Type.String(),
    entityLabel: Type.String(),
    entityId: Type.Union([Type.String(), Type.Null()]),
    before: Type.Unknown(),
    after: Type.Unknown(),
    ip: Type.Union([Type.String(), Type.Null()]),
    changes: Type.Array(Type.Object({ field: Type.String(), label: Type.String(), before: Type.String(), after: Type.String() }), {
      description: 'Các trường trước và sau, bằng tiếng Việt',
    }),
  },
  { $id: 'AuditEntry' },
);

export function registerAuditRoutes(app: App): void {
  app.addSchema(AuditEntry);
  const s = app.services;
  app.get(
    '/api/audit',
    {
      config: { permission: 'audit.read' },
      schema: {
        operationId: 'listAudit',
        tags: ['Nhật ký'],
        summary: 'Nhật ký thay đổi: ai, lúc nào, đơn vị, đối tượng, trước và sau',
        querystring: Type.Object({
          from: Type.Optional(Type.String()),
          to: Type.Optional(Type.String()),
          action: Type.Optional(Type.String({ maxLength: 100 })),
          entityType: Type.Optional(Type.String({ maxLength: 100 })),
          entityId: Type.Optional(Type.String({ maxLength: 100 })),
          username: Type.Optional(Type.String({ maxLength: 64 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
          offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
        }),
        response: replies({ 200: Type.Object({ total: Type.Integer(), rows: Type.Array(Type.Ref('AuditEntry')) }) }),
      },
    },
    async (req) => {
      authorize(req.requireActor(), 'audit.read');
      for (const f of ['from', 'to'] as const) {
        const v = req.query[f];
        if (v && !isIsoDate(v)) throw new AppError('INVALID_DATE', `Trường "${f}": "${v}" không phải ngày hợp lệ (YYYY-MM-DD).`);
      }
      const { rows, total } = await listAudit(s.db, { ...req.query, limit: req.query.limit ?? 50, offset: req.query.offset ?? 0 });
      return {
        total,
        rows: rows.map((r) => ({
          ...r,
          id: Number(r.id),
          at: formatLocalDateTime(r.at),
          actionLabel: actionLabel(r.action, r.entityType),
          entityLabel: entityLabel(r.entityType),
          changes: describeChange(r.before, r.after),
        })),
      };
    },
  );

  app.get(
    '/api/audit/actions',
    {
      config: { permission: 'audit.read' },
      schema: {
        operationId: 'listAuditActions',
        tags: ['Nhật ký'],
        summary: 'Các thao tác được ghi nhật ký, với tên tiếng Việt (bộ lọc của trang nhật ký)',
        response: replies({
          200: Type.Object({
            actions: Type.Array(Type.Object({ value: Type.String(), label: Type.String() })),
            entities: Type.Array(Type.Object({ value: Type.String(), label: Type.String() })),
          }),
        }),
      },
    },
    async (req) => {
      authorize(req.requireActor(), 'audit.read');
      return knownActions();
    },
  );
}
