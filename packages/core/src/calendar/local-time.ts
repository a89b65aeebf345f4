/** Local (UTC+7) date-times as exports and forms write them. */

const VN_RE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * A local (UTC+7) date-time as written in exports: `2025-09-03T14:20:00`, `03/09/2025 14:20[:ss]`, or a
 * date alone. Returns the instant, whether a time was given, or null when the text is not a date.
 */
export function parseLocalDateTime(text: string): { at: Date; hasTime: boolean; date: string } | null {
  const s = text.trim();
  let Y: number,
    M: number,
    D: number,
    H = 0,
    Mi = 0,
    S = 0,
    hasTime = false,
    date: string;
  const n = s.length;
  if ((n === 10 || n === 16 || n === 19) && s[4] === '-' && s[7] === '-') {
    // ISO, the form of almost every export: read by position (imports parse millions of these).
    Y = digitsAt(s, 0, 4);
    M = digitsAt(s, 5, 2);
    D = digitsAt(s, 8, 2);
    if (n > 10) {
      if ((s[10] !== 'T' && s[10] !== ' ') || s[13] !== ':' || (n === 19 && s[16] !== ':')) return null;
      H = digitsAt(s, 11, 2);
      Mi = digitsAt(s, 14, 2);
      S = n === 19 ? digitsAt(s, 17, 2) : 0;
      hasTime = true;
    }
    if (Y < 0 || M < 0 || D < 0 || H < 0 || Mi < 0 || S < 0) return null;
    date = s.slice(0, 10);
  } else {
    const m = VN_RE.exec(s);
    if (!m) return null;
    const [, d, mo, y, h, mi, se] = m as unknown as [string, string, string, string, string?, string?, string?];
    Y = Number(y);
    M = Number(mo);
    D = Number(d);
    if (h !== undefined) {
      H = Number(h);
      Mi = Number(mi);
      S = se === undefined ? 0 : Number(se);
      hasTime = true;
    }
    date = `${y}-${mo.length === 1 ? '0' + mo : mo}-${d.length === 1 ? '0' + d : d}`;
  }
  if (M < 1 || M > 12 || D < 1 || D > daysInMonth(Y, M) || H > 23 || Mi > 59 || S > 59) return null; // 31/02 and the like
  return { at: new Date(Date.UTC(Y, M - 1, D, H - 7, Mi, S)), hasTime, date };
}

/** The number written by `len` digits at `from`, or -1 when one of them is not a digit. */
function digitsAt(s: string, from: number, len: number): number {
  let v = 0;
  for (let i = from; i < from + len; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysInMonth = (y: number, m: number) => (m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : DAYS_IN_MONTH[m - 1]!);
