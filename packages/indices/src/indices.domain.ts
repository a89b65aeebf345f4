/** Pure functions for index results: ranks, medians, gaps, derived averages, what-if. */

export interface Scored {
  key: string;
  value: number | null;
}

/** Competition ranking ("1224"): higher is better; equal values (to 1e-9) share a rank; no value → no rank. */
export function competitionRanks(items: Scored[]): Map<string, number> {
  const valued = items.filter((i): i is { key: string; value: number } => i.value !== null && Number.isFinite(i.value));
  valued.sort((a, b) => b.value - a.value);
  const ranks = new Map<string, number>();
  valued.forEach((item, i) => {
    const prev = valued[i - 1];
    ranks.set(item.key, prev && Math.abs(prev.value - item.value) < 1e-9 ? ranks.get(prev.key)! : i + 1);
  });
  return ranks;
}

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function mean(values: number[]): number | null {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

/** Weighted mean; falls back to null when weights are missing or zero. */
export function weightedMean(values: { value: number; weight: number }[]): number | null {
  const w = values.reduce((a, v) => a + v.weight, 0);
  return w > 0 ? values.reduce((a, v) => a + v.value * v.weight, 0) / w : null;
}

export type TotalRule = 'sum' | 'mean' | 'none';

/** The total that follows from the top-level components, where the methodology defines one. */
export function totalFromComponents(rule: TotalRule, components: Record<string, number>, topCodes: string[]): number | null {
  const vals = topCodes.map((c) => components[c]).filter((v): v is number => v !== undefined);
  if (rule === 'none' || vals.length !== topCodes.length) return null;
  const sum = vals.reduce((a, b) => a + b, 0);
  return rule === 'sum' ? sum : sum / vals.length;
}

export interface FieldEntry {
  key: string;
  value: number | null;
  components: Record<string, number>;
}

export interface ComponentGap {
  code: string;
  value: number | null;
  best: number | null;
  bestKey: string | null;
  median: number | null;
  peerMean: number | null;
  /** subject − reference: negative means the subject is behind. */
  gapToBest: number | null;
  gapToMedian: number | null;
  gapToPeers: number | null;
  rank: number | null;
}

const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);

/**
 * Where a province stands on each component against the national best, the median of the field and
 * the mean of a peer group. The field is every province with data that year (the subject included).
 */
export function componentGaps(subject: Record<string, number>, field: FieldEntry[], codes: string[], peerKeys: string[]): ComponentGap[] {
  return codes.map((code) => {
    const entries = field.map((f) => ({ key: f.key, value: f.components[code] ?? null })).filter((e) => e.value !== null) as {
      key: string;
      value: number;
    }[];
    let best: { key: string; value: number } | null = null;
    for (const e of entries) if (!best || e.value > best.value) best = e;
    const med = median(entries.map((e) => e.value));
    const peerVals = entries.filter((e) => peerKeys.includes(e.key)).map((e) => e.value);
    const peerMean = mean(peerVals);
    const value = subject[code] ?? null;
    const rank = value === null ? null : entries.filter((e) => e.value > value + 1e-9).length + 1;
    return {
      code,
      value,
      best: best?.value ?? null,
      bestKey: best?.key ?? null,
      median: med,
      peerMean,
      gapToBest: diff(value, best?.value ?? null),
      gapToMedian: diff(value, med),
      gapToPeers: diff(value, peerMean),
      rank,
    };
  });
}

export interface WhatIfResult {
  total: number | null;
  rank: number | null;
  fieldSize: number;
  baselineTotal: number | null;
  baselineRank: number | null;
}

/**
 * Sets some components to target values and reports the total and the rank it would have had against
 * the field of the reference year (the other provinces as they were).
 */
export function whatIf(
  rule: TotalRule,
  topCodes: string[],
  subjectKey: string,
  subject: Record<string, number>,
  targets: Record<string, number>,
  field: FieldEntry[],
): WhatIfResult {
  const baselineTotal = totalFromComponents(rule, subject, topCodes);
  const total = totalFromComponents(rule, { ...subject, ...targets }, topCodes);
  const others = field.filter((f) => f.key !== subjectKey && f.value !== null).map((f) => f.value as number);
  const rankOf = (t: number | null) => (t === null ? null : others.filter((o) => o > t + 1e-9).length + 1);
  return { total, rank: rankOf(total), fieldSize: others.length + 1, baselineTotal, baselineRank: rankOf(baselineTotal) };
}

/** "1.234,5" / "41,84" / "41.84" → number; empty → null; anything else → NaN. */
export function parseDecimal(raw: unknown): number | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') return raw;
  let s = String(raw).trim().replace(/\s|%/g, '');
  if (!s) return null;
  if (s.includes(',') && s.includes('.')) s = s.replace(/\./g, '').replace(',', '.');
  else if (s.includes(',')) s = s.replace(',', '.');
  return /^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(s) ? Number(s) : NaN;
}
