import fs from 'node:fs';
import path from 'node:path';
import { referenceDataDir } from '../reference-data';
import type { Db } from '../db/database';
import { PRE_REFORM_LAST_DAY, REFORM_2025_DATE, unitTypeFromName, type UnitType } from './unit.domain';
import { normalizeText } from '../text/normalize';

interface Ward2025 {
  Code: string;
  FullName: string;
}
interface Province2025 {
  Code: string;
  FullName: string;
  Wards: Ward2025[];
}
interface WardOld {
  Code: string;
  FullName: string;
}
interface DistrictOld {
  Code: string;
  FullName: string;
  Ward: WardOld[];
}
interface ProvinceOld {
  Code: string;
  FullName: string;
  District: DistrictOld[];
}
interface MergeRef {
  old_id: string;
  name: string;
  type: 'full' | 'partial';
}
interface MergeLevel2 {
  level2_id: string;
  name: string;
  merges: MergeRef[];
}
interface MergeLevel1 {
  level1_id: string;
  name: string;
  merges: MergeRef[];
  level2s: MergeLevel2[];
}

const SRC_2025 = 'vietnamese-provinces-database v3.0.2 (MIT), units_2025-07-01';
const SRC_OLD = 'vietnamese-provinces-database v2.4.1 (MIT), 63 tỉnh trước 1/7/2025';
const SRC_LINEAGE = 'dvhcvn 20250701 (MIT), merges_2025_new_to_old';

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(path.join(referenceDataDir(), 'units', file), 'utf8')) as T;
}

interface PendingUnit {
  code: string;
  name: string;
  type: UnitType;
  parentCode: string | null;
  provinceCode: string;
}

async function insertLevel(
  db: Db,
  rows: PendingUnit[],
  ids: Map<string, number>,
  validity: { validFrom: string | null; validTo: string | null },
  source: string,
): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    const batch = rows.slice(i, i + 1000);
    const inserted = await db
      .insertInto('unit')
      .values(
        batch.map((u, k) => ({
          code: u.code,
          name: normalizeText(u.name),
          type: u.type,
          parentId: u.parentCode ? (ids.get(u.parentCode) ?? null) : null,
          provinceCode: u.provinceCode,
          validFrom: validity.validFrom,
          validTo: validity.validTo,
          source,
          isLocal: false,
          sortOrder: i + k,
        })),
      )
      .returning(['id', 'code'])
      .execute();
    for (const r of inserted) ids.set(r.code, r.id);
  }
}

export interface ReferenceLoadResult {
  provinces: number;
  communes: number;
  oldProvinces: number;
  oldDistricts: number;
  oldCommunes: number;
  lineageEdges: number;
}

/**
 * Loads the national administrative tree: today's 34 provinces and their communes, the 63 provinces
 * before 1/7/2025 with districts and communes (valid until 30/6/2025), and the lineage edges of the
 * 2025 merger (new unit ← old units, full or partial). Runs once, on an empty unit table.
 */
export async function loadReferenceUnits(db: Db): Promise<ReferenceLoadResult> {
  const current = readJson<Province2025[]>('units_2025-07-01.json');
  const old = readJson<ProvinceOld[]>('units_pre-2025_63_provinces.json');
  const merges = readJson<{ data: MergeLevel1[] }>('merges_2025_new_to_old.json').data;

  const newIds = new Map<string, number>();
  const oldIds = new Map<string, number>();
  const nowValid = { validFrom: REFORM_2025_DATE, validTo: null };
  const oldValid = { validFrom: null, validTo: PRE_REFORM_LAST_DAY };

  await insertLevel(
    db,
    current.map((p) => ({ code: p.Code, name: p.FullName, type: 'province', parentCode: null, provinceCode: p.Code })),
    newIds,
    nowValid,
    SRC_2025,
  );
  const communes = current.flatMap((p) =>
    p.Wards.map((w) => ({
      code: w.Code,
      name: w.FullName,
      type: unitTypeFromName(w.FullName, 3),
      parentCode: p.Code,
      provinceCode: p.Code,
    })),
  );
  await insertLevel(db, communes, newIds, nowValid, SRC_2025);

  await insertLevel(
    db,
    old.map((p) => ({ code: p.Code, name: p.FullName, type: 'province', parentCode: null, provinceCode: p.Code })),
    oldIds,
    oldValid,
    SRC_OLD,
  );
  const districts = old.flatMap((p) =>
    (p.District ?? []).map((d) => ({
      code: d.Code,
      name: d.FullName,
      type: unitTypeFromName(d.FullName, 2),
      parentCode: p.Code,
      provinceCode: p.Code,
    })),
  );
  await insertLevel(db, districts, oldIds, oldValid, SRC_OLD);
  const seen = new Set<string>();
  const oldCommunes = old.flatMap((p) =>
    (p.District ?? []).flatMap((d) =>
      (d.Ward ?? [])
        .filter((w) => !seen.has(w.Code) && seen.add(w.Code))
        .map((w) => ({
          code: w.Code,
          name: w.FullName,
          type: unitTypeFromName(w.FullName, 3),
          parentCode: d.Code,
          provinceCode: p.Code,
        })),
    ),
  );
  await insertLevel(db, oldCommunes, oldIds, oldValid, SRC_OLD);

  const edges: { fromUnitId: number; toUnitId: number; kind: string; effectiveDate: string; source: string }[] = [];
  const edgeKeys = new Set<string>();
  const addEdges = (toCode: string, refs: MergeRef[]) => {
    const to = newIds.get(toCode);
    if (!to) return;
    for (const m of refs) {
      const from = oldIds.get(m.old_id);
      const key = `${from}>${to}`;
      if (!from || edgeKeys.has(key)) continue;
      edgeKeys.add(key);
      edges.push({
        fromUnitId: from,
        toUnitId: to,
        kind: m.type === 'full' ? 'merged' : 'split',
        effectiveDate: REFORM_2025_DATE,
        source: SRC_LINEAGE,
      });
    }
  };
  for (const p of merges) {
    addEdges(p.level1_id, p.merges);
    for (const w of p.level2s) addEdges(w.level2_id, w.merges);
  }
  for (let i = 0; i < edges.length; i += 2000)
    await db
      .insertInto('unitLineage')
      .values(edges.slice(i, i + 2000))
      .execute();

  return {
    provinces: current.length,
    communes: communes.length,
    oldProvinces: old.length,
    oldDistricts: districts.length,
    oldCommunes: oldCommunes.length,
    lineageEdges: edges.length,
  };
}
