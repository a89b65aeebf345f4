/** The feedback module's tables as Kysely sees them (the DDL is in feedback.migrations.ts). */
import type { ColumnType, Generated } from 'kysely';

type Ts = ColumnType<Date, Date | string | undefined, Date | string>;
type NTs = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/**
 * Where a case is: received (waiting for classification), then rejected, redirected (a complaint or
 * denunciation, or outside the province's competence) or assigned to a lead unit; the unit drafts the
 * answer, its head approves it, the office checks it matches the question (returns it otherwise) and
 * publishes it.
 */
export type CaseStatus = 'received' | 'rejected' | 'redirected' | 'assigned' | 'drafted' | 'approved' | 'returned' | 'published';
/** phản ánh, kiến nghị (Decree 20/2008) — or a complaint/denunciation recognised and redirected. */
export type CaseKind = 'phan_anh' | 'kien_nghi' | 'khieu_nai_to_cao';
export type Channel = 'web' | 'letter' | 'phone' | 'email' | 'counter' | 'portal' | 'app' | 'zalo' | 'survey';

export interface FeedbackCategoryTable {
  id: Generated<number>;
  provinceCode: string;
  code: string;
  name: string;
  /** Working days to answer, to refuse, to transfer outside, to publish the approved answer. */
  processDays: number;
  refuseDays: number;
  transferDays: number;
  publishDays: number;
  sortOrder: number;
  isActive: Generated<boolean>;
}

export interface FeedbackCaseTable {
  id: Generated<number>;
  provinceCode: string;
  /** PAKN.YYYYMMDD.NNNN, the tracking code the sender keeps. */
  code: string;
  channel: Channel;
  /** The code in the system it was imported from (portal, provincial app): imports are idempotent by it. */
  source: string | null;
  externalCode: string | null;
  categoryCode: string;
  kind: CaseKind;
  status: CaseStatus;
  senderName: string | null;
  senderPhone: string | null;
  senderEmail: string | null;
  senderAddress: string | null;
  /** A salted hash of the phone or e-mail: repeat senders are found without comparing contacts in clear. */
  senderKey: string | null;
  place: string | null;
  latitude: number | null;
  longitude: number | null;
  title: string | null;
  content: string;
  consent: Generated<boolean>;
  receivedAt: Ts;
  /** The day the clock counts from (after 15:00 or on a day off: the next working day). */
  countedFrom: string;
  dueDate: string;
  /** Classification (refusal or transfer) due. */
  classifyDue: string;
  classifiedAt: NTs;
  leadUnitId: number | null;
  assignedAt: NTs;
  transfers: Generated<number>;
  extendedDays: number | null;
  extensionReason: string | null;
  draftAnswer: string | null;
  draftedBy: number | null;
  answer: string | null;
  approvedBy: number | null;
  approvedAt: NTs;
  returnNote: string | null;
  publishDue: string | null;
  publishedBy: number | null;
  publishedAt: NTs;
  rejectReason: string | null;
  closedAt: NTs;
  hidden: Generated<boolean>;
  hiddenReason: string | null;
  hiddenAt: NTs;
  ratingStars: number | null;
  ratingSolved: boolean | null;
  ratedAt: NTs;
  repeatOf: number | null;
  /** A task created from the case ("you said, we did"): the module and id that hold it. */
  taskRef: string | null;
  createdBy: number | null;
  updatedAt: Ts;
  version: Generated<number>;
}

export interface FeedbackCoordinatorTable {
  caseId: number;
  unitId: number;
}

/** The case's history as the sender and staff read it (the audit log keeps the before/after). */
export interface FeedbackEventTable {
  id: Generated<number>;
  caseId: number;
  at: Ts;
  kind: string;
  /** Shown on the public tracking page. */
  isPublic: boolean;
  note: string | null;
  unitId: number | null;
  userId: number | null;
}

export interface FeedbackPhotoTable {
  id: Generated<number>;
  caseId: number;
  sortOrder: number;
  width: number;
  height: number;
  /** The office checked faces and plates are not recognisable: the photo may appear on public pages. */
  isPublic: Generated<boolean>;
  /** Its metadata removed (the background job); until then nobody is shown it. */
  cleaned: Generated<boolean>;
}

/** Used proof-of-work challenges (one use each) until they expire. */
export interface FeedbackChallengeTable {
  signature: string;
  expiresAt: Ts;
}

export interface FeedbackDayCounterTable {
  day: string;
  n: number;
}

export interface FeedbackImportTable {
  id: Generated<number>;
  provinceCode: string;
  source: string;
  filename: string;
  rows: number;
  created: number;
  unchanged: number;
  errors: number;
  importedBy: number | null;
  importedAt: Ts;
}

declare module '@cchc/core' {
  interface Database {
    feedbackCategory: FeedbackCategoryTable;
    feedbackCase: FeedbackCaseTable;
    feedbackCoordinator: FeedbackCoordinatorTable;
    feedbackEvent: FeedbackEventTable;
    feedbackPhoto: FeedbackPhotoTable;
    feedbackChallenge: FeedbackChallengeTable;
    feedbackDayCounter: FeedbackDayCounterTable;
    feedbackImport: FeedbackImportTable;
  }
}
