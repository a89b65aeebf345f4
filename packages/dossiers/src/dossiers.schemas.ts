/** The TypeBox schemas of the dossiers API (requests and replies); the routes only reference them. */
import { Type } from '@sinclair/typebox';

export const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
/** Dossiers received from–to, judged as of a date, for one unit or all the caller sees. */
export const RangeQuery = Type.Object({ from: DateStr, to: DateStr, asOf: Type.Optional(DateStr), unit: Type.Optional(Type.String()) });
export const GroupBy = Type.Union(['unit', 'procedure', 'channel', 'month', 'official', 'sector'].map((g) => Type.Literal(g)));
export const StatsQuery = Type.Object({
  from: DateStr,
  to: DateStr,
  groupBy: GroupBy,
  asOf: Type.Optional(DateStr),
  unit: Type.Optional(Type.String({ maxLength: 32 })),
  procedure: Type.Optional(Type.String({ maxLength: 32 })),
});
export const N = Type.Integer();
export const StatsRow = Type.Object(
  {
    key: Type.String(),
    label: Type.Union([Type.String(), Type.Null()]),
    received: N,
    resolved: N,
    early: N,
    onTime: N,
    late: N,
    open: N,
    openOverdue: N,
    apologies: N,
    apologyCompliant: N,
    apologyMissing: N,
    online: N,
    avgDays: Type.Union([Type.Number(), Type.Null()]),
  },
  { $id: 'DossierStatsRow' },
);
export const RowError = Type.Object({ row: N, field: Type.String(), message: Type.String() });
export const ImportReply = Type.Object(
  {
    importId: N,
    inserted: N,
    updated: N,
    unchanged: N,
    rejected: N,
    flagged: N,
    rowsRead: N,
    errors: Type.Array(RowError),
    errorsTotal: N,
  },
  { $id: 'DossierImportReply' },
);
export const Indicator = Type.Object({
  code: Type.String(),
  name: Type.String(),
  max: Type.Number(),
  threshold: Type.Union([Type.Number(), Type.Null()]),
  status: Type.String(),
  rate: Type.Union([Type.Number(), Type.Null()]),
  points: Type.Union([Type.Number(), Type.Null()]),
  formula: Type.String(),
  data: Type.Union([Type.Record(Type.String(), Type.Number()), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
});
export const Index766 = Type.Object(
  {
    unitCode: Type.String(),
    unitName: Type.String(),
    period: Type.String(),
    from: Type.String(),
    to: Type.String(),
    total: Type.Number(),
    computedMax: Type.Number(),
    assumption: Type.String(),
    counts: Type.Record(Type.String(), Type.Number()),
    groups: Type.Array(
      Type.Object({
        code: Type.String(),
        name: Type.String(),
        max: Type.Number(),
        points: Type.Union([Type.Number(), Type.Null()]),
        computedMax: Type.Number(),
        official: Type.Union([Type.Number(), Type.Null()]),
        officialSource: Type.Union([Type.String(), Type.Null()]),
        difference: Type.Union([Type.Number(), Type.Null()]),
        indicators: Type.Array(Indicator),
      }),
    ),
  },
  { $id: 'Index766' },
);

export const PeriodReportQuery = Type.Object({ from: DateStr, to: DateStr, unit: Type.Optional(Type.String()) });
export const LateCauses = Type.Array(Type.Object({ category: Type.String(), count: N }));
export const ImportHeaders = Type.Object({
  headers: Type.Array(Type.String()),
  fields: Type.Array(Type.String()),
  suggested: Type.Record(Type.String(), Type.String()),
  missing: Type.Array(Type.String()),
});
export const Mappings = Type.Array(Type.Object({ id: N, name: Type.String(), mapping: Type.Record(Type.String(), Type.String()) }));
export const MappingInput = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  mapping: Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 200 })),
});
export const ImportsQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
});
export const ImportsPage = Type.Object({
  total: N,
  rows: Type.Array(
    Type.Object({
      id: N,
      filename: Type.String(),
      status: Type.String(),
      statusLabel: Type.String(),
      startedAt: Type.String(),
      finishedAt: Type.Union([Type.String(), Type.Null()]),
      rowsRead: N,
      inserted: N,
      updated: N,
      unchanged: N,
      rejected: N,
      userName: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});
export const ApologyBreaches = Type.Array(
  Type.Object({ key: Type.String(), label: Type.Union([Type.String(), Type.Null()]), missing: N, sentLate: N, repeated: N }),
);
export const DossierListQuery = Type.Object({
  from: DateStr,
  to: DateStr,
  asOf: Type.Optional(DateStr),
  unit: Type.Optional(Type.String()),
  procedure: Type.Optional(Type.String()),
  official: Type.Optional(Type.String()),
  outcome: Type.Optional(Type.Union([Type.Literal('late'), Type.Literal('open'), Type.Literal('open_overdue')])),
  q: Type.Optional(Type.String({ maxLength: 60 })),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
});
export const DossierPage = Type.Object({
  total: N,
  rows: Type.Array(
    Type.Object({
      id: N,
      code: Type.String(),
      procedureCode: Type.String(),
      procedureName: Type.Union([Type.String(), Type.Null()]),
      unitCode: Type.String(),
      channel: N,
      receivedAt: Type.String(),
      dueDate: Type.Union([Type.String(), Type.Null()]),
      finishedAt: Type.Union([Type.String(), Type.Null()]),
      supplementCount: N,
      official: Type.Union([Type.String(), Type.Null()]),
      lateCause: Type.Union([Type.String(), Type.Null()]),
      flagged: Type.Boolean(),
      outcome: Type.String(),
      outcomeLabel: Type.String(),
      apology: Type.String(),
    }),
  ),
});
export const DossierDetail = Type.Object({
  code: Type.String(),
  procedureCode: Type.String(),
  procedureName: Type.Union([Type.String(), Type.Null()]),
  unitCode: Type.String(),
  channel: N,
  state: Type.Union([N, Type.Null()]),
  receivedAt: Type.String(),
  appointmentAt: Type.Union([Type.String(), Type.Null()]),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
  dueDate: Type.Union([Type.String(), Type.Null()]),
  timeLimit: Type.Union([Type.Number(), Type.Null()]),
  timeUnit: Type.Union([Type.String(), Type.Null()]),
  supplements: Type.Union([Type.String(), Type.Null()]),
  supplementCount: N,
  apologyAt: Type.Union([Type.String(), Type.Null()]),
  apologyDeadline: Type.Union([Type.String(), Type.Null()]),
  newAppointmentAt: Type.Union([Type.String(), Type.Null()]),
  official: Type.Union([Type.String(), Type.Null()]),
  lateCause: Type.Union([Type.String(), Type.Null()]),
  flagged: Type.Boolean(),
  outcome: Type.String(),
  outcomeLabel: Type.String(),
  history: Type.Array(
    Type.Object({
      changedAt: Type.String(),
      before: Type.Unknown(),
      after: Type.Unknown(),
      flagged: Type.Boolean(),
      filename: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});
export const Index766Query = Type.Object({
  unit: Type.String({ maxLength: 32 }),
  period: Type.String({ maxLength: 10, description: 'YYYY-MM, YYYY-Qn hoặc YYYY' }),
});
export const Official766Input = Type.Object({
  unit: Type.String(),
  period: Type.String(),
  source: Type.String({ minLength: 3, maxLength: 500 }),
  groups: Type.Array(Type.Object({ code: Type.String(), points: Type.Number() }), { minItems: 1, maxItems: 5 }),
});
export const PublicLateQuery = Type.Object({
  from: DateStr,
  to: DateStr,
  minVolume: Type.Integer({ minimum: 1, maximum: 100000, default: 30 }),
});
export const PublicLateUnits = Type.Object({
  provinceName: Type.String(),
  from: Type.String(),
  to: Type.String(),
  asOf: Type.String(),
  minVolume: N,
  excluded: N,
  units: Type.Array(
    Type.Object({ unitCode: Type.String(), unitName: Type.String(), received: N, resolved: N, late: N, lateRate: Type.Number() }),
  ),
  officials: Type.Union([Type.Array(Type.Object({ official: Type.String(), received: N, late: N, lateRate: Type.Number() })), Type.Null()]),
});
