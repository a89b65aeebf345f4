import { describe, expect, it } from 'vitest';
import { buildCalendar, defaultCalendar } from '@cchc/core';
import {
  addWorkingHours,
  apologyStatus,
  dueDate,
  lateCauseCategory,
  outcome,
  parseLocalDateTime,
  parseSupplements,
} from './dossier.domain';

const cal = buildCalendar(defaultCalendar());
const at = (s: string) => parseLocalDateTime(s)!.at;

describe('parseLocalDateTime', () => {
  it('reads ISO and Vietnamese forms as UTC+7', () => {
    expect(at('2025-09-03T14:20:00').toISOString()).toBe('2025-09-03T07:20:00.000Z');
    expect(at('03/09/2025 14:20').toISOString()).toBe('2025-09-03T07:20:00.000Z');
    expect(at('3/9/2025 14:20:30').toISOString()).toBe('2025-09-03T07:20:30.000Z');
    expect(parseLocalDateTime('03/09/2025')).toMatchObject({ hasTime: false });
    expect(parseLocalDateTime(' 2025-09-03 14:20 ')).toMatchObject({ hasTime: true, date: '2025-09-03' });
    expect(at('2025-09-03 00:05').toISOString()).toBe('2025-09-02T17:05:00.000Z');
    expect(parseLocalDateTime('2024-02-29')).toMatchObject({ hasTime: false, date: '2024-02-29' });
    expect(parseLocalDateTime('3/9/2025')).toMatchObject({ date: '2025-09-03' });
  });
  it('refuses what is not a date', () => {
    for (const bad of [
      '31/02/2025',
      '2025-13-01',
      '03-09-2025',
      'hôm qua',
      '2025-09-03T25:00',
      '2025-02-29',
      '2025-09-0a',
      '2025-09-03X14:20',
      '2025-09-03T14-20',
      '2025-09-03T14:20:5x',
      '2025-09-03T14:20-00',
      '2025-09-03T14:60',
      '2025-09-03T14:20:00Z',
      '2025-9-03',
    ])
      expect(parseLocalDateTime(bad)).toBeNull();
  });
});

describe('due date', () => {
  const base = { appointmentAt: null, timeLimit: 3, timeUnit: 'ngay_lam_viec' as const, supplements: [] };
  it('counts from the next working day after receipt, before 15:00', () => {
    // Wednesday 3 September 2025 14:59 → counted that day → +3 working days = Monday 8 September.
    expect(dueDate(cal, { ...base, receivedAt: at('2025-09-03T14:59:00') })).toBe('2025-09-08');
  });
  it('receipt after 15:00 counts from the next working day', () => {
    // 15:01 Wednesday → counted Thursday 4/9 → +3 = Tuesday 9/9.
    expect(dueDate(cal, { ...base, receivedAt: at('2025-09-03T15:01:00') })).toBe('2025-09-09');
  });
  it('skips Tết 2025 (25/01–02/02 off)', () => {
    // Friday 24/01/2025 10:00 + 1 working day → Monday 3 February.
    expect(dueDate(cal, { ...base, timeLimit: 1, receivedAt: at('2025-01-24T10:00:00') })).toBe('2025-02-03');
  });
  it('counts a make-up Saturday as a working day (26/04/2025)', () => {
    // Friday 25/04/2025 10:00 + 1 → the make-up Saturday 26/04.
    expect(dueDate(cal, { ...base, timeLimit: 1, receivedAt: at('2025-04-25T10:00:00') })).toBe('2025-04-26');
  });
  it('a receipt on a day off counts from the next working day', () => {
    // Sunday 7/9/2025 09:00 → counted Monday 8/9 → +2 → Wednesday 10/9.
    expect(dueDate(cal, { ...base, timeLimit: 2, receivedAt: at('2025-09-07T09:00:00') })).toBe('2025-09-10');
  });
  it('extends by the working days of a supplement wait', () => {
    // Due 8/9 without waiting; the applicant was asked Thursday 4/9 and supplied Monday 8/9: 2 working days (5, 8).
    const supplements = parseSupplements('04/09/2025 09:00/08/09/2025 10:00') as { start: Date; end: Date }[];
    expect(dueDate(cal, { ...base, receivedAt: at('2025-09-03T09:00:00'), supplements })).toBe('2025-09-10');
  });
  it('uses the promised date when the export gives one', () => {
    expect(dueDate(cal, { ...base, appointmentAt: at('2025-09-12T17:00:00'), receivedAt: at('2025-09-03T09:00:00') })).toBe('2025-09-12');
  });
  it('counts hours within 08:00–17:00 on working days', () => {
    expect(addWorkingHours(cal, at('2025-09-03T14:00:00'), 4)).toBe('2025-09-04'); // 3 h Wednesday + 1 h Thursday
    expect(addWorkingHours(cal, at('2025-09-03T14:00:00'), 3)).toBe('2025-09-03');
    expect(addWorkingHours(cal, at('2025-01-24T16:00:00'), 8)).toBe('2025-02-03'); // over Tết
  });
  it('calendar days for "ngay"', () => {
    expect(dueDate(cal, { ...base, timeUnit: 'ngay', timeLimit: 10, receivedAt: at('2025-09-03T09:00:00') })).toBe('2025-09-13');
  });
});

describe('outcome and apology', () => {
  it('early, on time, late, open, open overdue', () => {
    expect(outcome('2025-09-08', at('2025-09-05T10:00:00'), 0, '2025-12-31')).toBe('early');
    expect(outcome('2025-09-08', at('2025-09-08T16:59:00'), 0, '2025-12-31')).toBe('on_time');
    expect(outcome('2025-09-08', at('2025-09-09T08:00:00'), 0, '2025-12-31')).toBe('late');
    expect(outcome('2025-09-08', null, 0, '2025-09-08')).toBe('open');
    expect(outcome('2025-09-08', null, 0, '2025-09-09')).toBe('open_overdue');
    expect(outcome('2025-09-08', at('2025-09-20T08:00:00'), 0, '2025-09-10')).toBe('open_overdue'); // judged as of 10/9
  });
  it('a second supplement request makes the dossier late', () => {
    expect(outcome('2025-09-20', at('2025-09-10T10:00:00'), 2, '2025-12-31')).toBe('late');
  });
  it('the apology is due at least one working day before the due date', () => {
    // Due Monday 8/9/2025: the apology must be sent by Friday 5/9.
    expect(apologyStatus(cal, '2025-09-08', at('2025-09-05T16:00:00'), true)).toBe('compliant');
    expect(apologyStatus(cal, '2025-09-08', at('2025-09-08T08:00:00'), true)).toBe('late');
    expect(apologyStatus(cal, '2025-09-08', null, true)).toBe('missing');
    expect(apologyStatus(cal, '2025-09-08', null, false)).toBe('not_needed');
    // Due Monday 3/2/2025 after Tết: the last working day before is Friday 24/1.
    expect(apologyStatus(cal, '2025-02-03', at('2025-01-31T09:00:00'), true)).toBe('late');
    expect(apologyStatus(cal, '2025-02-03', at('2025-01-24T09:00:00'), true)).toBe('compliant');
  });
  it('classifies late causes like the seed 004 report', () => {
    expect(lateCauseCategory('Phần mềm kết thúc trễ trên hệ thống')).toBe('Phần mềm, hệ thống');
    expect(lateCauseCategory('Chờ ý kiến liên thông Sở Xây dựng')).toBe('Liên thông, phối hợp giữa các cơ quan');
    expect(lateCauseCategory('')).toBe('Chưa ghi nguyên nhân');
  });
});
