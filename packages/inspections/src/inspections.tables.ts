/** The inspections module's tables as Kysely sees them (the DDL is in inspections.migrations.ts). */
import type { ColumnType, Generated } from 'kysely';

type Ts = ColumnType<Date, Date | string | undefined, Date | string>;
type NTs = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** planned (theo kế hoạch), unannounced (đột xuất), thematic (chuyên đề), self (tự kiểm tra of a sub-unit). */
export type InspectionKind = 'planned' | 'unannounced' | 'thematic' | 'self';
/** scheduled → concluded (kết luận issued); cancelled keeps the row out of the figures. */
export type InspectionStatus = 'scheduled' | 'concluded' | 'cancelled';
export type Severity = 'minor' | 'major' | 'serious';
/** open (remedy under way, as a task), remedied (the office verified it), unresolved (not remedied: re-inspect). */
export type FindingStatus = 'open' | 'remedied' | 'unresolved';
export type CheckResult = 'pass' | 'fail' | 'na';

export interface InspectionPlanTable {
  id: Generated<number>;
  provinceCode: string;
  year: number;
  name: string;
  /** Share of the province's departments and communes to inspect in the year (0.3 by default). */
  target: number;
  /** Share of its own sub-units each unit with sub-units self-inspects (0.5). */
  selfTarget: number;
  createdBy: number | null;
  createdAt: Ts;
}

/** The checklist template the office edits; each inspection keeps a copy of the items it used. */
export interface InspectionTemplateItemTable {
  id: Generated<number>;
  provinceCode: string;
  code: string;
  area: string;
  text: string;
  sortOrder: number;
  isActive: Generated<boolean>;
}

export interface InspectionTable {
  id: Generated<number>;
  provinceCode: string;
  planId: number;
  unitId: number;
  /** For a self-inspection: the unit inspecting its sub-unit. */
  byUnitId: number | null;
  kind: InspectionKind;
  status: InspectionStatus;
  /** The day of the visit (held when on or before today and not cancelled). */
  date: string;
  /** Area codes of the contents inspected. */
  areas: string[];
  teamLeader: string | null;
  teamMembers: string | null;
  /** The draw an unannounced visit came from (sealed to the office until the visit). */
  drawId: number | null;
  recordText: string | null;
  conclusion: string | null;
  concludedAt: NTs;
  concludedBy: number | null;
  cancelReason: string | null;
  createdBy: number | null;
  createdAt: Ts;
  version: Generated<number>;
}

export interface InspectionCheckTable {
  inspectionId: number;
  itemCode: string;
  area: string;
  text: string;
  sortOrder: number;
  result: CheckResult | null;
  note: string | null;
}

export interface InspectionFindingTable {
  id: Generated<number>;
  inspectionId: number;
  unitId: number;
  area: string;
  itemCode: string | null;
  text: string;
  severity: Severity;
  remedy: string | null;
  dueDate: string;
  taskId: number | null;
  /** The same shortcoming found at an earlier inspection of the unit. */
  repeatOf: number | null;
  status: FindingStatus;
  verifiedAt: NTs;
  verifiedBy: number | null;
  verifyNote: string | null;
  createdBy: number | null;
  createdAt: Ts;
}

/** A sealed random draw of units for unannounced visits: the seed and the pool make it reproducible. */
export interface InspectionDrawTable {
  id: Generated<number>;
  planId: number;
  seed: string;
  /** Unit ids the draw chose from, in the order used, and the ones chosen. */
  pool: number[];
  chosen: number[];
  drawnBy: number | null;
  drawnAt: Ts;
}

declare module '@cchc/core' {
  interface Database {
    inspectionPlan: InspectionPlanTable;
    inspectionTemplateItem: InspectionTemplateItemTable;
    inspection: InspectionTable;
    inspectionCheck: InspectionCheckTable;
    inspectionFinding: InspectionFindingTable;
    inspectionDraw: InspectionDrawTable;
  }
}
