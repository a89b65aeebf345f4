import { describe, expect, it } from 'vitest';
import { parsePeriod, periodOf, periodsBetween } from './periods';

describe('periods', () => {
  it('gives each kind its key, range and Vietnamese label', () => {
    expect(periodOf('monthly', '2026-02-15')).toMatchObject({
      key: '2026-M02',
      start: '2026-02-01',
      end: '2026-02-28',
      label: 'Tháng 2/2026',
    });
    expect(periodOf('monthly', '2028-02-29')).toMatchObject({ end: '2028-02-29' });
    expect(periodOf('quarterly', '2026-08-01')).toMatchObject({
      key: '2026-Q3',
      start: '2026-07-01',
      end: '2026-09-30',
      label: 'Quý III/2026',
    });
    expect(periodOf('half_yearly', '2026-06-30')).toMatchObject({ key: '2026-H1', end: '2026-06-30', label: '6 tháng đầu năm 2026' });
    expect(periodOf('yearly', '2026-12-31')).toMatchObject({ key: '2026', start: '2026-01-01', end: '2026-12-31', label: 'Năm 2026' });
  });
  it('lists the periods overlapping a range, across years', () => {
    expect(periodsBetween('quarterly', '2026-11-10', '2027-02-01').map((p) => p.key)).toEqual(['2026-Q4', '2027-Q1']);
  });
  it('parses every key it writes and refuses anything else in Vietnamese', () => {
    for (const key of ['2026', '2026-H2', '2026-Q4', '2026-M12']) expect(parsePeriod(key).key).toBe(key);
    expect(() => parsePeriod('2026-Q5')).toThrow('Kỳ "2026-Q5" không hợp lệ');
    expect(() => parsePeriod('2026-M13')).toThrow(/không hợp lệ/);
  });
});
