/**
 * Vietnamese number and date formats, one implementation for the web app, the exports (DOCX, XLSX) and
 * the messages: 1.234,5 — 92,5 % — 03/09/2025 — 03/09/2025 14:20. No imports: the web app bundles it
 * (`@cchc/core/format`).
 */

const numberFormats = new Map<number, Intl.NumberFormat>();

/** 1234.5 → "1.234,5" (at most `maxFractionDigits` decimals, default 1). */
export function formatNumber(n: number, maxFractionDigits = 1): string {
  let f = numberFormats.get(maxFractionDigits);
  if (!f) numberFormats.set(maxFractionDigits, (f = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: maxFractionDigits })));
  return f.format(n);
}

/** A fixed number of decimals: 7.5 → "7,50" (index scores). */
export function formatFixed(n: number | null | undefined, digits = 2): string {
  return n === null || n === undefined ? '' : n.toLocaleString('vi-VN', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A percentage already in 0–100: 92.46 → "92,5 %"; null → "—". */
export function formatPercent(p: number | null | undefined): string {
  return p === null || p === undefined ? '—' : `${formatNumber(p, 1)} %`;
}

/** numerator / denominator as a percentage: (37, 40) → "92,5 %"; nothing to divide → "—". */
export function formatRate(numerator: number, denominator: number): string {
  return denominator ? formatPercent((numerator / denominator) * 100) : '—';
}

/** 2025-09-03 (or a date-time) → 03/09/2025. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** An ISO date-time with +07:00 → 03/09/2025 14:20. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}` : iso;
}

/** "từ ngày 01/01/2026 đến ngày 30/06/2026". */
export function formatDateRange(from: string, to: string): string {
  return `từ ngày ${formatDate(from)} đến ngày ${formatDate(to)}`;
}
