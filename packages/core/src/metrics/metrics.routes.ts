import { Type } from '@sinclair/typebox';
import type { App } from '../http/types';
import { IsoDateString, replies } from '../http/schemas';
import { can } from '../policy/policy';
import { resolveScopedUnit } from '../units/unit.service';
import { parsePeriod } from '../calendar/periods';

const NNum = Type.Union([Type.Number(), Type.Null()]);

const MetricPoint = Type.Object(
  {
    key: Type.String(),
    label: Type.Optional(Type.String()),
    value: NNum,
    numerator: Type.Optional(Type.Number()),
    denominator: Type.Optional(Type.Number()),
    parts: Type.Optional(Type.Record(Type.String(), Type.Number())),
    link: Type.Optional(Type.String()),
    items: Type.Optional(
      Type.Array(
        Type.Object({
          id: Type.String(),
          label: Type.String(),
          status: Type.Optional(Type.String()),
          statusLabel: Type.Optional(Type.String()),
          unitName: Type.Optional(Type.String()),
          link: Type.String(),
        }),
      ),
    ),
  },
  { $id: 'MetricPoint' },
);

const tags = ['Chỉ tiêu đo'];

export function registerMetricRoutes(app: App): void {
  app.addSchema(MetricPoint);
  const s = app.services;
  app.get(
    '/api/metrics/catalogue',
    {
      config: { permission: 'session' },
      schema: {
        operationId: 'listMetrics',
        tags,
        summary: 'Các chỉ tiêu đo mà các phân hệ công bố (người dùng đọc được)',
        response: replies({
          200: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), unit: Type.String(), description: Type.String() })),
        }),
      },
    },
    async (req) => {
      const actor = req.requireActor();
      return s.metrics
        .list()
        .filter((d) => can(actor, d.permission))
        .map(({ key, label, unit, description }) => ({ key, label, unit, description }));
    },
  );

  // One value: a metric for one unit (default the province) and one period (year, half, quarter, month).
  app.get(
    '/api/metrics',
    {
      config: { permission: 'session' },
      schema: {
        operationId: 'readMetricValue',
        tags,
        summary: 'Giá trị một chỉ tiêu đo của một đơn vị trong một kỳ (năm, 6 tháng, quý, tháng), kèm liên kết tới hồ sơ gốc',
        querystring: Type.Object({
          key: Type.String({ maxLength: 100 }),
          unit: Type.Optional(Type.String({ maxLength: 40 })),
          period: Type.String({ maxLength: 10, description: '2026, 2026-H1, 2026-Q3 hoặc 2026-M07' }),
        }),
        response: replies({
          200: Type.Object({
            key: Type.String(),
            unitCode: Type.String(),
            period: Type.String(),
            from: IsoDateString,
            to: IsoDateString,
            value: NNum,
            label: Type.String(),
            numerator: Type.Optional(Type.Number()),
            denominator: Type.Optional(Type.Number()),
            href: Type.Union([Type.String(), Type.Null()]),
          }),
        }),
      },
    },
    async (req) => {
      const actor = req.requireActor();
      const unitCode = req.query.unit ?? s.provinceCode;
      if (req.query.unit) await resolveScopedUnit(s, actor, req.query.unit);
      const period = parsePeriod(req.query.period);
      const [point] = await s.metrics.read(s, actor, req.query.key, { from: period.start, to: period.end, unit: req.query.unit });
      const def = s.metrics.list().find((d) => d.key === req.query.key)!;
      return {
        key: req.query.key,
        unitCode,
        period: period.key,
        from: period.start,
        to: period.end,
        value: point?.value ?? null,
        label: def.label,
        numerator: point?.numerator,
        denominator: point?.denominator,
        href: point?.link ?? null,
      };
    },
  );

  app.get(
    '/api/metrics/:key',
    {
      // The metric's own permission is checked by the registry (it depends on the key).
      config: { permission: 'session' },
      schema: {
        operationId: 'readMetric',
        tags,
        summary: 'Giá trị một chỉ tiêu đo theo đơn vị (hoặc thành phần) trong một khoảng thời gian, kèm liên kết tới hồ sơ gốc',
        params: Type.Object({ key: Type.String({ maxLength: 100 }) }),
        querystring: Type.Object({
          from: IsoDateString,
          to: IsoDateString,
          unit: Type.Optional(Type.String({ maxLength: 40 })),
          byUnit: Type.Optional(Type.Boolean()),
          of: Type.Optional(Type.String({ maxLength: 40 })),
        }),
        response: replies({ 200: Type.Array(Type.Ref('MetricPoint')) }),
      },
    },
    async (req) => {
      const actor = req.requireActor();
      if (req.query.unit) await resolveScopedUnit(s, actor, req.query.unit);
      return s.metrics.read(s, actor, req.params.key, req.query);
    },
  );
}
