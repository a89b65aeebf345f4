/**
 * A framework (bộ tiêu chí) as rows of a table: `ma` (1, 1.1, 1.1.1 — the depth is the level),
 * `noi_dung`, `diem_toi_da`, `cach_cham`, `du_lieu`, `thang_diem`, `minh_chung`. Pure: the service reads
 * the file and saves what this accepts — only when there is no row error.
 */
import { headerKey, type RowError } from '@cchc/core/domain';
import { formatNumber } from '@cchc/core/format';
import type { Method } from './assessment.tables';

export interface Band {
  min: number;
  points: number;
}
/** Bands read top to bottom: the first band the value reaches gives the points, else `otherwise`. */
export interface Bands {
  steps: Band[];
  otherwise: number;
}

export interface CriterionDraft {
  code: string;
  parentCode: string | null;
  level: number;
  sortOrder: number;
  content: string;
  maxPoints: number;
  method: Method | null;
  metricKey: string | null;
  bands: Bands | null;
  evidenceRequired: boolean;
}

export const METHODS: Record<Method, string> = {
  tu_cham: 'tự chấm có minh chứng',
  du_lieu: 'tính từ dữ liệu',
  khao_sat: 'điều tra xã hội học',
  thuong: 'điểm thưởng',
  tru: 'điểm trừ',
};

const COLUMNS = ['ma', 'noi_dung', 'diem_toi_da', 'cach_cham', 'du_lieu', 'thang_diem', 'minh_chung'] as const;

/** "0,5" or "0.5" → 0.5; anything else null. */
export function parseDecimal(raw: string): number | null {
  const t = raw.trim().replace(/\s/g, '');
  if (!/^-?\d+([.,]\d+)?$/.test(t)) return null;
  return Number(t.replace(',', '.'));
}

/** `>=100:1;>=80:0,5;0` → steps and the otherwise value; null with a reason when it cannot be read. */
export function parseBands(raw: string): Bands | string {
  const parts = raw
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean);
  if (!parts.length) return 'thang điểm trống';
  const steps: Band[] = [];
  let otherwise = 0;
  for (const [i, p] of parts.entries()) {
    const m = /^>=\s*(-?\d+(?:[.,]\d+)?)\s*:\s*(-?\d+(?:[.,]\d+)?)$/.exec(p);
    if (m) {
      steps.push({ min: Number(m[1]!.replace(',', '.')), points: Number(m[2]!.replace(',', '.')) });
      continue;
    }
    const last = parseDecimal(p);
    if (last !== null && i === parts.length - 1) {
      otherwise = last;
      continue;
    }
    return `không đọc được "${p}" (cần dạng >=100:1;>=80:0,5;0)`;
  }
  for (let i = 1; i < steps.length; i++) if (steps[i]!.min > steps[i - 1]!.min) return 'các mức phải xếp từ cao xuống thấp';
  return { steps, otherwise };
}

/** The points a value earns: the first band it reaches; null value (nothing to measure) earns nothing. */
export function pointsFor(value: number | null, bands: Bands): number {
  if (value === null) return 0;
  for (const b of bands.steps) if (value >= b.min) return b.points;
  return bands.otherwise;
}

const round4 = (n: number) => Math.round(n * 10_000) / 10_000;

export interface ParsedFramework {
  criteria: CriterionDraft[];
  errors: RowError[];
  /** Sum of the maxima of the top-level areas other than bonus and penalty. */
  maxTotal: number;
  /** Scored leaves other than bonus and penalty. */
  scored: number;
}

/** The framework in a table (first row: headers); `knownMetric` says whether a metric key is published. */
export function parseFramework(table: string[][], knownMetric: (key: string) => boolean): ParsedFramework {
  const errors: RowError[] = [];
  const fail = (row: number, field: string, message: string) =>
    errors.push({ row, field, message: `Dòng ${row}, cột "${field}": ${message}.` });
  if (!table.length)
    return { criteria: [], errors: [{ row: 1, field: 'ma', message: 'Tệp rỗng: không có dòng tiêu đề.' }], maxTotal: 0, scored: 0 };
  const keys = table[0]!.map(headerKey);
  const col = Object.fromEntries(COLUMNS.map((c) => [c, keys.indexOf(c)])) as Record<(typeof COLUMNS)[number], number>;
  for (const c of ['ma', 'noi_dung', 'diem_toi_da'] as const)
    if (col[c] < 0) errors.push({ row: 1, field: c, message: `Dòng 1: thiếu cột "${c}".` });
  if (errors.length) return { criteria: [], errors, maxTotal: 0, scored: 0 };
  const cell = (r: string[], c: (typeof COLUMNS)[number]) => (col[c] >= 0 ? (r[col[c]] ?? '').trim() : '');
  const drafts: (CriterionDraft & { row: number })[] = [];
  const byCode = new Map<string, CriterionDraft & { row: number }>();
  table.slice(1).forEach((r, i) => {
    const row = i + 2;
    if (r.every((c) => !c.trim())) return;
    const code = cell(r, 'ma').replace(/\.$/, '');
    if (!/^\d+(\.\d+)*$/.test(code)) return fail(row, 'ma', `"${cell(r, 'ma')}" không phải mã dạng 1, 1.1, 1.1.1`);
    if (byCode.has(code)) return fail(row, 'ma', `mã ${code} trùng với dòng ${byCode.get(code)!.row}`);
    const parentCode = code.includes('.') ? code.slice(0, code.lastIndexOf('.')) : null;
    if (parentCode && !byCode.has(parentCode)) return fail(row, 'ma', `mã ${code} không có mục cha ${parentCode} ở các dòng trên`);
    const content = cell(r, 'noi_dung');
    if (!content) fail(row, 'noi_dung', 'không được để trống');
    const maxPoints = parseDecimal(cell(r, 'diem_toi_da'));
    if (maxPoints === null || maxPoints < 0) fail(row, 'diem_toi_da', `"${cell(r, 'diem_toi_da')}" không phải số điểm hợp lệ`);
    const rawMethod = headerKey(cell(r, 'cach_cham'));
    const method = rawMethod ? ((rawMethod in METHODS ? rawMethod : null) as Method | null) : null;
    if (rawMethod && !method) fail(row, 'cach_cham', `"${cell(r, 'cach_cham')}" không phải cách chấm (${Object.keys(METHODS).join(', ')})`);
    let metricKey: string | null = null;
    let bands: Bands | null = null;
    if (method === 'du_lieu') {
      metricKey = cell(r, 'du_lieu') || null;
      if (!metricKey) fail(row, 'du_lieu', 'tiêu chí tính từ dữ liệu cần tên chỉ tiêu đo');
      else if (!knownMetric(metricKey)) fail(row, 'du_lieu', `không có chỉ tiêu đo "${metricKey}"`);
      const parsed = parseBands(cell(r, 'thang_diem'));
      if (typeof parsed === 'string') fail(row, 'thang_diem', parsed);
      else {
        bands = parsed;
        const top = Math.max(parsed.otherwise, ...parsed.steps.map((b) => b.points));
        if (maxPoints !== null && top > maxPoints + 1e-9) fail(row, 'thang_diem', `mức ${top} điểm vượt điểm tối đa ${maxPoints}`);
      }
    }
    const d = {
      row,
      code,
      parentCode,
      level: code.split('.').length,
      sortOrder: drafts.length,
      content,
      maxPoints: maxPoints ?? 0,
      method,
      metricKey,
      bands,
      evidenceRequired: ['1', 'x', 'co', 'true'].includes(headerKey(cell(r, 'minh_chung'))),
    };
    drafts.push(d);
    byCode.set(code, d);
  });
  const children = new Map<string, (CriterionDraft & { row: number })[]>();
  for (const d of drafts) if (d.parentCode) children.set(d.parentCode, [...(children.get(d.parentCode) ?? []), d]);
  for (const d of drafts) {
    const kids = children.get(d.code);
    if (kids) {
      const sum = round4(kids.reduce((a, k) => a + k.maxPoints, 0));
      if (Math.abs(sum - d.maxPoints) > 1e-6)
        fail(d.row, 'diem_toi_da', `mục ${d.code} có điểm tối đa ${d.maxPoints} nhưng các mục con cộng lại ${sum}`);
    } else if (!d.method) fail(d.row, 'cach_cham', `tiêu chí ${d.code} không có mục con nên cần cách chấm`);
  }
  // An area is bonus or penalty when all its leaves are.
  const leavesOf = (d: CriterionDraft): CriterionDraft[] =>
    (children.get(d.code) ?? []).flatMap((k) => (children.has(k.code) ? leavesOf(k) : [k]));
  const isExtra = (d: CriterionDraft) => {
    const leaves = children.has(d.code) ? leavesOf(d) : [d];
    return leaves.length > 0 && leaves.every((l) => l.method === 'thuong' || l.method === 'tru');
  };
  const maxTotal = round4(drafts.filter((d) => d.level === 1 && !isExtra(d)).reduce((a, d) => a + d.maxPoints, 0));
  const scored = drafts.filter((d) => !children.has(d.code) && d.method && d.method !== 'thuong' && d.method !== 'tru').length;
  return { criteria: drafts.map(({ row: _row, ...d }) => d), errors: errors.sort((a, b) => a.row - b.row), maxTotal, scored };
}

/** Bands written back as the import column reads them: `>=95:2;>=80:1;0`. */
export const bandsText = (b: Bands | null) =>
  b
    ? [
        ...b.steps.map((x) => `>=${String(x.min).replace('.', ',')}:${String(x.points).replace('.', ',')}`),
        String(b.otherwise).replace('.', ','),
      ].join(';')
    : '';

/** The bands as a person reads them on the sheet: "từ 90 %: 10 điểm; từ 80 %: 8 điểm; thấp hơn: 0 điểm". */
export const bandsReading = (b: Bands | null) =>
  b
    ? [
        ...b.steps.map((x) => `từ ${formatNumber(x.min)} %: ${formatNumber(x.points)} điểm`),
        `thấp hơn: ${formatNumber(b.otherwise)} điểm`,
      ].join('; ')
    : '';
