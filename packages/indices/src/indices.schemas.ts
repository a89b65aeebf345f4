/** The TypeBox schemas of the indices API; the routes only reference them. */
import { Type } from '@sinclair/typebox';
import { INDEX_CODES } from './indices.tables';

export const IndexParam = Type.Union(
  INDEX_CODES.map((c) => Type.Literal(c)),
  { description: 'PAR_INDEX, SIPAS, PAPI hoặc 766' },
);
export const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
export const ProvinceCode = Type.String({ pattern: '^\\d{2}$', description: 'Mã tỉnh 2 chữ số' });
export const Num = Type.Union([Type.Number(), Type.Null()]);

export const RowError = Type.Object({ row: Type.Integer(), field: Type.Optional(Type.String()), message: Type.String() });

export const Component = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 20 }),
  parentCode: Type.Union([Type.String({ maxLength: 20 }), Type.Null()]),
  name: Type.String({ minLength: 1, maxLength: 500 }),
  minPoints: Num,
  maxPoints: Num,
});
export const Scheme = Type.Object(
  {
    id: Type.Integer(),
    indexCode: Type.String(),
    name: Type.String(),
    decision: Type.String(),
    validFromYear: Type.Integer(),
    validToYear: Type.Union([Type.Integer(), Type.Null()]),
    totalMin: Type.Number(),
    totalMax: Type.Number(),
    totalRule: Type.String(),
    unit: Type.String(),
    source: Type.String(),
    note: Type.Union([Type.String(), Type.Null()]),
    isExample: Type.Boolean(),
    components: Type.Array(Type.Intersect([Component, Type.Object({ sortOrder: Type.Integer() })])),
  },
  { $id: 'IndexScheme' },
);
export const Result = Type.Object(
  {
    provinceCode: Type.String(),
    provinceName: Type.String(),
    isOldProvince: Type.Boolean(),
    year: Type.Integer(),
    value: Num,
    rank: Type.Union([Type.Integer(), Type.Null()]),
    rankComputed: Type.Union([Type.Integer(), Type.Null()]),
    rankMismatch: Type.Boolean(),
    rankCheckable: Type.Boolean(),
    components: Type.Record(Type.String(), Type.Number()),
    source: Type.String(),
  },
  { $id: 'IndexResult' },
);
export const Subject = Type.Object({
  key: Type.String(),
  provinceCode: Type.String(),
  name: Type.String(),
  derived: Type.Boolean(),
  value: Num,
  rank: Type.Union([Type.Integer(), Type.Null()]),
  components: Type.Record(Type.String(), Type.Number()),
});
export const ImportReply = Type.Object({
  inserted: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  rejected: Type.Integer(),
  unmatched: Type.Array(Type.String()),
  errors: Type.Array(RowError),
  fileError: Type.Union([Type.String(), Type.Null()]),
});
export const AnalysisQuery = Type.Object({
  index: IndexParam,
  year: Year,
  province: ProvinceCode,
  subject: Type.Optional(ProvinceCode),
  peers: Type.Optional(Type.String({ pattern: '^(\\d{2})(,\\d{2})*$', description: 'Mã các tỉnh so sánh, cách nhau bởi dấu phẩy' })),
});
export const LinkedTasks = Type.Object(
  {
    linked: Type.Integer(),
    overdue: Type.Integer(),
    done: Type.Integer(),
    items: Type.Array(
      Type.Object({
        id: Type.String(),
        label: Type.String(),
        status: Type.String(),
        statusLabel: Type.String(),
        unitName: Type.String(),
        link: Type.String(),
      }),
    ),
  },
  { description: 'Nhiệm vụ trong các văn bản chỉ đạo được liên kết với thành phần này' },
);
export const Gap = Type.Object({
  tasks: LinkedTasks,
  code: Type.String(),
  name: Type.String(),
  maxPoints: Num,
  value: Num,
  best: Num,
  bestKey: Type.Union([Type.String(), Type.Null()]),
  median: Num,
  peerMean: Num,
  gapToBest: Num,
  gapToMedian: Num,
  gapToPeers: Num,
  rank: Type.Union([Type.Integer(), Type.Null()]),
});
export const Analysis = Type.Object(
  {
    index: Type.String(),
    year: Type.Integer(),
    scheme: Type.Union([
      Type.Object({
        id: Type.Integer(),
        name: Type.String(),
        decision: Type.String(),
        totalMin: Type.Number(),
        totalMax: Type.Number(),
        unit: Type.String(),
        isExample: Type.Boolean(),
      }),
      Type.Null(),
    ]),
    fieldSize: Type.Integer(),
    best: Num,
    median: Num,
    parts: Type.Array(Type.Intersect([Subject, Type.Object({ previousValue: Num })])),
    main: Type.Union([Type.Intersect([Subject, Type.Object({ previousValue: Num, change: Num })]), Type.Null()]),
    peerGroups: Type.Object({
      formerParts: Type.Array(Type.String()),
      region: Type.Union([Type.Object({ name: Type.String(), codes: Type.Array(Type.String()) }), Type.Null()]),
      used: Type.Array(Type.String()),
    }),
    components: Type.Array(Gap),
  },
  { $id: 'IndexAnalysis' },
);
