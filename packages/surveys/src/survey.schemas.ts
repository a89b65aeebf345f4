/** TypeBox schemas of the surveys routes (they feed OpenAPI and the generated client). */
import { Type, type TSchema } from '@sinclair/typebox';
import { IsoDateString } from '@cchc/core';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Lit = <const T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const Status = Lit(['draft', 'published', 'closed']);
export const ChannelSchema = Lit(['online', 'paper', 'interview', 'kiosk']);
export const EntryChannel = Lit(['paper', 'interview', 'kiosk']);
export const TokenStatusSchema = Lit(['issued', 'answered', 'refused', 'unreachable', 'blank']);

const OptionSchema = Type.Object({ value: Type.Integer(), label: Type.String({ maxLength: 500 }), weight: Type.Optional(Type.Number()) });
export const QuestionSchema = Type.Object({
  id: Type.String({ maxLength: 40 }),
  text: Type.String({ maxLength: 2000 }),
  type: Lit(['single', 'multiple', 'scale5', 'matrix', 'number', 'text']),
  options: Type.Optional(Type.Array(OptionSchema, { maxItems: 30 })),
  items: Type.Optional(
    Type.Array(Type.Object({ id: Type.String({ maxLength: 40 }), text: Type.String({ maxLength: 1000 }) }), { maxItems: 60 }),
  ),
  required: Type.Optional(Type.Boolean()),
  aspect: Type.Optional(Type.String({ maxLength: 12 })),
  group: Type.Optional(Type.String({ maxLength: 300 })),
  showIf: Type.Optional(
    Type.Object({
      question: Type.String({ maxLength: 40 }),
      item: Type.Optional(Type.String({ maxLength: 40 })),
      values: Type.Array(Type.Integer(), { maxItems: 30 }),
    }),
  ),
  min: Type.Optional(Type.Number()),
  max: Type.Optional(Type.Number()),
});
export const DefinitionSchema = Type.Object({
  title: Type.String({ maxLength: 500 }),
  intro: Type.Optional(Type.String({ maxLength: 4000 })),
  sections: Type.Array(
    Type.Object({
      id: Type.String({ maxLength: 40 }),
      title: Type.String({ maxLength: 500 }),
      questions: Type.Array(QuestionSchema, { maxItems: 200 }),
    }),
    { maxItems: 40 },
  ),
});

export const FromTemplate = Type.Object({
  template: Type.String({ maxLength: 40 }),
  name: Type.String({ maxLength: 300 }),
  period: Type.Object({ from: Type.String({ maxLength: 10 }), to: Type.String({ maxLength: 10 }) }),
  minValid: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
});

export const ListQuery = Type.Object({
  status: Type.Optional(Status),
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  page: Type.Optional(Type.Integer({ minimum: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});

export const SurveyItem = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  template: Nullable(Type.String()),
  templateLabel: Nullable(Type.String()),
  periodFrom: IsoDateString,
  periodTo: IsoDateString,
  status: Status,
  statusLabel: Type.String(),
  version: Type.Integer(),
  issued: Type.Integer(),
  responses: Type.Integer(),
  resultsPublished: Type.Boolean(),
});
export const SurveyPage = Type.Object({ total: Type.Integer(), rows: Type.Array(SurveyItem) });

export const SurveyDetail = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  template: Nullable(Type.String()),
  templateLabel: Nullable(Type.String()),
  periodFrom: IsoDateString,
  periodTo: IsoDateString,
  status: Status,
  statusLabel: Type.String(),
  minValid: Type.Integer(),
  version: Type.Integer(),
  publishedAt: Nullable(Type.String()),
  closedAt: Nullable(Type.String()),
  resultsPublishedAt: Nullable(Type.String()),
  definition: DefinitionSchema,
  versions: Type.Array(Type.Object({ version: Type.Integer(), createdAt: Type.String(), responses: Type.Integer() })),
  can: Type.Record(Type.String(), Type.Boolean()),
});

export const SampleInput = Type.Object({
  units: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 500 }),
  marginOfError: Type.Optional(Type.Number()),
  seed: Type.Optional(Type.Integer({ minimum: 0 })),
  sizes: Type.Optional(Type.Record(Type.String(), Type.Integer({ minimum: 0 }))),
});
export const SampleResult = Type.Object({
  seed: Type.Integer(),
  marginOfError: Type.Number(),
  asOf: IsoDateString,
  units: Type.Array(
    Type.Object({
      unitCode: Type.String(),
      unitName: Type.String(),
      population: Type.Integer(),
      reachable: Type.Integer(),
      sampleSize: Type.Integer(),
      drawn: Type.Integer(),
      tokens: Type.Array(Type.String()),
    }),
  ),
});
export const SampleRow = Type.Object({
  id: Type.Integer(),
  unitCode: Type.String(),
  unitName: Type.String(),
  population: Type.Integer(),
  reachable: Type.Integer(),
  sampleSize: Type.Integer(),
  marginOfError: Type.Number(),
  seed: Type.String(),
  frameDigest: Type.String(),
  drawnAt: Type.String(),
  drawn: Type.Integer(),
  answered: Type.Integer(),
});

export const TokenQuery = Type.Object({
  unit: Type.Optional(Type.String({ maxLength: 40 })),
  status: Type.Optional(TokenStatusSchema),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  page: Type.Optional(Type.Integer({ minimum: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
});
export const TokenPage = Type.Object({
  total: Type.Integer(),
  rows: Type.Array(
    Type.Object({
      id: Type.Integer(),
      unitCode: Type.String(),
      unitName: Type.String(),
      rank: Type.Integer(),
      paperCode: Type.String(),
      dossierCode: Type.String(),
      status: TokenStatusSchema,
      statusLabel: Type.String(),
      reason: Nullable(Type.String()),
      link: Type.String(),
    }),
  ),
});
export const TokenStatusInput = Type.Object({ status: TokenStatusSchema, reason: Type.Optional(Type.String({ maxLength: 1000 })) });

export const Entry = Type.Object({
  channel: EntryChannel,
  paperCode: Type.Optional(Type.String({ maxLength: 20 })),
  unitCode: Type.Optional(Type.String({ maxLength: 40 })),
  clientId: Type.Optional(Type.String({ maxLength: 64 })),
  answers: Type.Record(Type.String(), Type.Unknown()),
  startedAt: Type.Optional(Type.String({ maxLength: 40 })),
  durationS: Type.Optional(Type.Number({ minimum: 0 })),
});
export const SyncInput = Type.Object({
  items: Type.Array(Type.Intersect([Entry, Type.Object({ clientId: Type.String({ maxLength: 64 }) })]), { maxItems: 200 }),
});
export const SyncResult = Type.Object({
  results: Type.Array(
    Type.Object({
      index: Type.Integer(),
      clientId: Nullable(Type.String()),
      status: Lit(['created', 'duplicate', 'error']),
      id: Type.Optional(Type.Integer()),
      message: Type.Optional(Type.String()),
    }),
  ),
});

export const ResponseQuery = Type.Object({
  unit: Type.Optional(Type.String({ maxLength: 40 })),
  channel: Type.Optional(ChannelSchema),
  flag: Type.Optional(Type.String({ maxLength: 40 })),
  excluded: Type.Optional(Type.Boolean()),
  page: Type.Optional(Type.Integer({ minimum: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});
const Flag = Type.Object({ code: Type.String(), label: Type.String() });
export const ResponsePage = Type.Object({
  total: Type.Integer(),
  rows: Type.Array(
    Type.Object({
      id: Type.Integer(),
      unitCode: Type.String(),
      unitName: Type.String(),
      channel: ChannelSchema,
      channelLabel: Type.String(),
      paperCode: Nullable(Type.String()),
      enteredByName: Nullable(Type.String()),
      submittedAt: Type.String(),
      durationS: Nullable(Type.Integer()),
      flags: Type.Array(Flag),
      excluded: Type.Boolean(),
      excludedReason: Nullable(Type.String()),
      keyingMismatches: Nullable(Type.Integer()),
    }),
  ),
});
export const ExcludeInput = Type.Object({ excluded: Type.Boolean(), reason: Type.String({ maxLength: 1000 }) });

const Fig = {
  n: Type.Integer(),
  satisfied: Type.Number(),
  satisfiedShare: Nullable(Type.Number()),
  mean: Nullable(Type.Number()),
  marginOfError: Nullable(Type.Number()),
  reliable: Type.Boolean(),
};
export const Results = Type.Object({
  surveyId: Type.Integer(),
  unit: Nullable(Type.Object({ code: Type.String(), name: Type.String() })),
  valid: Type.Integer(),
  reliable: Type.Boolean(),
  minValid: Type.Integer(),
  items: Type.Array(Type.Object({ id: Type.String(), text: Type.String(), aspect: Nullable(Type.String()), ...Fig })),
  aspects: Type.Array(
    Type.Object({ id: Type.String(), label: Type.String(), part: Nullable(Type.String()), answers: Type.Integer(), ...Fig }),
  ),
  overall: Type.Object({ ...Fig, definition: Type.String() }),
  weighted: Nullable(
    Type.Object({ satisfiedShare: Nullable(Type.Number()), marginOfError: Nullable(Type.Number()), strata: Type.Integer() }),
  ),
  perUnit: Type.Array(Type.Object({ unitCode: Type.String(), unitName: Type.String(), ...Fig })),
  weightedItems: Type.Array(
    Type.Object({ id: Type.String(), text: Type.String(), n: Type.Integer(), score: Nullable(Type.Number()), reliable: Type.Boolean() }),
  ),
  official: Nullable(Type.Object({ year: Type.Integer(), value: Nullable(Type.Number()), rank: Nullable(Type.Number()) })),
});

export const PublicForm = Type.Object({
  title: Type.String(),
  intro: Nullable(Type.String()),
  surveyName: Type.String(),
  unitName: Type.String(),
  sections: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), questions: Type.Array(Type.String()) })),
  questions: Type.Array(
    Type.Object({
      id: Type.String(),
      text: Type.String(),
      type: Type.String(),
      aspect: Nullable(Type.String()),
      options: Type.Array(OptionSchema),
      items: Type.Array(Type.Object({ id: Type.String(), text: Type.String() })),
      required: Type.Boolean(),
      group: Nullable(Type.String()),
      showIf: Nullable(Type.Object({ question: Type.String(), item: Type.Optional(Type.String()), values: Type.Array(Type.Integer()) })),
      min: Nullable(Type.Number()),
      max: Nullable(Type.Number()),
    }),
  ),
});
export const PublicAnswer = Type.Object({
  answers: Type.Record(Type.String(), Type.Unknown()),
  startedAt: Type.Optional(Type.String({ maxLength: 40 })),
});
