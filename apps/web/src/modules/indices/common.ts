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
