/** The dossiers module's database tables as Kysely sees them (the DDL is in dossiers.migrations.ts). */
import type { ColumnType, Generated } from 'kysely';

type Ts = ColumnType<Date, Date | string, Date | string>;
type NTs = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface DossierTable {
  id: Generated<number>;
  provinceCode: string;
  code: string;
  procedureCode: string;
  procedureName: string | null;
  unitCode: string;
  channel: number;
  receivedAt: Ts;
  appointmentAt: NTs;
  finishedAt: NTs;
  state: number | null;
  timeLimit: number | null;
  timeUnit: string | null;
  supplements: string | null;
  supplementCount: number;
  apologyAt: NTs;
  newAppointmentAt: NTs;
  official: string | null;
  lateCause: string | null;
  paidOnline: boolean | null;
  digitised: boolean | null;
  electronicResult: boolean | null;
  /** Derived at import (local dates, UTC+7), so reports group and compare without time zones. */
  receivedDate: string;
  receivedMonth: string;
  finishedDate: string | null;
  dueDate: string | null;
  apologyDeadline: string | null;
  apologyDate: string | null;
  /** The day after which nothing about the dossier changes with the report date (9999-12-31 while open). */
  settleDate: string | null;
  /** A keyed hash of the applicant's phone or ID number (never the number), for survey sampling. */
  applicantKey: string | null;
  rowHash: string;
  flagged: Generated<boolean>;
  lastImportId: number | null;
  updatedAt: Ts;
}

export interface DossierHistoryTable {
  id: Generated<number>;
  dossierId: number;
  importId: number | null;
  changedAt: Ts;
  before: unknown;
  after: unknown;
  flagged: boolean;
}

export interface DossierImportTable {
  id: Generated<number>;
  provinceCode: string;
  filename: string;
  userId: number | null;
  startedAt: Ts;
  finishedAt: NTs;
  status: string;
  inserted: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  rejected: Generated<number>;
  rowsRead: Generated<number>;
  /** Set after each committed batch; an import whose heartbeat stopped was interrupted. */
  heartbeatAt: NTs;
  /** Received months of the committed batches, so an interrupted import's rollups can be rebuilt. */
  touchedMonths: Generated<string[]>;
}

export interface DossierImportErrorTable {
  importId: number;
  row: number;
  field: string;
  message: string;
}

export interface DossierMappingTable {
  id: Generated<number>;
  provinceCode: string;
  name: string;
  mapping: unknown;
  createdBy: number | null;
}

/** Official 766 points copied from the national portal, to show beside the local computation. */
export interface DossierOfficial766Table {
  unitCode: string;
  period: string;
  groupCode: string;
  points: number;
  source: string;
  enteredBy: number | null;
  enteredAt: Ts;
}

/**
 * Dossiers summed per unit, received month, channel and settle day. Closed dossiers carry their final
 * counts; open ones (settle day 9999-12-31) are further keyed by due and apology day, so any report
 * date can judge them without reading the rows.
 */
export interface DossierRollupTable {
  provinceCode: string;
  unitCode: string;
  receivedMonth: string;
  channel: number;
  settleDate: string;
  dueDate: string | null;
  apologyDate: string | null;
  received: number;
  early: number;
  onTime: number;
  late: number;
  apologies: number;
  compliant: number;
  missing: number;
  online: number;
  sumDays: number;
}

declare module '@cchc/core' {
  interface Database {
    dossierRollup: DossierRollupTable;
    dossierOfficial766: DossierOfficial766Table;
    dossier: DossierTable;
    dossierHistory: DossierHistoryTable;
    dossierImport: DossierImportTable;
    dossierImportError: DossierImportErrorTable;
    dossierMapping: DossierMappingTable;
  }
}
