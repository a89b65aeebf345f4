import { describe, expect, it } from 'vitest';
import { demoSurveyPeriods } from './survey.demo';

describe('the demo surveys’ periods', () => {
  it('split this year’s dossiers in two halves late in the year', () => {
    expect(demoSurveyPeriods('2026-11-23')).toEqual({ start: '2026-01-01', mid: '2026-06-13', days: 326 });
  });

  it('still have months behind them in early January (the history starts last year)', () => {
    const p = demoSurveyPeriods('2027-01-10');
    expect(p.start).toBe('2026-01-01');
    expect(p.days).toBe(374);
    expect(p.mid).toBe('2026-07-07');
  });
});
