/** Lower case without diacritics, so "ho chi minh" finds "Hồ Chí Minh" in search boxes. */
export function foldForSearch(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'd').toLowerCase();
}

/** How closely a label matches what was typed: 0 the same name, 1 starts with it, 2 contains it with its accents, 3 without. */
export function matchRank(label: string, typed: string): number {
  const l = label.toLocaleLowerCase('vi');
  const t = typed.trim().toLocaleLowerCase('vi');
  if (l === t) return 0;
  if (l.startsWith(t)) return 1;
  return l.includes(t) ? 2 : 3;
}

/**
 * Search of a unit picker: accents optional ("long ho" finds "Long Hồ"), and the closest name first, so
 * typing "Xã Long Hồ" and pressing Enter selects Xã Long Hồ, not Xã Long Hòa.
 */
export const unitSearch = {
  filterOption: (input: string, option?: { label?: unknown }) => foldForSearch(String(option?.label ?? '')).includes(foldForSearch(input)),
  filterSort: (a: { label?: unknown }, b: { label?: unknown }, info: { searchValue: string }) =>
    matchRank(String(a.label ?? ''), info.searchValue) - matchRank(String(b.label ?? ''), info.searchValue),
};
