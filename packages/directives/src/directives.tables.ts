/** The directives module's database tables as Kysely sees them (the DDL is in directives.migrations.ts). */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type Recurrence = 'monthly' | 'quarterly' | 'half_yearly' | 'yearly';
export type ReportState = 'draft' | 'submitted' | 'accepted' | 'returned';
export type GroupKind = 'departments' | 'communes' | 'all';

export interface DirectiveTable {
  id: Generated<number>;
  provinceCode: string;
  number: string;
  kind: string;
  issuedOn: string;
  issuer: string;
  title: string;
  status: Generated<string>;
  sourceFilename: string | null;
  sourceMime: string | null;
  sourceData: Buffer | null;
  sourceText: string | null;
  createdBy: number | null;
  createdAt: Timestamp;
  withdrawnAt: NullableTimestamp;
  withdrawReason: string | null;
  updatedAt: NullableTimestamp;
}

export interface DirectiveSectionTable {
  id: Generated<number>;
  directiveId: number;
  number: string;
  heading: string;
  leadUnitId: number | null;
  groupKind: GroupKind | null;
  sortOrder: number;
}

export interface TaskTable {
  id: Generated<number>;
  directiveId: number;
  sectionId: number;
  /** Tasks expanded from one group assignment share this key, to be reported together. */
  groupKey: string | null;
  label: string;
  content: string;
  leadUnitId: number;
  priority: Generated<string>;
  expectedOutput: string | null;
  dueDate: string | null;
  recurrence: Recurrence | null;
  reportDays: number | null;
  recurUntil: string | null;
  createdAt: Timestamp;
  /** A removed task (or one of a withdrawn directive): kept with its reports, out of every figure. */
  cancelledAt: NullableTimestamp;
  cancelReason: string | null;
}

/**
 * What a task owes, one row per report: the due date computed from the task's deadline and the
 * working calendar (recomputed when either changes). Status is still derived, never stored: SQL judges
 * each obligation against its report and a report date, so lists and dashboards are aggregates.
 */
export interface TaskObligationTable {
  taskId: number;
  periodKey: string;
  periodLabel: string;
  periodEnd: string | null;
  dueDate: string;
}

export interface TaskCoordinatorTable {
  taskId: number;
  unitId: number;
}

export interface TaskIndexLinkTable {
  taskId: number;
  indexCode: string;
  componentCode: string;
}

export interface TaskReportTable {
  id: Generated<number>;
  taskId: number;
  periodKey: string;
  content: string;
  percent: number;
  state: ReportState;
  writtenBy: number | null;
  updatedAt: Timestamp;
  submittedBy: number | null;
  submittedAt: NullableTimestamp;
  reviewedBy: number | null;
  reviewedAt: NullableTimestamp;
  reviewNote: string | null;
  /** Raised by every write; a write that names an older version loses with 409. */
  version: Generated<number>;
}

/** One reviewed submission of a report, as the reviewer read it. */
export interface TaskReportReviewTable {
  id: Generated<number>;
  reportId: number;
  content: string;
  percent: number;
  submittedBy: number | null;
  submittedAt: NullableTimestamp;
  decision: 'accepted' | 'returned';
  reviewedBy: number | null;
  reviewedAt: Timestamp;
  reviewNote: string | null;
}

export interface TaskEvidenceTable {
  id: Generated<number>;
  reportId: number;
  filename: string;
  mime: string;
  size: number;
  data: Buffer;
  uploadedBy: number | null;
  uploadedAt: Timestamp;
}

declare module '@cchc/core' {
  interface Database {
    directive: DirectiveTable;
    directiveSection: DirectiveSectionTable;
    task: TaskTable;
    taskCoordinator: TaskCoordinatorTable;
    taskObligation: TaskObligationTable;
    taskIndexLink: TaskIndexLinkTable;
    taskReport: TaskReportTable;
    taskReportReview: TaskReportReviewTable;
    taskEvidence: TaskEvidenceTable;
  }
}
