import { describe, expect, it } from 'vitest';
import { buildCalendar, statutoryHolidays } from '@cchc/core';
import { combineStatus, deadlineProblem, obligationStatus, obligations, periodsBetween, reminderFor } from './task.domain';

// 2026 as announced: Tết 14–22 February (Mon 16 – Fri 20 are days off), 30/4–1/5, 2/9 and so on.
const cal = buildCalendar([...statutoryHolidays(2026), ...statutoryHolidays(2027)]);

describe('periods and obligations', () => {
  it('quarters overlapping the directive period', () => {
    expect(periodsBetween('quarterly', '2026-02-10', '2026-12-31').map((p) => [p.key, p.start, p.end])).toEqual([
      ['2026-Q1', '2026-01-01', '2026-03-31'],
      ['2026-Q2', '2026-04-01', '2026-06-30'],
      ['2026-Q3', '2026-07-01', '2026-09-30'],
      ['2026-Q4', '2026-10-01', '2026-12-31'],
    ]);
    expect(periodsBetween('half_yearly', '2026-07-01', '2027-06-30').map((p) => p.label)).toEqual([
      '6 tháng cuối năm 2026',
      '6 tháng đầu năm 2027',
    ]);
  });
  it('a quarterly report is due N working days after the quarter ends', () => {
    const obs = obligations({ start: '2026-01-15', dueDate: null, recurrence: 'quarterly', reportDays: 5, recurUntil: '2026-06-30' }, cal);
    // Q1 ends Tue 31/3; five working days later is Tue 7/4. Q2 ends Tue 30/6 → Tue 7/7.
    expect(obs.map((o) => [o.periodKey, o.dueDate])).toEqual([
      ['2026-Q1', '2026-04-07'],
      ['2026-Q2', '2026-07-07'],
    ]);
  });
  it('a one-off task owes one report by its date', () => {
    expect(obligations({ start: '2026-01-15', dueDate: '2026-03-31', recurrence: null, reportDays: null, recurUntil: null }, cal)).toEqual([
      { periodKey: 'once', periodLabel: 'Một lần', periodEnd: null, dueDate: '2026-03-31' },
    ]);
  });
});

describe('status (DOMAIN §5)', () => {
  const due = '2026-03-31';
  it.each([
    [undefined, '2026-03-20', 'not_started'],
    [{ state: 'draft' as const, submittedOn: null }, '2026-03-20', 'in_progress'],
    [{ state: 'submitted' as const, submittedOn: '2026-03-30' }, '2026-03-31', 'in_progress'],
    // Sent in time and not yet reviewed: waiting for Sở Nội vụ, not late for its delay.
    [{ state: 'submitted' as const, submittedOn: '2026-03-31' }, '2026-05-10', 'in_progress'],
    // Sent after the deadline: late until accepted.
    [{ state: 'submitted' as const, submittedOn: '2026-04-02' }, '2026-04-03', 'overdue'],
    [{ state: 'accepted' as const, submittedOn: '2026-03-31' }, '2026-04-10', 'done_on_time'],
    [{ state: 'accepted' as const, submittedOn: '2026-04-01' }, '2026-04-10', 'done_late'],
    [{ state: 'returned' as const, submittedOn: '2026-03-30' }, '2026-04-01', 'overdue'],
    [undefined, '2026-04-01', 'overdue'],
  ])('report %j, today %s → %s', (report, today, expected) => {
    expect(obligationStatus(due, report, today)).toBe(expected);
  });
  it('a recurring task is overdue when any due period is, done when all due ones are', () => {
    expect(
      combineStatus(
        [
          { dueDate: '2026-04-07', status: 'done_on_time' },
          { dueDate: '2026-07-07', status: 'overdue' },
          { dueDate: '2026-10-07', status: 'not_started' },
        ],
        '2026-08-01',
      ),
    ).toBe('overdue');
    expect(
      combineStatus(
        [
          { dueDate: '2026-04-07', status: 'done_on_time' },
          { dueDate: '2026-07-07', status: 'done_late' },
          { dueDate: '2026-10-07', status: 'not_started' },
        ],
        '2026-08-01',
      ),
    ).toBe('done_late');
    expect(combineStatus([{ dueDate: '2026-04-07', status: 'not_started' }], '2026-03-01')).toBe('not_started');
  });
});

describe('reminders', () => {
  it('3 working days before, on the day, then after, skipping the Tết holiday', () => {
    // Due Monday 23 February 2026, the first working day after Tết (16–20 February off).
    expect(reminderFor(cal, '2026-02-23', '2026-02-10', 3)).toBeNull(); // Tue 10/2: 4 working days left (11, 12, 13, 23)
    expect(reminderFor(cal, '2026-02-23', '2026-02-11', 3)).toBe('due_soon');
    expect(reminderFor(cal, '2026-02-23', '2026-02-23', 3)).toBe('due_today');
    expect(reminderFor(cal, '2026-02-23', '2026-02-24', 3)).toBe('overdue');
  });
});

describe('deadline checks', () => {
  it('refuses a deadline before the directive date, in Vietnamese', () => {
    expect(deadlineProblem({ dueDate: '2026-01-10' }, '2026-01-15')).toBe('thời hạn 10/01/2026 trước ngày ban hành văn bản 15/01/2026');
    expect(deadlineProblem({}, '2026-01-15')).toContain('chưa có thời hạn');
    expect(deadlineProblem({ recurrence: 'monthly', reportDays: 3 }, '2026-01-15')).toBeNull();
  });
});

describe('quoting a task in a report', () => {
  it('keeps whole sentences, never cuts a word', async () => {
    const { wholeSentences } = await import('./report.export');
    expect(wholeSentences('Ngắn gọn.')).toBe('Ngắn gọn.');
    const long = `${'Rà soát thủ tục hành chính. '.repeat(10)}Công khai kết quả trên cổng thông tin`;
    const cut = wholeSentences(long, 120);
    expect(cut.endsWith('hành chính. …')).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(122);
    expect(wholeSentences('một hai ba bốn năm sáu bảy tám chín mười', 20)).toBe('một hai ba bốn năm …');
  });
});
