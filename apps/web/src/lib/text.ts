/** Lower case without diacritics, so "ho chi minh" finds "Hồ Chí Minh" in search boxes. */
export function foldForSearch(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'd').toLowerCase();
}
