/** The indices module's database tables as Kysely sees them (the DDL is in indices.migrations.ts). */
import type { ColumnType, Generated } from 'kysely';

export const INDEX_CODES = ['PAR_INDEX', 'SIPAS', 'PAPI', '766'] as const;
export type IndexCode = (typeof INDEX_CODES)[number];

export interface IndexSchemeTable {
  id: Generated<number>;
  indexCode: IndexCode;
  name: string;
  decision: string;
  validFromYear: number;
  validToYear: number | null;
  /** Range of the total as published (PAPI 8–80, percentages 0–100). */
  totalMin: number;
  totalMax: number;
  /** How the total follows from the top-level components: 'sum' or 'mean' ('none' when it is not derivable). */
  totalRule: 'sum' | 'mean' | 'none';
  unit: string;
  source: string;
  note: string | null;
  isExample: Generated<boolean>;
}

export interface IndexComponentTable {
  id: Generated<number>;
  schemeId: number;
  code: string;
  parentCode: string | null;
  name: string;
  minPoints: number | null;
  maxPoints: number | null;
  sortOrder: number;
}

export interface IndexResultTable {
  id: Generated<number>;
  indexCode: IndexCode;
  year: number;
  unitId: number;
  value: number | null;
  rank: number | null;
  source: string;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
  updatedBy: number | null;
}

export interface IndexResultComponentTable {
  resultId: number;
  componentCode: string;
  value: number;
}

/** Names an import could not match, resolved once by a user and remembered. */
export interface ProvinceAliasTable {
  aliasKey: string;
  unitId: number;
  createdBy: number | null;
}

declare module '@cchc/core' {
  interface Database {
    indexScheme: IndexSchemeTable;
    indexComponent: IndexComponentTable;
    indexResult: IndexResultTable;
    indexResultComponent: IndexResultComponentTable;
    provinceAlias: ProvinceAliasTable;
  }
}
