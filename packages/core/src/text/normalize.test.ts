import { describe, expect, it } from 'vitest';
import { foldText, normalizeText, unitNameKey } from './normalize';

describe('normalizeText', () => {
  it('turns NFD input into NFC', () => {
    const nfd = 'Vĩnh Long'.normalize('NFD');
    expect(nfd).not.toBe('Vĩnh Long');
    expect(normalizeText(nfd)).toBe('Vĩnh Long');
  });
  it('replaces the look-alike letters of seed 002 with Latin ones', () => {
    expect(normalizeText('Sở Nội ᴠụ')).toBe('Sở Nội vụ');
    expect(normalizeText('Chỉ thị ѕố 08')).toBe('Chỉ thị số 08');
    expect(normalizeText('хã Long Hồ')).toBe('xã Long Hồ');
  });
  it('collapses spaces, non-breaking spaces and line breaks', () => {
    expect(normalizeText('  Sở\u00a0Tài\n chính  ')).toBe('Sở Tài chính');
  });
});

describe('foldText and unitNameKey', () => {
  it('fold diacritics and đ', () => {
    expect(foldText('Đồng Tháp')).toBe('dong thap');
  });
  it('match province names with or without their prefix and however typed', () => {
    expect(unitNameKey('Tỉnh Vĩnh Long')).toBe('vinh long');
    expect(unitNameKey('vinh long')).toBe('vinh long');
    expect(unitNameKey('Thành phố Hồ Chí Minh')).toBe('ho chi minh');
    expect(unitNameKey('TỈNH BẾN TRE'.normalize('NFD'))).toBe('ben tre');
  });
});
