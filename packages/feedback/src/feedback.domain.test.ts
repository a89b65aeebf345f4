import { describe, expect, it } from 'vitest';
import { AppError, buildCalendar } from '@cchc/core';
import {
  caseCode,
  clocksFor,
  CLOCK_766,
  extendedDue,
  isDissatisfied,
  looksLikeComplaint,
  normalisePhone,
  onTimeRate,
  satisfactionRate,
  senderKeyOf,
  timeliness,
} from './feedback.domain';

// 2026: Quốc khánh 1–2/9 (Tuesday, Wednesday) are days off.
const cal = buildCalendar([
  { date: '2026-09-01', kind: 'day_off' },
  { date: '2026-09-02', kind: 'day_off' },
]);
const at = (s: string) => new Date(s);

describe('tracking code', () => {
  it('is PAKN.YYYYMMDD.NNNN (Decision 31/2021)', () => {
    expect(caseCode('2026-11-23', 7)).toBe('PAKN.20261123.0007');
    expect(() => caseCode('2026-11-23', 0)).toThrow(RangeError);
  });
});

describe('clocks', () => {
  it('counts 15 working days from the day of receipt, skipping weekends and holidays', () => {
    // Monday 31/08 09:00: the holiday (1–2/9) and two weekends fall inside.
    expect(clocksFor(cal, at('2026-08-31T09:00:00+07:00'), CLOCK_766)).toEqual({
      countedFrom: '2026-08-31',
      dueDate: '2026-09-23',
      classifyDue: '2026-09-09',
    });
  });

  it('counts from the next working day after 15:00 or on a day off', () => {
    expect(clocksFor(cal, at('2026-11-20T15:30:00+07:00'), CLOCK_766).countedFrom).toBe('2026-11-23');
    expect(clocksFor(cal, at('2026-11-21T10:00:00+07:00'), CLOCK_766).countedFrom).toBe('2026-11-23');
    expect(clocksFor(cal, at('2026-09-01T10:00:00+07:00'), CLOCK_766).countedFrom).toBe('2026-09-03');
  });

  it('allows one extension of at most the category’s own time', () => {
    expect(extendedDue(cal, '2026-12-14', 5, CLOCK_766, false)).toBe('2026-12-21');
    expect(() => extendedDue(cal, '2026-12-14', 5, CLOCK_766, true)).toThrow(AppError);
    expect(() => extendedDue(cal, '2026-12-14', 16, CLOCK_766, false)).toThrow(/1 đến 15/);
  });
});

describe('timeliness', () => {
  const base = { dueDate: '2026-12-14', classifyDue: '2026-11-30', classifiedAt: null, approvedAt: null };
  it('judges the unit by its head’s approval, not by the office’s publication', () => {
    expect(timeliness({ ...base, status: 'published', approvedAt: at('2026-12-14T16:00:00+07:00') }, '2026-12-30')).toBe('on_time');
    expect(timeliness({ ...base, status: 'approved', approvedAt: at('2026-12-15T08:00:00+07:00') }, '2026-12-15')).toBe('late');
  });
  it('is overdue only after the due date, and a refusal is judged against the classification time', () => {
    expect(timeliness({ ...base, status: 'assigned' }, '2026-12-14')).toBe('open');
    expect(timeliness({ ...base, status: 'assigned' }, '2026-12-15')).toBe('overdue');
    expect(timeliness({ ...base, status: 'rejected', classifiedAt: at('2026-12-01T09:00:00+07:00') }, '2026-12-15')).toBe('late');
  });
});

describe('group 5 measures', () => {
  const c = { received: 10, classified: 9, judged: 8, onTime: 6, answered: 5, dissatisfied: 2, repeated: 1, late: 1 };
  it('computes on-time and satisfaction-with-handling rates, null with nothing to divide', () => {
    expect(onTimeRate(c)).toBe(75);
    expect(satisfactionRate(c)).toBe(60);
    expect(satisfactionRate({ ...c, answered: 0, dissatisfied: 0 })).toBeNull();
  });
  it('counts 1–2 stars or "not solved" as unsatisfied', () => {
    expect(isDissatisfied(2, true)).toBe(true);
    expect(isDissatisfied(4, false)).toBe(true);
    expect(isDissatisfied(3, null)).toBe(false);
  });
});

describe('intake helpers', () => {
  it('reads Vietnamese phone numbers and hashes contacts with the deployment key', () => {
    expect(normalisePhone('+84 912 345 678')).toBe('0912345678');
    expect(normalisePhone('0912.345.678')).toBe('0912345678');
    expect(normalisePhone('12345')).toBeNull();
    const k = senderKeyOf('secret', '0912345678', null);
    expect(k).toMatch(/^[0-9a-f]{64}$/);
    expect(k).not.toContain('0912345678');
    expect(senderKeyOf('other', '0912345678', null)).not.toBe(k);
  });
  it('recognises complaints and denunciations for the office to redirect', () => {
    expect(looksLikeComplaint('Tôi làm đơn KHIẾU NẠI quyết định thu hồi đất')).toBe(true);
    expect(looksLikeComplaint('Đèn đường bị hỏng')).toBe(false);
  });
});
