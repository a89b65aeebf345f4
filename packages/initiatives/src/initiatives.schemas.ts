/** TypeBox schemas of the initiatives routes (they feed OpenAPI and the generated client). */
import { Type } from '@sinclair/typebox';
import { IsoDateString } from '@cchc/core';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Lit = <const T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const Status = Lit(['draft', 'submitted', 'returned', 'accepted', 'recognised', 'not_recognised']);
export const Level = Lit(['unit', 'province']);
export const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const Page = { total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() };

export const InitiativeInput = Type.Object({
  unitCode: Type.Optional(Type.String({ maxLength: 40, description: 'Mặc định: đơn vị của người đăng ký' })),
  year: Year,
  title: Type.String({ maxLength: 500 }),
  summary: Type.String({ maxLength: 10_000 }),
  problem: Type.Optional(Type.String({ maxLength: 10_000 })),
  solution: Type.Optional(Type.String({ maxLength: 10_000 })),
  area: Type.Optional(Type.String({ maxLength: 40 })),
  indexComponents: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })),
  startedOn: Type.Optional(Type.String({ maxLength: 10 })),
  cost: Type.Optional(Nullable(Type.Number())),
  expectedEffect: Type.Optional(Type.String({ maxLength: 10_000 })),
  externalProvince: Type.Optional(Type.String({ maxLength: 200, description: 'Ghi nhận sáng kiến đã áp dụng ở tỉnh khác (Sở Nội vụ)' })),
  externalUnit: Type.Optional(Type.String({ maxLength: 300 })),
});

export const InitiativeItem = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  origin: Lit(['own', 'external']),
  year: Type.Integer(),
  title: Type.String(),
  summary: Type.String(),
  area: Nullable(Type.String()),
  areaLabel: Nullable(Type.String()),
  status: Status,
  statusLabel: Type.String(),
  level: Nullable(Level),
  levelLabel: Nullable(Type.String()),
  awardUsed: Type.Boolean(),
  unitCode: Nullable(Type.String()),
  unitName: Nullable(Type.String()),
  adopters: Type.Integer(),
});
export const InitiativePage = Type.Object({ items: Type.Array(InitiativeItem), ...Page });

export const Criterion = Type.Object({
  code: Type.String({ maxLength: 20 }),
  name: Type.String({ maxLength: 300 }),
  maxPoints: Type.Integer(),
  isActive: Type.Optional(Type.Boolean()),
});

export const InitiativeDetail = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  origin: Lit(['own', 'external']),
  unitCode: Nullable(Type.String()),
  unitName: Nullable(Type.String()),
  externalProvince: Nullable(Type.String()),
  externalUnit: Nullable(Type.String()),
  year: Type.Integer(),
  title: Type.String(),
  summary: Type.String(),
  problem: Nullable(Type.String()),
  solution: Nullable(Type.String()),
  area: Nullable(Type.String()),
  areaLabel: Nullable(Type.String()),
  indexComponents: Type.Array(Type.String()),
  startedOn: Nullable(IsoDateString),
  cost: Nullable(Type.Number()),
  expectedEffect: Nullable(Type.String()),
  status: Status,
  statusLabel: Type.String(),
  level: Nullable(Level),
  levelLabel: Nullable(Type.String()),
  returnNote: Nullable(Type.String()),
  decisionNumber: Nullable(Type.String()),
  decidedOn: Nullable(IsoDateString),
  awardUsed: Type.Boolean(),
  awardNote: Nullable(Type.String()),
  version: Type.Integer(),
  criteria: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), maxPoints: Type.Integer() })),
  council: Type.Object({
    members: Type.Integer(),
    total: Nullable(Type.Number()),
    max: Type.Number(),
    byCriterion: Type.Record(Type.String(), Type.Number()),
    suggested: Nullable(Lit(['unit', 'province', 'none'])),
  }),
  myScores: Type.Record(Type.String(), Type.Number()),
  memberScores: Type.Array(
    Type.Object({ memberId: Type.Integer(), name: Type.String(), total: Type.Number(), points: Type.Record(Type.String(), Type.Number()) }),
  ),
  adopters: Type.Array(
    Type.Object({ unitCode: Type.String(), unitName: Type.String(), adoptedOn: IsoDateString, note: Nullable(Type.String()) }),
  ),
  documents: Type.Array(Type.Object({ id: Type.Integer(), filename: Type.String(), size: Type.Integer(), sha256: Type.String() })),
  abilities: Type.Record(Type.String(), Type.Boolean()),
});

export const ListQuery = Type.Object({
  year: Type.Optional(Year),
  unit: Type.Optional(Type.String({ maxLength: 40 })),
  status: Type.Optional(Status),
  area: Type.Optional(Type.String({ maxLength: 40 })),
  origin: Type.Optional(Lit(['own', 'external'])),
  catalogue: Type.Optional(Type.Boolean({ description: 'Sáng kiến đã được công nhận của mọi đơn vị và của tỉnh khác' })),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
});

export const Coverage = Type.Object({
  year: Type.Integer(),
  deadline: IsoDateString,
  units: Type.Integer({ description: 'Sở, ban, ngành và xã, phường, đặc khu hiện nay (trong phạm vi người xem)' }),
  withInitiative: Type.Integer(),
  share: Type.Number(),
  registered: Type.Integer(),
  recognised: Type.Integer(),
  without: Type.Array(Type.Object({ unitCode: Type.String(), unitName: Type.String() })),
});

const Window = Type.Object({ from: IsoDateString, to: IsoDateString });
export const Effect = Type.Object({
  id: Type.Integer(),
  units: Type.Array(
    Type.Object({
      unitCode: Type.String(),
      unitName: Type.String(),
      since: IsoDateString,
      role: Lit(['owner', 'adopter']),
      before: Window,
      after: Window,
      measurable: Type.Boolean({ description: 'Đã áp dụng đủ 30 ngày để so sánh' }),
      figures: Type.Array(
        Type.Object({
          key: Type.String(),
          label: Type.String(),
          before: Nullable(Type.Number()),
          after: Nullable(Type.Number()),
          change: Nullable(Type.Number()),
        }),
      ),
    }),
  ),
});
