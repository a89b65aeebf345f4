/**
 * Reading index-result files into records, before any database work. Two formats:
 * - `papi-provinces`: the published PAPI table (province_vi, year, D1…D8, total_papi, rank_year);
 * - `long`: one figure per row (year, index, province, component, value, rank, source); an empty
 *   component (or TOTAL) is the total.
 * A file of the wrong kind is refused whole; other problems are reported per row.
 */
import { foldText, headerKey, readTable, type RowError } from '@cchc/core';
import { parseDecimal } from './indices.domain';
import { INDEX_CODES, type IndexCode } from './indices.tables';
import { INDEX_LABELS } from './scheme.catalogue';

export type ImportFormat = 'papi-provinces' | 'long';

export interface ImportRecord {
  /** File row numbers (1 = header) the record came from. */
  rows: number[];
  year: number;
  province: string;
  value: number | null;
  rank: number | null;
  components: Record<string, number>;
  source: string | null;
}

export type { RowError };

export interface ParsedFile {
  records: ImportRecord[];
  errors: RowError[];
  /** Set when the whole file is refused (wrong kind, unreadable). */
  fileError: string | null;
  dataRows: number;
}

export { readTable };

function fail(message: string, dataRows: number): ParsedFile {
  return { records: [], errors: [], fileError: message, dataRows };
}

export function parseIndexTable(table: string[][], index: IndexCode, format: ImportFormat): ParsedFile {
  if (!table.length) return fail('Tệp rỗng: không có dòng tiêu đề nào.', 0);
  const headers = table[0]!.map(headerKey);
  const col = (...names: string[]) => headers.findIndex((h) => names.includes(h));
  const body = table
    .slice(1)
    .map((cells, i) => ({ row: i + 2, cells }))
    .filter((r) => r.cells.some((c) => c !== ''));
  if (!body.length) return fail('Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.', 0);
  return format === 'papi-provinces' ? parsePapi(body, headers, col, index) : parseLong(body, col, index);
}

type Col = (...names: string[]) => number;
type Body = { row: number; cells: string[] }[];

function parseYear(raw: string | undefined, row: number, errors: RowError[]): number | null {
  const y = Number(raw);
  if (!raw || !Number.isInteger(y) || y < 2000 || y > 2100) {
    errors.push({ row, field: 'year', message: `Dòng ${row}, cột "year": "${raw ?? ''}" không phải năm hợp lệ.` });
    return null;
  }
  return y;
}

function parsePapi(body: Body, headers: string[], col: Col, index: IndexCode): ParsedFile {
  if (index !== 'PAPI') {
    return fail(
      `Định dạng "papi-provinces" chỉ dùng cho PAPI, không dùng được cho ${INDEX_LABELS[index]}. Không có dòng nào được nhập.`,
      body.length,
    );
  }
  const cProvince = col('province_vi', 'province', 'tinh', 'ten_tinh');
  const cYear = col('year', 'nam');
  const dims = ['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'd8'].map((d) => headers.indexOf(d));
  const cTotal = col('total_papi', 'total', 'tong');
  const cRank = col('rank_year', 'rank', 'xep_hang');
  const missing = [
    cProvince < 0 && 'province_vi',
    cYear < 0 && 'year',
    ...dims.map((d, i) => d < 0 && `D${i + 1}`),
    cTotal < 0 && 'total_papi',
  ].filter(Boolean);
  if (missing.length) {
    return fail(
      `Tệp không đúng định dạng PAPI theo tỉnh (papi-provinces): thiếu cột ${missing.join(', ')}. Không có dòng nào được nhập.`,
      body.length,
    );
  }
  const errors: RowError[] = [];
  const records: ImportRecord[] = [];
  for (const { row, cells } of body) {
    const rowErrors: RowError[] = [];
    const year = parseYear(cells[cYear], row, rowErrors);
    const province = cells[cProvince] ?? '';
    if (!province) rowErrors.push({ row, field: 'province_vi', message: `Dòng ${row}, cột "province_vi": thiếu tên tỉnh.` });
    const components: Record<string, number> = {};
    // The published table leaves cells empty where a figure was not published: kept as missing, not refused.
    dims.forEach((c, i) => {
      const v = parseDecimal(cells[c]);
      if (v === null) return;
      if (Number.isNaN(v))
        rowErrors.push({ row, field: `D${i + 1}`, message: `Dòng ${row}, cột "D${i + 1}": "${cells[c] ?? ''}" không phải số.` });
      else components[`D${i + 1}`] = v;
    });
    const value = parseDecimal(cells[cTotal]);
    if (value !== null && Number.isNaN(value))
      rowErrors.push({ row, field: 'total_papi', message: `Dòng ${row}, cột "total_papi": "${cells[cTotal] ?? ''}" không phải số.` });
    const rank = cRank >= 0 ? parseDecimal(cells[cRank]) : null;
    if (rank !== null && (Number.isNaN(rank) || !Number.isInteger(rank) || rank < 1)) {
      rowErrors.push({ row, field: 'rank_year', message: `Dòng ${row}, cột "rank_year": "${cells[cRank]}" không phải thứ hạng hợp lệ.` });
    }
    if (rowErrors.length) errors.push(...rowErrors);
    else records.push({ rows: [row], year: year!, province, value, rank, components, source: null });
  }
  return { records, errors, fileError: null, dataRows: body.length };
}

function parseLong(body: Body, col: Col, index: IndexCode): ParsedFile {
  const c = {
    year: col('year', 'nam'),
    index: col('index', 'chi_so'),
    province: col('province', 'tinh'),
    component: col('component', 'thanh_phan'),
    value: col('value', 'gia_tri', 'diem'),
    rank: col('rank', 'xep_hang'),
    source: col('source', 'nguon'),
  };
  const missing = (['year', 'index', 'province', 'value'] as const).filter((k) => c[k] < 0);
  if (missing.length) {
    return fail(
      `Tệp không đúng định dạng dài (long): thiếu cột ${missing.join(', ')}. Cần các cột year,index,province,component,value,rank,source. Không có dòng nào được nhập.`,
      body.length,
    );
  }
  // A file that carries another index is the wrong file: refuse it whole.
  const otherIndex = body.find((r) => normalizeIndex(r.cells[c.index]) !== index);
  if (otherIndex) {
    const found = otherIndex.cells[c.index] ?? '';
    return fail(
      `Dòng ${otherIndex.row}, cột "index": "${found}" không phải ${INDEX_LABELS[index]} — tệp này không phải tệp kết quả ${INDEX_LABELS[index]}. Không có dòng nào được nhập.`,
      body.length,
    );
  }
  const errors: RowError[] = [];
  const groups = new Map<string, ImportRecord>();
  for (const { row, cells } of body) {
    const rowErrors: RowError[] = [];
    const year = parseYear(cells[c.year], row, rowErrors);
    const province = cells[c.province] ?? '';
    if (!province) rowErrors.push({ row, field: 'province', message: `Dòng ${row}, cột "province": thiếu tên tỉnh.` });
    const rawComponent = (c.component >= 0 ? (cells[c.component] ?? '') : '').trim();
    const component = rawComponent === '' || /^(total|tong|tổng)$/i.test(rawComponent) ? null : rawComponent.toUpperCase();
    const value = parseDecimal(cells[c.value]);
    if (value === null || Number.isNaN(value))
      rowErrors.push({ row, field: 'value', message: `Dòng ${row}, cột "value": "${cells[c.value] ?? ''}" không phải số.` });
    const rank = c.rank >= 0 ? parseDecimal(cells[c.rank]) : null;
    if (rank !== null && (Number.isNaN(rank) || !Number.isInteger(rank) || rank < 1)) {
      rowErrors.push({ row, field: 'rank', message: `Dòng ${row}, cột "rank": "${cells[c.rank]}" không phải thứ hạng hợp lệ.` });
    }
    if (rowErrors.length) {
      errors.push(...rowErrors);
      continue;
    }
    const key = `${year}|${foldText(province)}`;
    const rec = groups.get(key) ?? { rows: [], year: year!, province, value: null, rank: null, components: {}, source: null };
    groups.set(key, rec);
    rec.rows.push(row);
    const source = c.source >= 0 ? (cells[c.source] ?? '').trim() : '';
    if (source) rec.source = rec.source && rec.source !== source ? `${rec.source}; ${source}` : source;
    if (component === null) {
      if (rec.value !== null) {
        errors.push({
          row,
          field: 'value',
          message: `Dòng ${row}: tỉnh "${province}" năm ${year} đã có giá trị tổng ở dòng ${rec.rows[0]}; một tỉnh chỉ có một giá trị mỗi năm.`,
        });
        (rec as ImportRecord & { conflict?: boolean }).conflict = true;
      } else {
        rec.value = value;
        rec.rank = rank;
      }
    } else if (component in rec.components) {
      errors.push({
        row,
        field: 'component',
        message: `Dòng ${row}: thành phần ${component} của "${province}" năm ${year} bị nhập hai lần.`,
      });
      (rec as ImportRecord & { conflict?: boolean }).conflict = true;
    } else {
      rec.components[component] = value!;
    }
  }
  const records = [...groups.values()].filter((r) => !(r as ImportRecord & { conflict?: boolean }).conflict);
  return { records, errors, fileError: null, dataRows: body.length };
}

function normalizeIndex(raw: string | undefined): IndexCode | null {
  const k = foldText(raw ?? '').replace(/[^a-z0-9]/g, '');
  if (k === 'papi') return 'PAPI';
  if (k === 'sipas') return 'SIPAS';
  if (k === 'parindex' || k === 'par') return 'PAR_INDEX';
  if (k === '766' || k === 'bochiso766') return '766';
  return (INDEX_CODES as readonly string[]).includes(raw ?? '') ? (raw as IndexCode) : null;
}

export interface SchemeForValidation {
  name: string;
  totalMin: number;
  totalMax: number;
  components: { code: string; minPoints: number | null; maxPoints: number | null }[];
}

const fmt = (n: number) => n.toLocaleString('vi-VN', { maximumFractionDigits: 4 });

/** Checks one record against the methodology of its year: known components, values inside the scale. */
export function validateRecord(rec: ImportRecord, scheme: SchemeForValidation | undefined, indexLabel: string): RowError[] {
  const row = rec.rows[0]!;
  if (!scheme) return [{ row, field: 'year', message: `Dòng ${row}: không có phương pháp ${indexLabel} nào áp dụng cho năm ${rec.year}.` }];
  const errors: RowError[] = [];
  if (rec.value !== null && (rec.value < scheme.totalMin || rec.value > scheme.totalMax)) {
    errors.push({
      row,
      field: 'value',
      message: `Dòng ${row}: giá trị tổng ${fmt(rec.value)} của "${rec.province}" nằm ngoài thang ${fmt(scheme.totalMin)}–${fmt(scheme.totalMax)} của ${scheme.name}.`,
    });
  }
  const byCode = new Map(scheme.components.map((c) => [c.code, c]));
  for (const [code, value] of Object.entries(rec.components)) {
    const comp = byCode.get(code);
    const r = row;
    if (!comp) {
      errors.push({ row: r, field: 'component', message: `Dòng ${r}: thành phần "${code}" không có trong phương pháp ${scheme.name}.` });
      continue;
    }
    const min = comp.minPoints ?? 0;
    const max = comp.maxPoints;
    if (value < min || (max !== null && value > max)) {
      errors.push({
        row: r,
        field: code,
        message: `Dòng ${r}: ${code} = ${fmt(value)} của "${rec.province}" nằm ngoài thang ${fmt(min)}–${max === null ? '…' : fmt(max)}.`,
      });
    }
  }
  return errors;
}
