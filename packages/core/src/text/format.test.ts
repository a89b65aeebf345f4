import { describe, expect, it } from 'vitest';
import { formatDate, formatDateRange, formatDateTime, formatFixed, formatNumber, formatPercent, formatRate } from './format';

describe('Vietnamese formats', () => {
  it('writes numbers with a dot for thousands and a comma for decimals', () => {
    expect(formatNumber(1234.5)).toBe('1.234,5');
    expect(formatNumber(1234567)).toBe('1.234.567');
    expect(formatNumber(0.125, 2)).toBe('0,13');
    expect(formatFixed(7.5)).toBe('7,50');
    expect(formatFixed(null)).toBe('');
  });
  it('writes percentages and rates, with a dash when there is nothing to divide', () => {
    expect(formatPercent(92.46)).toBe('92,5 %');
    expect(formatRate(37, 40)).toBe('92,5 %');
    expect(formatRate(1, 0)).toBe('—');
    expect(formatPercent(null)).toBe('—');
  });
  it('writes dates day first', () => {
    expect(formatDate('2025-09-03')).toBe('03/09/2025');
    expect(formatDate('2025-09-03T14:20:00+07:00')).toBe('03/09/2025');
    expect(formatDateTime('2025-09-03T14:20:00+07:00')).toBe('03/09/2025 14:20');
    expect(formatDateRange('2026-01-01', '2026-06-30')).toBe('từ ngày 01/01/2026 đến ngày 30/06/2026');
    expect(formatDate(null)).toBe('');
  });
});
