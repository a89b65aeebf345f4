/**
 * Matching province names as published ("TP. Hồ Chí Minh", "Thừa Thiên Huế", "tỉnh Bến Tre", NFD text,
 * look-alike letters) to the units valid in the result's year.
 */
import { unitNameKey } from '@cchc/core';

export interface ProvinceCandidate {
  id: number;
  code: string;
  name: string;
}

/** Historical and common names that differ from the official unit name beyond prefix and accents. */
const BUILTIN_ALIASES: Record<string, string> = {
  'thua thien hue': 'hue',
  'tt hue': 'hue',
  hcm: 'ho chi minh',
  tphcm: 'ho chi minh',
  'tp hcm': 'ho chi minh',
  'sai gon': 'ho chi minh',
  'ba ria vung tau': 'ba ria vung tau',
  brvt: 'ba ria vung tau',
};

export function provinceKey(name: string): string {
  let k = unitNameKey(name)
    .replace(/[.,;:()'"’\-–_/]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  k = k.replace(/^(tp|thanh pho|tinh) /, '');
  return BUILTIN_ALIASES[k] ?? k;
}

export class ProvinceMatcher {
  private byKey = new Map<string, ProvinceCandidate>();
  private byCode = new Map<string, ProvinceCandidate>();
  private byId = new Map<number, ProvinceCandidate>();

  constructor(candidates: ProvinceCandidate[], aliases: Map<string, number> = new Map()) {
    for (const c of candidates) {
      this.byKey.set(provinceKey(c.name), c);
      this.byCode.set(c.code, c);
      this.byId.set(c.id, c);
    }
    for (const [alias, id] of aliases) {
      const c = this.byId.get(id);
      if (c) this.byKey.set(alias, c);
    }
  }

  match(name: string): ProvinceCandidate | null {
    const trimmed = name.trim();
    if (/^\d{1,2}$/.test(trimmed)) return this.byCode.get(trimmed.padStart(2, '0')) ?? null;
    return this.byKey.get(provinceKey(trimmed)) ?? null;
  }
}
