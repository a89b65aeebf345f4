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

export interface CoreTables {
  unit: UnitTable;
  unitLineage: UnitLineageTable;
  appUser: UserTable;
  userRole: UserRoleTable;
  session: SessionTable;
  auditLog: AuditLogTable;
  calendarDay: CalendarDayTable;
  appSetting: AppSettingTable;
}

export type UnitRow = Selectable<UnitTable>;
export type NewUnit = Insertable<UnitTable>;
export type UnitUpdate = Updateable<UnitTable>;
export type UserRow = Selectable<UserTable>;
export type CalendarDayRow = Selectable<CalendarDayTable>;
export type AuditRow = Selectable<AuditLogTable>;
