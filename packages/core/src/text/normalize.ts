/**
 * Normalisation of Vietnamese text as it arrives from real documents (DOMAIN §7): NFC/NFD forms,
 * look-alike letters from other scripts (seed 002 writes ᴠ for v, ѕ for s, у for y, х for x),
 * stray spaces.
 */
const LOOKALIKES: Record<string, string> = {
  ᴠ: 'v',
  ѕ: 's',
  у: 'y',
  х: 'x',
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  і: 'i',
  ј: 'j',
  һ: 'h',
  ԁ: 'd',
  ɡ: 'g',
  ո: 'n',
  ᴄ: 'c',
  ᴏ: 'o',
  ᴜ: 'u',
  ᴡ: 'w',
  ᴢ: 'z',
  ʜ: 'h',
  ɪ: 'i',
  ʟ: 'l',
  ɴ: 'n',
  ʀ: 'r',
  ᴛ: 't',
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  У: 'Y',
  Ѕ: 'S',
  І: 'I',
  '\u00a0': ' ',
  '\u2009': ' ',
  '\u200b': '',
};
const LOOKALIKE_RE = new RegExp(`[${Object.keys(LOOKALIKES).join('')}]`, 'gu');

/** NFC, look-alikes replaced by Latin letters, whitespace collapsed. Keeps case and diacritics. */
export function normalizeText(input: string): string {
  return input
    .normalize('NFC')
    .replace(LOOKALIKE_RE, (ch) => LOOKALIKES[ch] ?? ch)
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Lower case without diacritics (đ → d): a key for matching names however they were typed. */
export function foldText(input: string): string {
  return normalizeText(input).normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

const UNIT_PREFIXES = [
  'thanh pho truc thuoc trung uong',
  'tinh',
  'thanh pho',
  'thi xa',
  'thi tran',
  'quan',
  'huyen',
  'xa',
  'phuong',
  'dac khu',
];

/** A unit name without its administrative prefix, folded: "Tỉnh Vĩnh Long" and "vinh long" match. */
export function unitNameKey(name: string): string {
  let key = foldText(name);
  for (const p of UNIT_PREFIXES) {
    if (key.startsWith(`${p} `)) {
      key = key.slice(p.length + 1);
      break;
    }
  }
  return key;
}

/** A column header as a key: accents, case, spaces and punctuation folded ("Mã hồ sơ" → "ma_ho_so"). */
export const headerKey = (h: string) =>
  foldText(h)
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
