/** The TypeBox schemas of the internal index API. */
import { Type } from '@sinclair/typebox';

const N = Type.Number();
const NStr = Type.Union([Type.String(), Type.Null()]);
const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
export const UnitGroup = Type.Union([Type.Literal('department'), Type.Literal('commune'), Type.Literal('province')]);
export const StageParam = Type.Union([Type.Literal('self'), Type.Literal('appraisal1'), Type.Literal('appraisal2'), Type.Literal('final')]);
const RowError = Type.Object({ row: Type.Integer(), field: Type.String(), message: Type.String() });

export const ImportReply = Type.Object({
  id: Type.Union([Type.Integer(), Type.Null()]),
  criteria: Type.Integer({ description: 'Số tiêu chí được chấm (không kể điểm thưởng, điểm trừ)' }),
  maxTotal: N,
  errors: Type.Array(RowError),
});

export const FrameworkSummary = Type.Object({
  id: Type.Integer(),
  year: Type.Integer(),
  unitGroup: UnitGroup,
  name: Type.String(),
  isExample: Type.Boolean(),
  maxTotal: N,
  criteria: Type.Integer(),
  validFrom: NStr,
  validTo: NStr,
});

export const Framework = Type.Object(
  {
    id: Type.Integer(),
    year: Type.Integer(),
    unitGroup: UnitGroup,
    name: Type.String(),
    isExample: Type.Boolean(),
    maxTotal: N,
    validFrom: NStr,
    validTo: NStr,
    criteria: Type.Array(
      Type.Object({
        id: Type.Integer(),
        code: Type.String(),
        parentCode: NStr,
        level: Type.Integer(),
        content: Type.String(),
        maxPoints: N,
        method: NStr,
        methodLabel: NStr,
        metricKey: NStr,
        bands: NStr,
        evidenceRequired: Type.Boolean(),
      }),
    ),
  },
  { $id: 'AssessmentFramework' },
);

export const RoundInput = Type.Object({
  frameworkId: Type.Integer({ minimum: 1 }),
  deadlines: Type.Object({ selfEnd: DateStr, appraisal1End: DateStr, explanationEnd: DateStr, appraisal2End: DateStr }),
  bands: Type.Optional(
    Type.Array(Type.Object({ min: Type.Number({ minimum: 0, maximum: 100 }), label: Type.String({ maxLength: 40 }) }), { maxItems: 10 }),
  ),
});

export const Round = Type.Object({
  id: Type.Integer(),
  frameworkId: Type.Integer(),
  year: Type.Integer(),
  unitGroup: Type.String(),
  name: Type.String(),
  selfEnd: Type.String(),
  appraisal1End: Type.String(),
  explanationEnd: Type.String(),
  appraisal2End: Type.String(),
  publishedAt: NStr,
  decisionNumber: NStr,
  decisionDate: NStr,
});

const Cell = Type.Union([Type.Object({ score: N, note: NStr, by: NStr }), Type.Null()]);
export const Evidence = Type.Object({
  id: Type.Integer(),
  criterionId: Type.Integer(),
  fileId: Type.Integer(),
  filename: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  locator: NStr,
  addedBy: NStr,
  addedAt: Type.String(),
});
export const Sheet = Type.Object(
  {
    roundId: Type.Integer(),
    unitCode: Type.String(),
    unitName: Type.String(),
    state: NStr,
    stateLabel: Type.String(),
    abilities: Type.Object({
      selfScore: Type.Boolean(),
      submit: Type.Boolean(),
      withdraw: Type.Boolean(),
      appraise: Type.Boolean(),
      finalize: Type.Boolean(),
    }),
    criteria: Type.Array(
      Type.Object({
        id: Type.Integer(),
        code: Type.String(),
        level: Type.Integer(),
        content: Type.String(),
        maxPoints: N,
        method: NStr,
        evidenceRequired: Type.Boolean(),
        computed: Type.Union([
          Type.Object({
            value: Type.Union([N, Type.Null()]),
            /** Null with no figure: the criterion does not apply to the unit and is out of its maximum. */
            points: Type.Union([N, Type.Null()]),
            metricKey: Type.String(),
            href: NStr,
            /** The bands that turn the value into points, as written in the framework. */
            rule: Type.String(),
            period: Type.String(),
          }),
          Type.Null(),
        ]),
        self: Cell,
        appraisal1: Cell,
        appraisal2: Cell,
        final: Cell,
        evidence: Type.Array(Evidence),
        /** The province's sheet: directive tasks protecting the area, and the area's official score. */
        atRisk: Type.Union([Type.Object({ linked: Type.Integer(), overdue: Type.Integer(), href: NStr }), Type.Null()]),
        official: Type.Union([N, Type.Null()]),
      }),
    ),
    official: Type.Union([
      Type.Object({
        year: Type.Integer(),
        value: Type.Union([N, Type.Null()]),
        rank: Type.Union([Type.Integer(), Type.Null()]),
        href: NStr,
      }),
      Type.Null(),
    ]),
  },
  { $id: 'AssessmentSheet' },
);

export const ScoresInput = Type.Object({
  stage: StageParam,
  scores: Type.Array(
    Type.Object({ criterion: Type.String({ maxLength: 20 }), score: Type.Number(), note: Type.Optional(Type.String({ maxLength: 2000 })) }),
    { maxItems: 500 },
  ),
});

export const ResultRow = Type.Object({
  unitCode: Type.String(),
  unitName: Type.String(),
  self: N,
  appraised: N,
  survey: N,
  bonus: N,
  penalty: N,
  total: N,
  max: N,
  index: N,
  rank: Type.Integer(),
  band: Type.String(),
});

export const Appraiser = Type.Object({
  id: Type.Integer(),
  fullName: Type.String(),
  username: Type.String(),
  unitName: Type.String(),
  assigned: Type.Boolean(),
});

export const Deadlines = Type.Object({ selfEnd: DateStr, appraisal1End: DateStr, explanationEnd: DateStr, appraisal2End: DateStr });

const Loss = Type.Object({
  code: Type.String(),
  content: Type.String(),
  maxPoints: N,
  average: N,
  best: N,
  median: N,
  lost: N,
  lostShare: N,
  markedDown: Type.Integer(),
});
const NNum = Type.Union([N, Type.Null()]);
export const Analysis = Type.Object({
  roundId: Type.Integer(),
  year: Type.Integer(),
  units: Type.Integer(),
  criteria: Type.Array(Loss),
  mostMarkedDown: Type.Array(Loss),
  unit: Type.Union([
    Type.Object({
      unitCode: Type.String(),
      unitName: Type.String(),
      gaps: Type.Array(Type.Object({ code: Type.String(), content: Type.String(), maxPoints: N, points: N, lost: N, best: N, median: N })),
    }),
    Type.Null(),
  ]),
  previousYear: Type.Union([Type.Integer(), Type.Null()]),
  yearOverYear: Type.Array(
    Type.Object({
      unitCode: Type.String(),
      unitName: Type.String(),
      index: N,
      rank: Type.Integer(),
      previousIndex: NNum,
      previousRank: Type.Union([Type.Integer(), Type.Null()]),
      change: NNum,
    }),
  ),
});

export const PublishInput = Type.Object({
  decisionNumber: Type.String({ minLength: 3, maxLength: 60, description: 'Số quyết định công bố, ví dụ 125/QĐ-UBND' }),
  decisionDate: DateStr,
});

export const PublicRound = Type.Object({
  roundId: Type.Integer(),
  year: Type.Integer(),
  unitGroup: UnitGroup,
  groupLabel: Type.String(),
  decisionNumber: NStr,
  decisionDate: NStr,
  publishedAt: Type.String(),
  rows: Type.Array(Type.Object({ rank: Type.Integer(), unitName: Type.String(), index: N, band: Type.String() })),
});

export const FrameworkEdit = Type.Object({
  name: Type.Optional(Type.String({ minLength: 3, maxLength: 300 })),
  criteria: Type.Array(
    Type.Object({
      code: Type.String({ maxLength: 20 }),
      content: Type.String({ maxLength: 1000 }),
      maxPoints: Type.Number({ minimum: 0, maximum: 1000 }),
      method: Type.Union([Type.String({ maxLength: 20 }), Type.Null()]),
      metricKey: Type.Optional(Type.Union([Type.String({ maxLength: 80 }), Type.Null()])),
      bands: Type.Optional(Type.Union([Type.String({ maxLength: 300 }), Type.Null()])),
      evidenceRequired: Type.Optional(Type.Boolean()),
    }),
    { maxItems: 1000 },
  ),
});
