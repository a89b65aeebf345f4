/** TypeBox schemas of the inspections routes (they feed OpenAPI and the generated client). */
import { Type } from '@sinclair/typebox';
import { IsoDateString, IsoDateTimeString } from '@cchc/core';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Lit = <const T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const Kind = Lit(['planned', 'unannounced', 'thematic', 'self']);
export const Status = Lit(['scheduled', 'concluded', 'cancelled']);
export const FindingStateFilter = Lit(['open', 'overdue', 'remedied', 'unresolved']);
const Page = { total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() };
const Limit = Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 }));
const Offset = Type.Optional(Type.Integer({ minimum: 0, default: 0 }));
export const Year = Type.Integer({ minimum: 2000, maximum: 2100 });

export const Plan = Type.Object({
  id: Type.Integer(),
  year: Type.Integer(),
  name: Type.String(),
  target: Type.Number(),
  selfTarget: Type.Number(),
});
export const PlanInput = Type.Object({
  year: Year,
  name: Type.String({ minLength: 1, maxLength: 300 }),
  target: Type.Optional(Type.Number({ description: 'Tỷ lệ đơn vị cần kiểm tra trong năm (0,3 = 30 %)' })),
  selfTarget: Type.Optional(Type.Number({ description: 'Tỷ lệ đơn vị trực thuộc mỗi đơn vị tự kiểm tra (0,5)' })),
});

export const TemplateItem = Type.Object({
  code: Type.String({ maxLength: 20 }),
  area: Type.String({ maxLength: 40 }),
  text: Type.String({ maxLength: 1000 }),
  isActive: Type.Optional(Type.Boolean()),
});
export const TemplateView = Type.Intersect([TemplateItem, Type.Object({ areaLabel: Type.String(), sortOrder: Type.Integer() })]);

export const InspectionInput = Type.Object({
  planId: Type.Integer({ minimum: 1 }),
  unitCode: Type.String({ minLength: 1, maxLength: 40 }),
  date: IsoDateString,
  kind: Kind,
  areas: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })),
  teamLeader: Type.Optional(Type.String({ maxLength: 200 })),
  teamMembers: Type.Optional(Type.String({ maxLength: 2000 })),
});

export const InspectionItem = Type.Object({
  id: Type.Integer(),
  planId: Type.Integer(),
  unitCode: Type.String(),
  unitName: Type.String(),
  byUnitName: Nullable(Type.String()),
  kind: Kind,
  kindLabel: Type.String(),
  status: Status,
  statusLabel: Type.String(),
  held: Type.Boolean(),
  sealed: Type.Boolean({ description: 'Đột xuất, chưa đến ngày: chỉ Sở Nội vụ thấy' }),
  date: IsoDateString,
  areas: Type.Array(Type.String()),
  teamLeader: Nullable(Type.String()),
  findings: Type.Integer(),
  openFindings: Type.Integer(),
});
export const InspectionPage = Type.Object({ items: Type.Array(InspectionItem), ...Page });

export const Finding = Type.Object({
  id: Type.Integer(),
  inspectionId: Type.Integer(),
  inspectionDate: IsoDateString,
  unitCode: Type.String(),
  unitName: Type.String(),
  area: Type.String(),
  areaLabel: Type.String(),
  itemCode: Nullable(Type.String()),
  text: Type.String(),
  severity: Type.String(),
  severityLabel: Type.String(),
  remedy: Nullable(Type.String()),
  dueDate: IsoDateString,
  taskId: Nullable(Type.Integer()),
  taskStatusLabel: Nullable(Type.String()),
  repeated: Type.Boolean(),
  status: Type.String(),
  state: Lit(['in_progress', 'reported', 'overdue', 'remedied', 'unresolved']),
  stateLabel: Type.String(),
  verifiedAt: Nullable(IsoDateTimeString),
  verifyNote: Nullable(Type.String()),
});
export const FindingPage = Type.Object({ items: Type.Array(Finding), ...Page });

export const InspectionDetail = Type.Object({
  id: Type.Integer(),
  plan: Type.Object({ id: Type.Integer(), name: Type.String(), year: Type.Integer() }),
  unitCode: Type.String(),
  unitName: Type.String(),
  byUnitName: Nullable(Type.String()),
  kind: Kind,
  kindLabel: Type.String(),
  status: Status,
  statusLabel: Type.String(),
  held: Type.Boolean(),
  date: IsoDateString,
  areas: Type.Array(Type.String()),
  areaLabels: Type.Array(Type.String()),
  teamLeader: Nullable(Type.String()),
  teamMembers: Nullable(Type.String()),
  fromDraw: Type.Boolean(),
  recordText: Nullable(Type.String()),
  conclusion: Nullable(Type.String()),
  concludedAt: Nullable(IsoDateTimeString),
  cancelReason: Nullable(Type.String()),
  version: Type.Integer(),
  checks: Type.Array(
    Type.Object({
      itemCode: Type.String(),
      area: Type.String(),
      areaLabel: Type.String(),
      text: Type.String(),
      result: Nullable(Lit(['pass', 'fail', 'na'])),
      note: Nullable(Type.String()),
    }),
  ),
  findings: Type.Array(Finding),
  evidence: Type.Array(Type.Object({ id: Type.Integer(), filename: Type.String(), size: Type.Integer(), sha256: Type.String() })),
  abilities: Type.Record(Type.String(), Type.Boolean()),
});

export const ListQuery = Type.Object({
  year: Type.Optional(Year),
  planId: Type.Optional(Type.Integer({ minimum: 1 })),
  unit: Type.Optional(Type.String({ maxLength: 40 })),
  kind: Type.Optional(Kind),
  status: Type.Optional(Status),
  when: Type.Optional(Lit(['held', 'upcoming'])),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Limit,
  offset: Offset,
});

export const FindingQuery = Type.Object({
  year: Type.Optional(Year),
  unit: Type.Optional(Type.String({ maxLength: 40 })),
  state: Type.Optional(FindingStateFilter),
  severity: Type.Optional(Lit(['minor', 'major', 'serious'])),
  repeated: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Limit,
  offset: Offset,
});

export const FindingInput = Type.Object({
  text: Type.String({ maxLength: 5000 }),
  severity: Type.String({ maxLength: 20, description: 'minor (nhẹ), major (đáng kể), serious (nghiêm trọng); cũng nhận low/medium/high' }),
  dueDate: IsoDateString,
  remedy: Type.Optional(Type.String({ maxLength: 5000 })),
  area: Type.Optional(Type.String({ maxLength: 40 })),
  itemCode: Type.Optional(Type.String({ maxLength: 20 })),
});

export const Coverage = Type.Object({
  year: Type.Integer(),
  units: Type.Integer({ description: 'Sở, ban, ngành và xã, phường, đặc khu hiện nay của tỉnh (trong phạm vi người xem)' }),
  inspected: Type.Integer({ description: 'Đơn vị có ít nhất một cuộc kiểm tra đã diễn ra trong năm (không tính tự kiểm tra)' }),
  share: Type.Number(),
  target: Type.Number(),
  missing: Type.Integer(),
  scheduled: Type.Integer(),
  uninspected: Type.Array(Type.Object({ unitCode: Type.String(), unitName: Type.String(), scheduled: Type.Boolean() })),
  selfTarget: Type.Number(),
  self: Type.Array(
    Type.Object({
      unitCode: Type.String(),
      unitName: Type.String(),
      subUnits: Type.Integer(),
      inspected: Type.Integer(),
      share: Type.Number(),
    }),
  ),
});

const NumOrNull = Nullable(Type.Number());
export const Risk = Type.Object({
  year: Type.Integer(),
  total: Type.Integer(),
  factors: Type.Array(Type.Object({ key: Type.String(), label: Type.String() })),
  items: Type.Array(
    Type.Object({
      rank: Type.Integer(),
      unitCode: Type.String(),
      unitName: Type.String(),
      score: Type.Number(),
      reasons: Type.Array(Type.String()),
      dossierOnTime: NumOrNull,
      overdueTasks: NumOrNull,
      missingApologies: NumOrNull,
      feedbackSatisfaction: NumOrNull,
      feedbackOverdue: NumOrNull,
      internalIndex: NumOrNull,
      lastInspected: Nullable(IsoDateString),
    }),
  ),
});

export const Draw = Type.Object({
  id: Type.Integer(),
  seed: Type.String(),
  drawnAt: IsoDateTimeString,
  drawnBy: Nullable(Type.String()),
  poolSize: Type.Integer(),
  chosen: Type.Array(Type.Object({ unitCode: Type.String(), unitName: Type.String() })),
  reproducible: Type.Boolean({ description: 'Bốc lại với cùng hạt giống và danh sách cho đúng kết quả đã lưu' }),
});
