/** PostgreSQL COPY text format: one row per line, tab-separated, `\N` for null. Pure. */

export type CopyValue = string | number | boolean | Date | null | undefined;

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One field in COPY's text format: `\N` for null, backslash escapes for the characters COPY reserves. */
export function copyField(v: CopyValue): string {
  if (v === null || v === undefined) return '\\N';
  switch (typeof v) {
    case 'string':
      return NEEDS_ESCAPE.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : v;
    case 'number':
      return String(v);
    case 'boolean':
      return v ? 't' : 'f';
    default:
      return v.toISOString();
  }
}

/** One row in COPY's text format (no line end). */
export function copyLine(values: readonly CopyValue[]): string {
  // join builds a flat string; `+=` would keep a rope of small pieces alive until the batch is written.
  const fields = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) fields[i] = copyField(values[i]);
  return fields.join('\t');
}

const UNESCAPES: Record<string, string> = { '\\\\': '\\', '\\t': '\t', '\\n': '\n', '\\r': '\r' };

/** The inverse of `copyLine`: text values, null for `\N`. */
export function parseCopyLine(line: string): (string | null)[] {
  return line.split('\t').map((f) => (f === '\\N' ? null : f.replace(/\\[\\tnr]/g, (e) => UNESCAPES[e]!)));
}
