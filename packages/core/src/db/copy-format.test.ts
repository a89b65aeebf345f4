import { describe, expect, it } from 'vitest';
import { copyField, copyLine, parseCopyLine } from './copy-format';

describe('COPY text format', () => {
  it('writes null, numbers, booleans, instants and escapes the reserved characters', () => {
    expect(copyField(null)).toBe('\\N');
    expect(copyField(undefined)).toBe('\\N');
    expect(copyField(2.5)).toBe('2.5');
    expect(copyField(false)).toBe('f');
    expect(copyField(new Date(Date.UTC(2026, 0, 2, 1, 2, 3)))).toBe('2026-01-02T01:02:03.000Z');
    expect(copyField('a\tb\nc\\d\re')).toBe('a\\tb\\nc\\\\d\\re');
  });

  it('reads back what it wrote', () => {
    const values = ['Nguyễn Văn A', null, 'tab\there', 'back\\slash\\N', '\\N', 'dòng 1\ndòng 2'];
    expect(parseCopyLine(copyLine(values))).toEqual(values);
  });
});
