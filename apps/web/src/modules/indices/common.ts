import type { Schemas } from '@cchc/api-client';

export type IndexCode = 'PAPI' | 'PAR_INDEX' | 'SIPAS' | '766';
export type Analysis = Schemas['IndexAnalysis'];
export type IndexResult = Schemas['IndexResult'];
export type IndexScheme = Schemas['IndexScheme'];

export const INDEX_OPTIONS: { value: IndexCode; label: string }[] = [
  { value: 'PAPI', label: 'PAPI' },
  { value: 'PAR_INDEX', label: 'PAR INDEX' },
  { value: 'SIPAS', label: 'SIPAS' },
  { value: '766', label: 'Bộ chỉ số 766' },
];

export const fmt = (v: number | null | undefined, digits = 2) =>
  v === null || v === undefined ? '—' : v.toLocaleString('vi-VN', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export const signed = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : Math.abs(v) < 0.005 ? fmt(0) : `${v > 0 ? '+' : ''}${fmt(v)}`;

/**
 * What a year's data can support: comparisons need other provinces' results, the gap chart and
 * what-if need component scores. Each tab says which is missing instead of drawing an empty frame.
 */
export function missingData(a: { fieldSize: number; components: { value: number | null }[] } | undefined) {
  if (!a) return { noField: false, noComponents: false };
  return { noField: a.fieldSize < 2, noComponents: !a.components.some((c) => c.value !== null && c.value !== undefined) };
}
