import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsvRecords } from '../files/csv-text';
import {
  addWorkingDays,
  buildCalendar,
  countWorkingDays,
  countedReceiptDay,
  isWorkingDay,
  lunarNewYear,
  lunarToSolar,
  previousWorkingDay,
  statutoryHolidays,
  formatLocalDateTime,
} from './calendar.domain';
import { defaultCalendar, readAnnouncedCalendar } from './calendar.reference';
import { referenceDataDir } from '../reference-data';

const cal = buildCalendar(defaultCalendar());
const announced = readAnnouncedCalendar();

describe('announced civil-service schedules 2019–2026', () => {
  const dayOffs = announced.filter((e) => e.kind === 'day_off');
  const makeups = announced.filter((e) => e.kind === 'makeup_workday');

  it('has the data the tests below walk through', () => {
    expect(dayOffs.length).toBeGreaterThan(60);
    expect(makeups.length).toBeGreaterThanOrEqual(3);
  });

  it.each(dayOffs.map((e) => [e.date, e.name]))('%s (%s) is not a working day', (date) => {
    expect(isWorkingDay(cal, date)).toBe(false);
  });

  it.each(makeups.map((e) => [e.date, e.name]))('%s (%s) is a make-up working Saturday', (date) => {
    expect(isWorkingDay(cal, date)).toBe(true);
  });

  it('every day inside each announced days-off period is a day off', () => {
    const text = fs.readFileSync(path.join(referenceDataDir(), 'holidays', 'vn_public_sector_days_off_periods_2019_2026.csv'), 'utf8');
    const periods = (parseCsvRecords(text) as unknown as Array<{ kind: string; date: string; end_date: string; name: string }>).filter(
      (p) => p.kind === 'period',
    );
    expect(periods.length).toBeGreaterThan(20);
    const gaps: string[] = [];
    for (const p of periods) {
      for (let d = p.date; d <= (p.end_date || p.date); d = next(d)) {
        if (isWorkingDay(cal, d)) gaps.push(`${d} (${p.name})`);
      }
    }
    expect(gaps).toEqual([]);
  });
});

function next(d: string): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

describe('addWorkingDays', () => {
  it.each([
    ['2025-01-24', 1, '2025-02-03', 'Friday before Tết 2025 → first day after the 9-day break'],
    ['2025-01-24', 0, '2025-01-24', 'zero days'],
    ['2025-04-25', 1, '2025-04-26', 'make-up Saturday 26/4/2025 counts'],
    ['2025-04-26', 1, '2025-04-28', 'then Monday'],
    ['2025-04-28', 1, '2025-04-29', '29/4 works'],
    ['2025-04-29', 1, '2025-05-05', '30/4, 1/5, 2/5 off, weekend'],
    ['2025-08-29', 1, '2025-09-03', 'National Day 2025: 1/9 and 2/9 off'],
    ['2026-02-13', 1, '2026-02-23', 'Tết 2026: 16–20/2 off'],
    ['2025-11-21', 5, '2025-11-28', 'an ordinary week'],
    ['2024-12-31', 1, '2025-01-02', 'New Year'],
  ])('%s + %i → %s (%s)', (from, n, expected) => {
    expect(addWorkingDays(cal, from, n)).toBe(expected);
  });

  it('rejects a negative count', () => {
    expect(() => addWorkingDays(cal, '2025-01-01', -1)).toThrow();
  });
});

describe('countWorkingDays', () => {
  it.each([
    ['2025-01-24', '2025-02-03', 1],
    ['2025-01-24', '2025-01-24', 0],
    ['2025-04-25', '2025-05-05', 4],
    ['2025-11-21', '2025-11-28', 5],
    ['2025-11-28', '2025-11-21', -5],
  ])('(%s, %s] has %i working days', (from, to, n) => {
    expect(countWorkingDays(cal, from, to)).toBe(n);
  });

  it('is the inverse of addWorkingDays', () => {
    for (const n of [1, 3, 7, 15, 22]) expect(countWorkingDays(cal, '2025-01-20', addWorkingDays(cal, '2025-01-20', n))).toBe(n);
  });
});

describe('15:00 cut-off for receipts', () => {
  it.each([
    ['2025-09-03T14:20:00+07:00', '2025-09-03', 'before 15:00 counts the same day'],
    ['2025-09-03T15:00:00+07:00', '2025-09-03', 'exactly 15:00 is not after it'],
    ['2025-09-03T15:00:01+07:00', '2025-09-04', 'after 15:00 → next working day'],
    ['2025-08-29T16:30:00+07:00', '2025-09-03', 'Friday afternoon before National Day → Wednesday'],
    ['2025-04-26T09:00:00+07:00', '2025-04-26', 'a make-up Saturday is a working day'],
    ['2025-04-27T09:00:00+07:00', '2025-04-28', 'Sunday → Monday'],
    ['2025-09-03T08:30:00Z', '2025-09-04', 'UTC input is converted to UTC+7 (08:30Z = 15:30 local)'],
    ['2025-09-03T07:59:00Z', '2025-09-03', '07:59Z = 14:59 local'],
  ])('%s → counts from %s (%s)', (at, expected) => {
    expect(countedReceiptDay(cal, new Date(at))).toBe(expected);
  });

  it('formats instants with the +07:00 offset', () => {
    expect(formatLocalDateTime(new Date('2025-09-03T07:20:00Z'))).toBe('2025-09-03T14:20:00+07:00');
  });
});

describe('Vietnamese lunar calendar (UTC+7)', () => {
  const fixture = parseCsvRecords(
    fs.readFileSync(path.join(referenceDataDir(), 'holidays', 'lunar_fixture_tet_hungvuong_2019_2030.csv'), 'utf8'),
  ) as unknown as Array<Record<string, string>>;

  it.each(fixture.map((r) => [r.year, r.tet_amlich_tz7, r.hung_amlich_tz7]))('%s: Tết %s, Hùng Kings %s', (year, tet, hung) => {
    expect(lunarNewYear(Number(year))).toBe(tet);
    expect(lunarToSolar(10, 3, Number(year))).toBe(hung);
  });

  it('Tết 2030 is 2 February in Vietnam (3 February in the Chinese calendar)', () => {
    expect(lunarNewYear(2030)).toBe('2030-02-02');
    expect(fixture.find((r) => r.year === '2030')!.tet_amlich_tz8).toBe('2030-02-03');
  });

  it('projects the statutory Tết 2030 break around 2 February with compensatory days', () => {
    const tet = statutoryHolidays(2030).filter((e) => e.name.startsWith('Tết Nguyên Đán'));
    expect(tet.map((e) => e.date)).toEqual(['2030-02-01', '2030-02-04', '2030-02-05', '2030-02-06', '2030-02-07']);
    expect(isWorkingDay(cal, '2030-02-01')).toBe(false);
    expect(isWorkingDay(cal, '2030-02-08')).toBe(true);
  });

  it('projects 1/1, 30/4, 1/5 and 2/9 for years not yet announced', () => {
    const d2027 = statutoryHolidays(2027).map((e) => e.date);
    expect(d2027).toContain('2027-01-01');
    expect(d2027).toContain('2027-04-30');
    expect(d2027).toContain('2027-09-02');
    expect(isWorkingDay(cal, '2027-05-03')).toBe(false); // 1/5/2027 is a Saturday → Monday off
  });
});

describe('countWorkingDays by arithmetic equals counting day by day', () => {
  it('on 400 ranges across the announced years', async () => {
    const { buildCalendar, countWorkingDays, isWorkingDay, addDays } = await import('./calendar.domain');
    const { defaultCalendar } = await import('./calendar.reference');
    const cal = buildCalendar(defaultCalendar());
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 400; i++) {
      const from = addDays('2019-01-01', Math.floor(rnd() * 365 * 8));
      const to = addDays(from, Math.floor(rnd() * 400) - 50);
      let naive = 0;
      if (to >= from) for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) naive += isWorkingDay(cal, d) ? 1 : 0;
      else for (let d = addDays(to, 1); d <= from; d = addDays(d, 1)) naive -= isWorkingDay(cal, d) ? 1 : 0;
      expect(countWorkingDays(cal, from, to), `${from} → ${to}`).toBe(naive);
    }
  });
});

describe('the compiled day index agrees with a day-by-day walk', () => {
  // The reference: the rules stated plainly, one day at a time, with no index.
  const addDay = (d: string, k: number) => new Date(Date.parse(d) + k * 86_400_000).toISOString().slice(0, 10);
  const worked = (d: string) => cal.makeupDays.has(d) || (!cal.daysOff.has(d) && ![0, 6].includes(new Date(d).getUTCDay()));
  const walkAdd = (from: string, n: number) => {
    let d = from;
    for (let k = 0; k < n; k++)
      do d = addDay(d, 1);
      while (!worked(d));
    return d;
  };
  const walkCount = (from: string, to: string) => {
    let n = 0;
    for (let d = addDay(from, 1); d <= to; d = addDay(d, 1)) if (worked(d)) n++;
    return n;
  };
  // Every day around the Tết and National Day seasons of the announced years, and the window's edges.
  const days: string[] = [];
  for (const start of ['2019-01-20', '2023-01-10', '2025-01-15', '2025-08-25', '2026-02-05', '1989-12-20', '2100-12-10']) {
    for (let k = 0; k < 40; k++) days.push(addDay(start, k));
  }

  it('for whether a day is worked, the n-th working day after it and working days between', () => {
    for (const d of days) {
      expect(isWorkingDay(cal, d), d).toBe(worked(d));
      for (const n of [1, 3, 5, 10, 15]) expect(addWorkingDays(cal, d, n), `${d} + ${n}`).toBe(walkAdd(d, n));
      for (const span of [1, 7, 20, 45])
        expect(countWorkingDays(cal, d, addDay(d, span)), `${d} … +${span}`).toBe(walkCount(d, addDay(d, span)));
    }
  });

  it('for the working day before a day', () => {
    for (const d of days) {
      let p = addDay(d, -1);
      while (!worked(p)) p = addDay(p, -1);
      expect(previousWorkingDay(cal, d), d).toBe(p);
    }
  });

  it('per calendar: an edited calendar is a new object with its own index', () => {
    const extra = buildCalendar([...defaultCalendar(), { date: '2026-03-04', kind: 'day_off' }]);
    expect(isWorkingDay(cal, '2026-03-04')).toBe(true);
    expect(isWorkingDay(extra, '2026-03-04')).toBe(false);
    expect(addWorkingDays(extra, '2026-03-03', 1)).toBe('2026-03-05');
  });
});

describe('holiday names', () => {
  it('reads every announced holiday in Vietnamese (the source names one "(5 days)")', () => {
    expect(announced.filter((e) => /[a-z]+\)$/i.test(e.name) && /days?\)/.test(e.name))).toEqual([]);
    expect(announced.find((e) => e.date === '2026-09-01')?.name).toBe('Quốc khánh 2026 (5 ngày)');
  });
});
