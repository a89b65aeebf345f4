import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Timestamps are written as Date and read back as Date on both drivers. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** Calendar dates are plain 'YYYY-MM-DD' strings on both drivers (type parsers set in database.ts). */
type IsoDate = ColumnType<string, string, string>;
type Json = ColumnType<unknown, string, string>;

export interface UnitTable {
  id: Generated<number>;
  code: string;
  name: string;
  shortName: string | null;
  type: string;
  parentId: number | null;
  provinceCode: string;
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
  source: string;
  /** Units the deployment adds itself (departments, agencies, centres): editable in the UI. */
  isLocal: boolean;
  sortOrder: Generated<number>;
  createdAt: GeneratedTimestamp;
  updatedAt: GeneratedTimestamp;
}

export interface UnitLineageTable {
  id: Generated<number>;
  fromUnitId: number;
  toUnitId: number;
  kind: string;
  effectiveDate: IsoDate;
  source: string;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  fullName: string;
  email: string | null;
  unitId: number;
  passwordHash: string | null;
  authProvider: Generated<string>;
  externalId: string | null;
  isActive: Generated<boolean>;
  failedLogins: Generated<number>;
  lockedUntil: Timestamp | null;
  mustChangePassword: Generated<boolean>;
  createdAt: GeneratedTimestamp;
  updatedAt: GeneratedTimestamp;
}

export interface UserRoleTable {
  userId: number;
  role: string;
}

export interface SessionTable {
  id: string;
  userId: number;
  csrfSecret: string;
  createdAt: GeneratedTimestamp;
  expiresAt: Timestamp;
  lastSeenAt: GeneratedTimestamp;
  ip: string | null;
  userAgent: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: GeneratedTimestamp;
  actorUserId: number | null;
  actorUsername: string | null;
  actorUnitId: number | null;
  action: string;
  entityType: string;
  entityId: string | null;
  unitId: number | null;
  before: Json | null;
  after: Json | null;
  ip: string | null;
  requestId: string | null;
}

export interface CalendarDayTable {
  date: IsoDate;
  kind: string;
  name: string;
  source: string | null;
  updatedAt: GeneratedTimestamp;
}

export interface AppSettingTable {
  key: string;
  value: string;
}

/**
 * What a user is told (reminders, escalations, digests), by any module. A notification is about one
 * subject (`subjectType` + `subjectId`, e.g. task 12) for one period; the unique key makes a reminder
 * happen once whatever restarts or overlapping scheduler passes do. E-mail status lives on the row.
 */
export interface NotificationTable {
  id: Generated<number>;
  userId: number;
  kind: string;
  subjectType: string | null;
  subjectId: string | null;
  periodKey: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: GeneratedTimestamp;
  readAt: Date | null;
  emailStatus: Generated<string>;
  emailedAt: Date | null;
  emailError: string | null;
}

/** The bytes of one stored file, named by their SHA-256: a file uploaded twice is stored once. */
export interface StoredFileTable {
  sha256: string;
  size: number;
  /** Where the bytes are: 'local' (the data directory) or 's3'. */
  storage: string;
  createdAt: GeneratedTimestamp;
}

/** A file as a record holds it (a report's evidence, a directive's source): name, type, who, where. */
export interface FileLinkTable {
  id: Generated<number>;
  sha256: string;
  ownerType: string;
  ownerId: string;
  filename: string;
  mime: string;
  size: number;
  /** The unit whose scope the file belongs to (downloads are scope-checked through the owner). */
  unitId: number | null;
  uploadedBy: number | null;
  uploadedAt: GeneratedTimestamp;
}

export interface CoreTables {
  unit: UnitTable;
  unitLineage: UnitLineageTable;
  appUser: UserTable;
  userRole: UserRoleTable;
  session: SessionTable;
  auditLog: AuditLogTable;
  calendarDay: CalendarDayTable;
  appSetting: AppSettingTable;
  notification: NotificationTable;
  storedFile: StoredFileTable;
  fileLink: FileLinkTable;
}

export type UnitRow = Selectable<UnitTable>;
export type NewUnit = Insertable<UnitTable>;
export type UnitUpdate = Updateable<UnitTable>;
export type UserRow = Selectable<UserTable>;
export type CalendarDayRow = Selectable<CalendarDayTable>;
export type AuditRow = Selectable<AuditLogTable>;
