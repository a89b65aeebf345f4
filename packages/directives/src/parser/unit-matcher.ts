/**
 * Finds the deployment's unit that a section heading names ("2.1. Sở Nội vụ", "Sở Tàichính" with the
 * space lost by a scraper, "Văn phòng UBND tỉnh"), or the group it names ("Các sở, ban, ngành; UBND các
 * xã, phường"). Pure: the caller passes the units.
 */
import { foldText } from '@cchc/core';

export interface MatchableUnit {
  code: string;
  name: string;
  shortName?: string | null;
  kind: 'province' | 'department' | 'commune';
}

export type GroupKind = 'departments' | 'communes' | 'all';

export interface UnitMatch {
  leadUnitName: string;
  leadUnitCode: string | null;
  isGroup: boolean;
  group: GroupKind | null;
  /** How it was matched, for the review form: exact name, successor of a 2025 merged department, none. */
  matchedBy: 'name' | 'successor' | 'group' | 'none';
  note: string | null;
}

const ABBREVIATIONS: [RegExp, string][] = [
  [/\bubnd\b/g, 'uy ban nhan dan'],
  [/\bhdnd\b/g, 'hoi dong nhan dan'],
  [/\bmttq\s*vn\b|\bmttqvn\b/g, 'mat tran to quoc viet nam'],
  [/\bmttq\b/g, 'mat tran to quoc'],
  [/&/g, ' va '],
];

/** Folded, abbreviations expanded, every non-letter removed: survives lost spaces and punctuation. */
export function squash(text: string): string {
  let s = foldText(text);
  for (const [re, rep] of ABBREVIATIONS) s = s.replace(re, rep);
  return s.replace(/[^a-z0-9]/g, '');
}

/** Departments merged or renamed in the 2025 restructuring (Decree 45/2025/NĐ-CP): old name → new name. */
const DEPARTMENT_SUCCESSORS: [string, string][] = [
  ['Sở Thông tin và Truyền thông', 'Sở Khoa học và Công nghệ'],
  ['Sở Kế hoạch và Đầu tư', 'Sở Tài chính'],
  ['Sở Tài nguyên và Môi trường', 'Sở Nông nghiệp và Môi trường'],
  ['Sở Nông nghiệp và Phát triển nông thôn', 'Sở Nông nghiệp và Môi trường'],
  ['Sở Lao động - Thương binh và Xã hội', 'Sở Nội vụ'],
  ['Sở Giao thông vận tải', 'Sở Xây dựng'],
  ['Ban Dân tộc', 'Sở Dân tộc và Tôn giáo'],
];

/** Phrases that address a whole group of units, checked at the start of each part of a heading. */
const GROUP_PATTERNS: { re: RegExp; kind: 'departments' | 'communes' }[] = [
  { re: /^(thutruong)?cac(so|coquan|ban|nganh)|^thanhvienbanchidao/, kind: 'departments' },
  { re: /^(chutich)?(uybannhandan|ubnd)?cac(huyen|xa|phuong|thixa|thanhpho|diaphuong)|^capxa|^caphuyen/, kind: 'communes' },
];

export class UnitMatcher {
  private entries: { key: string; unit: MatchableUnit }[] = [];

  constructor(units: MatchableUnit[]) {
    for (const u of units) {
      this.entries.push({ key: squash(u.name), unit: u });
      if (u.kind === 'department') {
        // "Văn phòng Ủy ban nhân dân tỉnh" is also written "Văn phòng UBND tỉnh"; "… tỉnh" is often left out.
        const withoutProvince = squash(u.name.replace(/ tỉnh$/, ''));
        if (withoutProvince !== squash(u.name)) this.entries.push({ key: withoutProvince, unit: u });
      }
    }
    // Longest names first, so "Sở Nông nghiệp và Môi trường" wins over a shorter prefix.
    this.entries.sort((a, b) => b.key.length - a.key.length);
  }

  match(heading: string): UnitMatch {
    const cleaned = heading
      .replace(/^\s*(đề nghị|giao|yêu cầu)\s+/i, '')
      .replace(/[:.]\s*$/, '')
      .trim();
    const key = squash(cleaned);
    for (const e of this.entries) {
      if (e.unit.kind === 'province') continue;
      if (key === e.key || key.startsWith(e.key)) {
        return { leadUnitName: cleaned, leadUnitCode: e.unit.code, isGroup: false, group: null, matchedBy: 'name', note: null };
      }
    }
    const groups = new Set<'departments' | 'communes'>();
    for (const part of cleaned.split(/;|,| và /)) {
      const p = squash(part);
      for (const g of GROUP_PATTERNS) if (g.re.test(p)) groups.add(g.kind);
    }
    if (groups.size) {
      const group: GroupKind = groups.size === 2 ? 'all' : [...groups][0]!;
      return { leadUnitName: cleaned, leadUnitCode: null, isGroup: true, group, matchedBy: 'group', note: null };
    }
    for (const [oldName, newName] of DEPARTMENT_SUCCESSORS) {
      if (key.startsWith(squash(oldName))) {
        const target = this.entries.find((e) => e.key === squash(newName));
        if (target) {
          return {
            leadUnitName: cleaned,
            leadUnitCode: target.unit.code,
            isGroup: false,
            group: null,
            matchedBy: 'successor',
            note: `${oldName} nay là ${target.unit.name} (sắp xếp năm 2025): hãy kiểm tra lại.`,
          };
        }
      }
    }
    return {
      leadUnitName: cleaned,
      leadUnitCode: null,
      isGroup: false,
      group: null,
      matchedBy: 'none',
      note: 'Không khớp đơn vị nào: hãy chọn đơn vị chủ trì.',
    };
  }
}
