/** The initiatives module's tables as Kysely sees them (the DDL is in initiatives.migrations.ts). */
import type { ColumnType, Generated } from 'kysely';

type Ts = ColumnType<Date, Date | string | undefined, Date | string>;
type NTs = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/**
 * draft (the unit writes it) → submitted (its head sends it) → returned (the office found it incomplete) or
 * accepted (complete, before the council) → recognised (at unit or province level) or not_recognised.
 */
export type InitiativeStatus = 'draft' | 'submitted' | 'returned' | 'accepted' | 'recognised' | 'not_recognised';
export type RecognitionLevel = 'unit' | 'province';
/** own: registered by a unit of the province; external: recorded from another province to learn from. */
export type Origin = 'own' | 'external';

export interface InitiativeCriterionTable {
  id: Generated<number>;
  provinceCode: string;
  code: string;
  name: string;
  maxPoints: number;
  sortOrder: number;
  isActive: Generated<boolean>;
}

export interface InitiativeTable {
  id: Generated<number>;
  provinceCode: string;
  /** SK.2026.001: numbered per year. */
  code: string;
  origin: Origin;
  unitId: number | null;
  /** For an external initiative: where it comes from. */
  externalProvince: string | null;
  externalUnit: string | null;
  year: number;
  title: string;
  summary: string;
  problem: string | null;
  solution: string | null;
  area: string | null;
  /** Index components it aims at (PAR INDEX, SIPAS, PAPI, Decision 766 groups). */
  indexComponents: string[];
  startedOn: string | null;
  cost: number | null;
  expectedEffect: string | null;
  status: InitiativeStatus;
  level: RecognitionLevel | null;
  returnNote: string | null;
  decisionNumber: string | null;
  decidedOn: string | null;
  /** Used once as ground for an emulation title or award (Law on Emulation and Commendation 2022). */
  awardUsed: Generated<boolean>;
  awardNote: string | null;
  submittedAt: NTs;
  checkedAt: NTs;
  createdBy: number | null;
  createdAt: Ts;
  updatedAt: Ts;
  version: Generated<number>;
}

export interface InitiativeScoreTable {
  initiativeId: number;
  memberId: number;
  criterionCode: string;
  points: number;
  note: string | null;
  scoredAt: Ts;
}

export interface InitiativeAdoptionTable {
  initiativeId: number;
  unitId: number;
  adoptedOn: string;
  note: string | null;
  createdBy: number | null;
}

declare module '@cchc/core' {
  interface Database {
    initiativeCriterion: InitiativeCriterionTable;
    initiative: InitiativeTable;
    initiativeScore: InitiativeScoreTable;
    initiativeAdoption: InitiativeAdoptionTable;
  }
}
