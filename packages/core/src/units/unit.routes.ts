import { Type } from '@sinclair/typebox';
import type { App } from '../http/types';
import { IsoDateString, replies } from '../http/schemas';
import { abilities } from '../policy/policy';
import type { Actor } from '../policy/actor';
import { UNIT_TYPE_LABELS, type UnitType } from './unit.domain';
import type { UnitView } from './unit.repository';
import * as service from './unit.service';

const Unit = Type.Object(
  {
    id: Type.Integer(),
    code: Type.String(),
    name: Type.String(),
    shortName: Type.Union([Type.String(), Type.Null()]),
    type: Type.String(),
    typeLabel: Type.String(),
    parentCode: Type.Union([Type.String(), Type.Null()]),
    provinceCode: Type.String(),
    validFrom: Type.Union([IsoDateString, Type.Null()]),
    validTo: Type.Union([IsoDateString, Type.Null()]),
    isLocal: Type.Boolean(),
    childCount: Type.Integer(),
    abilities: Type.Object({ update: Type.Boolean() }),
  },
  { $id: 'Unit' },
);

const LineageUnit = Type.Composite(
  [Type.Omit(Unit, ['abilities']), Type.Object({ relation: Type.String(), relationLabel: Type.String(), effectiveDate: IsoDateString })],
  {
    $id: 'LineageUnit',
  },
);

const RELATION_LABELS: Record<string, string> = { merged: 'Sáp nhập toàn bộ', split: 'Một phần (chia tách)', renamed: 'Đổi tên' };

function presentUnit(u: UnitView, actor: Actor | null) {
  return {
    ...u,
    typeLabel: UNIT_TYPE_LABELS[u.type as UnitType] ?? u.type,
    abilities: actor ? (abilities(actor, u, ['unit.update']) as { update: boolean }) : { update: false },
  };
}

function presentLineage(u: service.LineageEntry) {
  const { abilities: _ignored, ...rest } = presentUnit(u, null);
  return { ...rest, relation: u.relation, relationLabel: RELATION_LABELS[u.relation] ?? u.relation, effectiveDate: u.effectiveDate };
}

const CodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 32 }) });
const AtQuery = Type.Object({ at: Type.Optional(Type.String({ description: 'Ngày tra cứu YYYY-MM-DD (mặc định: hôm nay)' })) });

export function registerUnitRoutes(app: App): void {
  app.addSchema(Unit);
  app.addSchema(LineageUnit);
  const s = app.services;

  app.get(
    '/api/units',
    {
      config: { permission: 'public' },
      schema: {
        operationId: 'listUnits',
        tags: ['Đơn vị'],
        summary: 'Danh sách đơn vị: con của một đơn vị (parent), theo tỉnh, loại hoặc tìm kiếm, tại một ngày',
        querystring: Type.Object({
          parent: Type.Optional(Type.String({ maxLength: 32 })),
          province: Type.Optional(Type.String({ maxLength: 2 })),
          type: Type.Optional(Type.String({ maxLength: 200 })),
          q: Type.Optional(Type.String({ maxLength: 100 })),
          at: Type.Optional(Type.String()),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20000 })),
        }),
        response: replies({ 200: Type.Array(Type.Ref('Unit')) }),
      },
    },
    async (req) => (await service.listUnits(s, req.query)).map((u) => presentUnit(u, req.actor)),
  );

  app.get(
    '/api/units/:code',
    {
      config: { permission: 'public' },
      schema: {
        operationId: 'getUnit',
        tags: ['Đơn vị'],
        summary: 'Một đơn vị theo mã, tại một ngày',
        params: CodeParams,
        querystring: AtQuery,
        response: replies({ 200: Type.Ref('Unit') }),
      },
    },
    async (req) => presentUnit(await service.getUnitByCode(s, req.params.code, req.query.at), req.actor),
  );

  app.get(
    '/api/units/:code/lineage',
    {
      config: { permission: 'public' },
      schema: {
        operationId: 'getUnitOrigins',
        tags: ['Đơn vị'],
        summary: 'Đơn vị này hình thành từ những đơn vị nào (trước sắp xếp 1/7/2025)',
        params: CodeParams,
        querystring: AtQuery,
        response: replies({ 200: Type.Array(Type.Ref('LineageUnit')) }),
      },
    },
    async (req) => {
      return (await service.unitOrigins(s, req.params.code, req.query.at)).map(presentLineage);
    },
  );

  app.get(
    '/api/units/:code/successors',
    {
      config: { permission: 'public' },
      schema: {
        operationId: 'getUnitSuccessors',
        tags: ['Đơn vị'],
        summary: 'Đơn vị cũ này nay thuộc đơn vị nào (tra mã tại ngày 30/6/2025 nếu không chỉ định)',
        params: CodeParams,
        querystring: AtQuery,
        response: replies({ 200: Type.Array(Type.Ref('LineageUnit')) }),
      },
    },
    async (req) => {
      return (await service.unitSuccessors(s, req.params.code, req.query.at)).map(presentLineage);
    },
  );

  const UnitBody = Type.Object({
    code: Type.String({ minLength: 2, maxLength: 32 }),
    name: Type.String({ minLength: 1, maxLength: 300 }),
    shortName: Type.Optional(Type.Union([Type.String({ maxLength: 50 }), Type.Null()])),
    type: Type.String(),
    validFrom: Type.Optional(Type.String()),
  });

  app.post(
    '/api/units',
    {
      config: { permission: 'unit.create' },
      schema: {
        operationId: 'createUnit',
        tags: ['Đơn vị'],
        summary: 'Thêm sở, ban, ngành hoặc trung tâm của tỉnh',
        body: UnitBody,
        response: replies({ 200: Type.Ref('Unit') }),
      },
    },
    async (req) => {
      const actor = req.requireActor();
      return presentUnit(await service.createLocalUnit(s, req.auditContext(), actor, req.body), actor);
    },
  );

  app.patch(
    '/api/units/:code',
    {
      config: { permission: 'unit.update' },
      schema: {
        operationId: 'updateUnit',
        tags: ['Đơn vị'],
        summary: 'Sửa đơn vị của tỉnh (tên, tên viết tắt, loại, ngày kết thúc hoạt động)',
        params: CodeParams,
        body: Type.Object({
          name: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
          shortName: Type.Optional(Type.Union([Type.String({ maxLength: 50 }), Type.Null()])),
          type: Type.Optional(Type.String()),
          // Null first: with type coercion on, the string branch would turn null into "".
          validTo: Type.Optional(Type.Union([Type.Null(), Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })])),
        }),
        response: replies({ 200: Type.Ref('Unit') }),
      },
    },
    async (req) => {
      const actor = req.requireActor();
      return presentUnit(await service.updateLocalUnit(s, req.auditContext(), actor, req.params.code, req.body), actor);
    },
  );
}
