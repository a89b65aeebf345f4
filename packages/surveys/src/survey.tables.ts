/** The surveys module's tables as Kysely sees them (the DDL is in survey.migrations.ts). */
import type { ColumnType, Generated } from 'kysely';
import type { Answers, Definition } from './survey.domain';

type Ts = ColumnType<Date, Date | string | undefined, Date | string>;
type NTs = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string, string>;

export { CHANNELS, CHANNEL_LABELS, type Channel, type SurveyStatus } from './survey.rules';
import type { Channel, SurveyStatus } from './survey.rules';
/** issued → answered, or a non-response: refused, unreachable (wrong address, no answer), returned blank. */
export type TokenStatus = 'issued' | 'answered' | 'refused' | 'unreachable' | 'blank';
export const TOKEN_STATUS_LABELS: Record<TokenStatus, string> = {
  issued: 'Đã phát, chưa trả lời',
  answered: 'Đã trả lời',
  refused: 'Từ chối trả lời',
  unreachable: 'Không liên lạc được',
  blank: 'Phiếu gửi về để trống',
};

export interface SurveyTable {
  id: Generated<number>;
  provinceCode: string;
  name: string;
  template: string | null;
  periodFrom: string;
  periodTo: string;
  status: SurveyStatus;
  currentVersion: number;
  /** Below this many valid answers a figure is marked unreliable. */
  minValid: number;
  publishedAt: NTs;
  closedAt: NTs;
  resultsPublishedAt: NTs;
  createdBy: number | null;
  createdAt: Ts;
  updatedAt: Ts;
}

export interface SurveyVersionTable {
  surveyId: number;
  version: number;
  definition: Json<Definition>;
  createdAt: Ts;
  createdBy: number | null;
}

export interface SurveySampleTable {
  id: Generated<number>;
  surveyId: number;
  unitId: number;
  unitCode: string;
  population: number;
  reachable: number;
  sampleSize: number;
  marginOfError: number;
  seed: string;
  frameDigest: string;
  drawnAt: Ts;
  drawnBy: number | null;
}

export interface SurveyTokenTable {
  id: Generated<number>;
  surveyId: number;
  sampleId: number;
  unitId: number;
  token: string;
  paperCode: string;
  /** Position in the draw (1 = first drawn). */
  rank: number;
  dossierCode: string;
  /** The keyed hash of the person (from the dossier), never the number. */
  personKey: string | null;
  status: TokenStatus;
  reason: string | null;
  updatedAt: Ts;
}

export interface SurveyResponseTable {
  id: Generated<number>;
  surveyId: number;
  version: number;
  unitId: number;
  tokenId: number | null;
  channel: Channel;
  interviewerId: number | null;
  enteredBy: number | null;
  /** Set by the browser for staff-entered forms: a form synced twice is stored once. */
  clientId: string | null;
  startedAt: NTs;
  submittedAt: Ts;
  durationS: number | null;
  answers: Json<Answers>;
  answersDigest: string;
  flags: ColumnType<string[], string[] | undefined, string[]>;
  excluded: Generated<boolean>;
  excludedReason: string | null;
  excludedBy: number | null;
  excludedAt: NTs;
}

/** One row per scale answer, for aggregating in SQL (the aspect as it was in the response's version). */
export interface SurveyAnswerTable {
  responseId: number;
  surveyId: number;
  unitId: number;
  questionId: string;
  aspect: string | null;
  value: number;
}

export interface SurveyDoubleEntryTable {
  responseId: number;
  enteredBy: number;
  answers: Json<Answers>;
  fields: number;
  mismatches: number;
  differing: string[];
  enteredAt: Ts;
}

declare module '@cchc/core' {
  interface Database {
    survey: SurveyTable;
    surveyVersion: SurveyVersionTable;
    surveySample: SurveySampleTable;
    surveyToken: SurveyTokenTable;
    surveyResponse: SurveyResponseTable;
    surveyAnswer: SurveyAnswerTable;
    surveyDoubleEntry: SurveyDoubleEntryTable;
  }
}
