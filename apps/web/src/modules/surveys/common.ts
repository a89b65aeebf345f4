import type { Schemas } from '@cchc/api-client';
import { useAct as useActOn } from '../../lib/use-act';
import { formatNumber } from '../../lib/format';
import { ASPECTS, CHANNEL_LABELS, FLAG_LABELS, QUESTION_TYPE_LABELS, SCALE5, STATUS_LABELS, isShown } from '@cchc/surveys/rules';
/** The labels and skip logic are the server's own (`@cchc/surveys/rules`), not a copy. */

export type SurveyDetail = Schemas['SurveyDetail'];
export type Definition = SurveyDetail['definition'];
export type Question = Definition['sections'][number]['questions'][number];
export type Results = Schemas['Results'];
export type Answers = Record<string, number | number[] | string | Record<string, number>>;

const optionsOf = <K extends string>(labels: Record<K, string>) =>
  (Object.entries(labels) as [K, string][]).map(([value, label]) => ({ value, label }));

export const STATUS_OPTIONS = optionsOf(STATUS_LABELS);
export const STATUS_COLORS: Record<string, string> = { draft: 'default', published: 'blue', closed: 'green' };
export const CHANNEL_OPTIONS = optionsOf(CHANNEL_LABELS);
export const TYPE_OPTIONS = optionsOf(QUESTION_TYPE_LABELS);
export const ASPECT_OPTIONS = ASPECTS.map((a) => ({ value: a.code, label: a.label }));
export { SCALE5, isShown };

/** 0,8123 → "81,2 %"; the share of satisfied answers. */
export const share = (p: number | null | undefined) => (p === null || p === undefined ? '—' : `${formatNumber(p * 100, 1)} %`);
/** The 95 % margin of a share in percentage points: "± 4,1". */
export const margin = (m: number | null | undefined) => (m === null || m === undefined ? '—' : `± ${formatNumber(m * 100, 1)}`);

export interface Quality {
  issued: number;
  answered: number;
  responseRate: number | null;
  nonResponse: { status: string; label: string; count: number }[];
  byChannel: { channel: string; label: string; responses: number; excluded: number; medianSeconds: number | null }[];
  units: {
    unitCode: string;
    unitName: string;
    issued: number;
    answered: number;
    responseRate: number | null;
    channels: Record<string, number>;
  }[];
  flags: { flag: string; count: number }[];
  interviewers: {
    userId: number;
    fullName: string;
    responses: number;
    medianSeconds: number | null;
    straightLine: number;
    tooFast: number;
    duplicate: number;
    excluded: number;
    meanScore: number | null;
  }[];
  keying: { paperForms: number; doubleKeyed: number; fields: number; mismatches: number; errorRate: number | null };
}

export interface TrendPoint {
  surveyId: number;
  name: string;
  periodFrom: string;
  periodTo: string;
  valid: number;
  satisfiedShare: number | null;
  marginOfError: number | null;
}

export interface PaperForm {
  surveyId: number;
  surveyName: string;
  paperCode: string;
  unitCode: string;
  unitName: string;
  status: string;
  responseId: number | null;
}

export interface ResponseDetail {
  id: number;
  unitName: string;
  channelLabel: string;
  paperCode: string | null;
  enteredByName: string | null;
  interviewerName: string | null;
  submittedAt: string;
  durationS: number | null;
  flags: { code: string; label: string }[];
  excluded: boolean;
  excludedReason: string | null;
  answers: Answers;
  doubleEntry: { fields: number; mismatches: number; differing: string[] } | null;
  definition: Definition;
}

export const FLAG_OPTIONS = [{ value: 'any', label: 'Có cảnh báo' }, ...optionsOf(FLAG_LABELS)];

/** An action on the surveys pages (refreshes every surveys query). */
export const useAct = (done?: () => void) => useActOn('surveys', done);
