import Papa from 'papaparse';

/** A small CSV held in memory (reference data, fixtures) as records keyed by the header row, cells trimmed. */
export function parseCsvRecords<T extends Record<string, string> = Record<string, string>>(text: string | Buffer): T[] {
  const source = (typeof text === 'string' ? text : text.toString('utf8')).replace(/^\uFEFF/, '');
  return Papa.parse<T>(source, { header: true, skipEmptyLines: 'greedy', transform: (v) => v.trim(), transformHeader: (h) => h.trim() })
    .data;
}
