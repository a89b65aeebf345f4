/**
 * Reporting periods (month, quarter, half-year, year) with one key format, date range and Vietnamese
 * label for every module: task reports, the internal index's year, survey waves, inspection plans.
 * Keys: 2026-M07, 2026-Q3, 2026-H2, 2026 — stored in the database, never reformatted.
 */
import dayjs from 'dayjs';
import { AppError } from '../errors';

export type PeriodKind = 'monthly' | 'quarterly' | 'half_yearly' | 'yearly';

export interface Period {
  kind: PeriodKind;
  key: string;
  label: string;
  /** First and last day, YYYY-MM-DD. */
  start: string;
  end: string;
}

const MONTHS: Record<PeriodKind, number> = { monthly: 1, quarterly: 3, half_yearly: 6, yearly: 12 };

export const PERIOD_KIND_LABELS: Record<PeriodKind, string> = {
  monthly: 'Hằng tháng',
  quarterly: 'Hằng quý',
  half_yearly: '6 tháng',
  yearly: 'Hằng năm',
};

/** The index-th period (0-based) of a kind in a year. */
export function periodAt(kind: PeriodKind, year: number, index: number): Period {
  const months = MONTHS[kind];
  const start = dayjs(`${year}-01-01`).add(index * months, 'month');
  const end = start.add(months, 'month').subtract(1, 'day');
  const key =
    kind === 'monthly'
      ? `${year}-M${String(index + 1).padStart(2, '0')}`
      : kind === 'quarterly'
        ? `${year}-Q${index + 1}`
        : kind === 'half_yearly'
          ? `${year}-H${index + 1}`
          : `${year}`;
  const label =
    kind === 'monthly'
      ? `Tháng ${index + 1}/${year}`
      : kind === 'quarterly'
        ? `Quý ${['I', 'II', 'III', 'IV'][index]}/${year}`
        : kind === 'half_yearly'
          ? `${index === 0 ? '6 tháng đầu' : '6 tháng cuối'} năm ${year}`
          : `Năm ${year}`;
  return { kind, key, label, start: start.format('YYYY-MM-DD'), end: end.format('YYYY-MM-DD') };
}

/** The period of a kind that contains a date. */
export function periodOf(kind: PeriodKind, date: string): Period {
  const month = Number(date.slice(5, 7)) - 1;
  return periodAt(kind, Number(date.slice(0, 4)), Math.floor(month / MONTHS[kind]));
}

/** The periods of a kind that overlap [from, until]. */
export function periodsBetween(kind: PeriodKind, from: string, until: string): Period[] {
  const out: Period[] = [];
  const perYear = 12 / MONTHS[kind];
  for (let y = Number(from.slice(0, 4)); y <= Number(until.slice(0, 4)); y++) {
    for (let i = 0; i < perYear; i++) {
      const p = periodAt(kind, y, i);
      if (p.end >= from && p.start <= until) out.push(p);
    }
  }
  return out;
}

/** A period from its key, or a 400 in Vietnamese saying what a key looks like. */
export function parsePeriod(key: string): Period {
  const m = /^(\d{4})(?:-(M(0[1-9]|1[0-2])|Q([1-4])|H([12])))?$/.exec(key);
  if (!m || Number(m[1]) < 1900 || Number(m[1]) > 2099)
    throw new AppError(
      'BAD_PERIOD',
      `Kỳ "${key}" không hợp lệ: cần dạng 2026 (năm), 2026-H1 (6 tháng), 2026-Q3 (quý) hoặc 2026-M07 (tháng).`,
    );
  const year = Number(m[1]);
  if (m[3]) return periodAt('monthly', year, Number(m[3]) - 1);
  if (m[4]) return periodAt('quarterly', year, Number(m[4]) - 1);
  if (m[5]) return periodAt('half_yearly', year, Number(m[5]) - 1);
  return periodAt('yearly', year, 0);
}
