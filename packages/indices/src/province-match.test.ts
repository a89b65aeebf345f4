import { describe, expect, it } from 'vitest';
import { ProvinceMatcher, provinceKey } from './province-match';

const old = [
  { id: 1, code: '46', name: 'Thành phố Huế' },
  { id: 2, code: '79', name: 'Thành phố Hồ Chí Minh' },
  { id: 3, code: '77', name: 'Tỉnh Bà Rịa - Vũng Tàu' },
  { id: 4, code: '17', name: 'Tỉnh Hoà Bình' },
  { id: 5, code: '84', name: 'Tỉnh Trà Vinh' },
];

describe('province names', () => {
  const m = new ProvinceMatcher(old);
  it.each([
    ['Thừa Thiên Huế', '46'],
    ['Thừa Thiên - Huế', '46'],
    ['TP. Hồ Chí Minh', '79'],
    ['TP.HCM', '79'],
    ['Hồ Chí Minh', '79'],
    ['Bà Rịa-Vũng Tàu', '77'],
    ['Hòa Bình', '17'],
    ['TỈNH TRÀ VINH'.normalize('NFD'), '84'],
    ['Trà ᴠinh', '84'],
    ['84', '84'],
  ])('%s → %s', (name, code) => {
    expect(m.match(name)?.code).toBe(code);
  });
  it('does not guess', () => {
    expect(m.match('Vinh')).toBeNull();
  });
  it('uses aliases users resolved', () => {
    const withAlias = new ProvinceMatcher(old, new Map([[provinceKey('Tỉnh TV'), 5]]));
    expect(withAlias.match('tỉnh TV')?.code).toBe('84');
  });
});
