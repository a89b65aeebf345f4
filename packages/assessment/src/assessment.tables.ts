/** The internal CCHC index's tables as Kysely sees them (the DDL is in assessment.migrations.ts). */
import type { ColumnType, Generated } from 'kysely';

type Ts = ColumnType<Date, Date | string | undefined, Date | string>;
type NTs = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json = ColumnType<unknown, string, string>;

/** Departments and agencies, communes, or the province itself (its PAR INDEX self-assessment for the Ministry). */
export type UnitGroup = 'department' | 'commune' | 'province';
/** How a criterion is scored: self-scored with evidence, computed from a metric, survey, bonus, penalty. */
export type Method = 'tu_cham' | 'du_lieu' | 'khao_sat' | 'thuong' | 'tru';
export type Stage = 'self' | 'appraisal1' | 'appraisal2' | 'final';
export type SheetState = 'self_draft' | 'submitted' | 'appraised1' | 'explaining' | 'explained' | 'appraised2' | 'final';

export interface AssessmentFrameworkTable {
  id: Generated<number>;
  provinceCode: string;
  year: number;
  unitGroup: UnitGroup;
  name: string;
  isExample: Generated<boolean>;
  maxTotal: number;
  /** The version's validity (a framework re-issued within a year); null: the whole year. */
  validFrom: Generated<string | null>;
  validTo: Generated<string | null>;
  createdBy: number | null;
  createdAt: Ts;
}

export interface AssessmentCriterionTable {
  id: Generated<number>;
  frameworkId: number;
  code: string;
  parentCode: string | null;
  level: number;
  sortOrder: number;
  content: string;
  maxPoints: number;
  /** Null on a content area or criterion that has sub-criteria. */
  method: Method | null;
  metricKey: string | null;
  /** Bands of a computed criterion: [{ min, points }] top to bottom, then `otherwise`. */
  bands: Json | null;
  evidenceRequired: boolean;
}

export interface AssessmentRoundTable {
  id: Generated<number>;
  frameworkId: number;
  provinceCode: string;
  selfEnd: string;
  appraisal1End: string;
  explanationEnd: string;
  appraisal2End: string;
  /** Result bands [{ min, label }] from the highest. */
  resultBands: Json;
  createdBy: number | null;
  createdAt: Ts;
  publishedAt: NTs;
  publishedBy: number | null;
  decisionNumber: string | null;
  decisionDate: string | null;
}

export interface AssessmentSheetTable {
  id: Generated<number>;
  roundId: number;
  unitId: number;
  state: SheetState;
  submittedAt: NTs;
  updatedAt: Ts;
}

export interface AssessmentScoreTable {
  sheetId: number;
  criterionId: number;
  stage: Stage;
  score: number;
  note: string | null;
  scoredBy: number | null;
  scoredAt: Ts;
}

export interface AssessmentEvidenceTable {
  id: Generated<number>;
  sheetId: number;
  criterionId: number;
  /** Where in the file the proof is: "Mục II, trang 3". */
  locator: string | null;
  addedBy: number | null;
  addedAt: Ts;
}

export interface AssessmentAppraiserTable {
  roundId: number;
  userId: number;
}

declare module '@cchc/core' {
  interface Database {
    assessmentFramework: AssessmentFrameworkTable;
    assessmentCriterion: AssessmentCriterionTable;
    assessmentRound: AssessmentRoundTable;
    assessmentSheet: AssessmentSheetTable;
    assessmentScore: AssessmentScoreTable;
    assessmentEvidence: AssessmentEvidenceTable;
    assessmentAppraiser: AssessmentAppraiserTable;
  }
}
