/**
 * One row of a dossier export → a dossier record, or the reasons it cannot be one (row, field, message in
 * Vietnamese). Pure, apart from hashing.
 */
import crypto from 'node:crypto';
import { foldText, toLocalParts, previousWorkingDay, type WorkingCalendar } from '@cchc/core';
import type { Selectable } from 'kysely';
import { dueDate, parseLocalDateTime, parseSupplements, type TimeUnit } from './dossier.domain';
import type { DossierTable } from './dossiers.schema';

export const FIELDS = [
  'ma_ho_so', 'ma_tthc', 'ten_tthc', 'ma_don_vi', 'kenh', 'ngay_tiep_nhan', 'ngay_hen_tra', 'ngay_ket_thuc', 'trang_thai',
  'thoi_han', 'don_vi_thoi_han', 'bo_sung', 'ngay_xin_loi', 'ngay_hen_tra_moi', 'can_bo_xu_ly', 'nguyen_nhan_tre_han',
  'thanh_toan_truc_tuyen', 'ho_so_so_hoa', 'ket_qua_dien_tu',
] as const;
export type Field = (typeof FIELDS)[number];

export const FIELD_LABELS: Record<Field, string> = {
  ma_ho_so: 'mã hồ sơ', ma_tthc: 'mã thủ tục', ten_tthc: 'tên thủ tục', ma_don_vi: 'mã đơn vị', kenh: 'kênh nộp', ngay_tiep_nhan: 'ngày tiếp nhận',
  ngay_hen_tra: 'ngày hẹn trả', ngay_ket_thuc: 'ngày kết thúc', trang_thai: 'trạng thái', thoi_han: 'thời hạn', don_vi_thoi_han: 'đơn vị thời hạn',
  bo_sung: 'bổ sung', ngay_xin_loi: 'ngày xin lỗi', ngay_hen_tra_moi: 'ngày hẹn trả mới', can_bo_xu_ly: 'cán bộ xử lý',
  nguyen_nhan_tre_han: 'nguyên nhân trễ hạn', thanh_toan_truc_tuyen: 'thanh toán trực tuyến', ho_so_so_hoa: 'hồ sơ số hóa', ket_qua_dien_tu: 'kết quả điện tử',
};

const REQUIRED: Field[] = ['ma_ho_so', 'ma_tthc', 'ma_don_vi', 'kenh', 'ngay_tiep_nhan'];

export const headerKey = (h: string) => foldText(h).replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');

export type Columns = Partial<Record<Field, number>>;

/** Columns by name (case- and accent-insensitive, any order), or by a saved mapping canonical → source header. */
export function resolveColumns(header: string[], mapping?: Partial<Record<Field, string>>): { columns: Columns; missing: Field[] } {
  const keys = header.map(headerKey);
  const columns: Columns = {};
  for (const f of FIELDS) {
    const source = mapping?.[f];
    const i = source ? keys.indexOf(headerKey(source)) : keys.indexOf(f);
    if (i >= 0) columns[f] = i;
  }
  const missing = REQUIRED.filter((f) => columns[f] === undefined);
  if (columns.ngay_hen_tra === undefined && (columns.thoi_han === undefined || columns.don_vi_thoi_han === undefined)) missing.push('ngay_hen_tra');
  return { columns, missing };
}

/** A row as stored (the dossier table without its bookkeeping columns). */
export type DossierRecord = Omit<Selectable<DossierTable>, 'id' | 'provinceCode' | 'flagged' | 'lastImportId' | 'updatedAt'>;

export const OPEN_SETTLE_DATE = '9999-12-31';

const maxDate = (...ds: (string | null)[]) => ds.filter((d): d is string => !!d).sort().pop() ?? null;

export interface RowError {
  row: number;
  field: string;
  message: string;
}

const TIME_UNITS: Record<string, TimeUnit> = { ngay_lam_viec: 'ngay_lam_viec', ngaylamviec: 'ngay_lam_viec', nlv: 'ngay_lam_viec', ngay: 'ngay', gio: 'gio' };

export function parseRow(cells: string[], cols: Columns, row: number, cal: WorkingCalendar, unitCodes: ReadonlySet<string>): { record: DossierRecord } | { errors: RowError[] } {
  const errors: RowError[] = [];
  const get = (f: Field) => (cols[f] === undefined ? '' : (cells[cols[f]!] ?? '').trim());
  const fail = (f: Field, message: string) => errors.push({ row, field: f, message: `Dòng ${row}, cột "${f}" (${FIELD_LABELS[f]}): ${message}` });
  if (cells.some((c) => c.includes('\uFFFD'))) {
    return { errors: [{ row, field: '*', message: `Dòng ${row}: có ký tự không đọc được — tệp không phải UTF-8 (hãy lưu lại CSV với mã hóa UTF-8).` }] };
  }
  const need = (f: Field) => {
    const v = get(f);
    if (!v) fail(f, 'không được để trống.');
    return v;
  };
  const time = (f: Field) => {
    const v = get(f);
    if (!v) return null;
    const p = parseLocalDateTime(v);
    if (!p) fail(f, `"${v}" không phải ngày giờ hợp lệ (dạng 2025-09-03T14:20:00 hoặc 03/09/2025 14:20).`);
    return p?.at ?? null;
  };
  const flag = (f: Field) => {
    const v = get(f);
    if (!v) return null;
    if (v === '1' || v === '0') return v === '1';
    fail(f, `"${v}" phải là 0 hoặc 1.`);
    return null;
  };
  const code = need('ma_ho_so');
  const procedureCode = need('ma_tthc');
  const unitCode = need('ma_don_vi');
  if (unitCode && !unitCodes.has(unitCode)) fail('ma_don_vi', `mã "${unitCode}" không phải đơn vị nào của tỉnh.`);
  const kenh = need('kenh');
  const channel = Number(kenh);
  if (kenh && ![1, 2, 3].includes(channel)) fail('kenh', `"${kenh}" phải là 1 (trực tiếp), 2 (trực tuyến) hoặc 3 (bưu chính).`);
  if (!get('ngay_tiep_nhan')) fail('ngay_tiep_nhan', 'không được để trống.');
  const receivedAt = time('ngay_tiep_nhan');
  const appointmentAt = time('ngay_hen_tra');
  const finishedAt = time('ngay_ket_thuc');
  const apologyAt = time('ngay_xin_loi');
  const newAppointmentAt = time('ngay_hen_tra_moi');
  const stateText = get('trang_thai');
  const state = stateText ? Number(stateText) : null;
  if (stateText && (!Number.isInteger(state) || state! < 1 || state! > 10)) fail('trang_thai', `"${stateText}" phải là số từ 1 đến 10.`);
  const limitText = get('thoi_han');
  const timeLimit = limitText ? Number(limitText.replace(',', '.')) : null;
  if (limitText && (!Number.isFinite(timeLimit) || timeLimit! < 0)) fail('thoi_han', `"${limitText}" không phải số.`);
  const unitText = headerKey(get('don_vi_thoi_han'));
  const timeUnit = unitText ? TIME_UNITS[unitText] ?? null : null;
  if (unitText && !timeUnit) fail('don_vi_thoi_han', `"${get('don_vi_thoi_han')}" phải là ngay_lam_viec, ngay hoặc gio.`);
  if (!appointmentAt && !get('ngay_hen_tra') && (timeLimit === null || !timeUnit)) fail('ngay_hen_tra', 'không có ngày hẹn trả, cũng không có thời hạn và đơn vị thời hạn để tính.');
  const sup = parseSupplements(get('bo_sung'));
  if (typeof sup === 'string') fail('bo_sung', sup + '.');
  if (receivedAt && finishedAt && finishedAt < receivedAt) fail('ngay_ket_thuc', 'trước ngày tiếp nhận.');
  const paidOnline = flag('thanh_toan_truc_tuyen');
  const digitised = flag('ho_so_so_hoa');
  const electronicResult = flag('ket_qua_dien_tu');
  if (errors.length) return { errors };

  const supplements = typeof sup === 'string' ? [] : sup;
  const due = dueDate(cal, { receivedAt: receivedAt!, appointmentAt, timeLimit, timeUnit, supplements });
  const receivedDate = toLocalParts(receivedAt!).date;
  const record: Omit<DossierRecord, 'rowHash'> = {
    code, procedureCode, procedureName: get('ten_tthc') || null, unitCode, channel, receivedAt: receivedAt!, appointmentAt, finishedAt, state,
      timeLimit, timeUnit, supplements: get('bo_sung') || null, supplementCount: supplements.length, apologyAt, newAppointmentAt,
      official: get('can_bo_xu_ly') || null, lateCause: get('nguyen_nhan_tre_han') || null, paidOnline, digitised, electronicResult,
      receivedDate, receivedMonth: receivedDate.slice(0, 7), finishedDate: finishedAt ? toLocalParts(finishedAt).date : null, dueDate: due,
      apologyDeadline: due ? previousWorkingDay(cal, due) : null, apologyDate: apologyAt ? toLocalParts(apologyAt).date : null,
      settleDate: null,
  };
  // Once closed, a dossier's counts stop changing after its end, due and apology dates have all passed;
  // an open one is "never" (a far date rather than null, so one index range finds every unsettled row).
  record.settleDate = record.finishedDate ? maxDate(record.finishedDate, record.dueDate, record.apologyDate) : OPEN_SETTLE_DATE;
  // The hash is over the parsed values, so the same dossier written in another date format is unchanged.
  return { record: { ...record, rowHash: crypto.createHash('sha1').update(JSON.stringify(record)).digest('base64url') } };
}
