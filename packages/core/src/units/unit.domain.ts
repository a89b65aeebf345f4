import { foldText } from '../text/normalize';

export const UNIT_TYPES = ['province', 'department', 'service_centre', 'commune', 'ward', 'special_zone', 'district', 'township'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

/** Commune level (xã, phường, đặc khu) and the provincial agencies (sở, ban, ngành and the service centre). */
export const COMMUNE_TYPES: readonly string[] = ['commune', 'ward', 'special_zone'];
export const AGENCY_TYPES: readonly string[] = ['department', 'service_centre'];
export const isCommuneLevel = (type: string) => COMMUNE_TYPES.includes(type);

export const UNIT_TYPE_LABELS: Record<UnitType, string> = {
  province: 'Tỉnh, thành phố',
  department: 'Sở, ban, ngành',
  service_centre: 'Trung tâm Phục vụ hành chính công',
  commune: 'Xã',
  ward: 'Phường',
  special_zone: 'Đặc khu',
  district: 'Huyện, quận, thị xã (trước 1/7/2025)',
  township: 'Thị trấn (trước 1/7/2025)',
};

/** Types a deployment may create and edit itself; the administrative tree comes from reference data. */
export const LOCAL_UNIT_TYPES: UnitType[] = ['department', 'service_centre'];

/** The type of an administrative unit from the prefix of its official name. */
export function unitTypeFromName(fullName: string, level: 1 | 2 | 3): UnitType {
  const n = foldText(fullName);
  if (level === 1) return 'province';
  if (n.startsWith('dac khu')) return 'special_zone';
  if (n.startsWith('phuong')) return 'ward';
  if (n.startsWith('thi tran')) return 'township';
  if (n.startsWith('xa')) return 'commune';
  if (level === 2 && /^(quan|huyen|thi xa|thanh pho)\b/.test(n)) return 'district';
  return level === 2 ? 'district' : 'commune';
}

/** Date the two-tier structure took effect (Resolution 202/2025/QH15 and the commune resolutions). */
export const REFORM_2025_DATE = '2025-07-01';
export const PRE_REFORM_LAST_DAY = '2025-06-30';

export const LINEAGE_KINDS = ['merged', 'split', 'renamed'] as const;
export type LineageKind = (typeof LINEAGE_KINDS)[number];

export const LINEAGE_LABELS: Record<LineageKind, string> = {
  merged: 'Sáp nhập toàn bộ vào',
  split: 'Một phần được chia về',
  renamed: 'Đổi tên thành',
};

export function isValidOn(unit: { validFrom: string | null; validTo: string | null }, date: string): boolean {
  return (unit.validFrom === null || unit.validFrom <= date) && (unit.validTo === null || unit.validTo >= date);
}
