/**
 * One row of a dossier export → a dossier record, or the reasons it cannot be one (row, field, message in
 * Vietnamese). Pure, apart from hashing.
 */
import crypto from 'node:crypto';
import { headerKey, previousWorkingDay, type RowError, type WorkingCalendar } from '@cchc/core/domain';
import type { Selectable } from 'kysely';
import { dueDate, parseLocalDateTime, parseSupplements, type TimeUnit } from './dossier.domain';
import type { DossierTable } from './dossiers.tables';

export const FIELDS = [
  'ma_ho_so',
  'ma_tthc',
  'ten_tthc',
  'ma_don_vi',
  'kenh',
  'ngay_tiep_nhan',
  'ngay_hen_tra',
  'ngay_ket_thuc',
  'trang_thai',
  'thoi_han',
  'don_vi_thoi_han',
  'bo_sung',
  'ngay_xin_loi',
  'ngay_hen_tra_moi',
  'can_bo_xu_ly',
  'nguyen_nhan_tre_han',
  'thanh_toan_truc_tuyen',
  'ho_so_so_hoa',
  'ket_qua_dien_tu',
  'lien_he_nguoi_nop',
] as const;
export type Field = (typeof FIELDS)[number];

export const FIELD_LABELS: Record<Field, string> = {
  ma_ho_so: 'mã hồ sơ',
  ma_tthc: 'mã thủ tục',
  ten_tthc: 'tên thủ tục',
  ma_don_vi: 'mã đơn vị',
  kenh: 'kênh nộp',
  ngay_tiep_nhan: 'ngày tiếp nhận',
  ngay_hen_tra: 'ngày hẹn trả',
  ngay_ket_thuc: 'ngày kết thúc',
  trang_thai: 'trạng thái',
  thoi_han: 'thời hạn',
  don_vi_thoi_han: 'đơn vị thời hạn',
  bo_sung: 'bổ sung',
  ngay_xin_loi: 'ngày xin lỗi',
  ngay_hen_tra_moi: 'ngày hẹn trả mới',
  can_bo_xu_ly: 'cán bộ xử lý',
  nguyen_nhan_tre_han: 'nguyên nhân trễ hạn',
  thanh_toan_truc_tuyen: 'thanh toán trực tuyến',
  ho_so_so_hoa: 'hồ sơ số hóa',
  ket_qua_dien_tu: 'kết quả điện tử',
  lien_he_nguoi_nop: 'số điện thoại hoặc số định danh người nộp',
};

const REQUIRED: Field[] = ['ma_ho_so', 'ma_tthc', 'ma_don_vi', 'kenh', 'ngay_tiep_nhan'];

const DATE_FORMAT = 'ngày giờ dd/mm/yyyy hh:mm hoặc yyyy-mm-ddThh:mm:ss (giờ Việt Nam); chỉ ngày cũng được';

/** What each column of the import accepts: the template's guide sheet (the same rules `toRecord` checks). */
export const FIELD_RULES: Record<Field, { required: string; allowed: string; example: string }> = {
  ma_ho_so: {
    required: 'Bắt buộc',
    allowed: 'Mã hồ sơ trên hệ thống một cửa, không trùng trong tệp',
    example: '000.00.20.H62-260301-0001',
  },
  ma_tthc: { required: 'Bắt buộc', allowed: 'Mã thủ tục hành chính (Cơ sở dữ liệu quốc gia), ví dụ 1.000001', example: '1.004227' },
  ten_tthc: { required: 'Không bắt buộc', allowed: 'Tên thủ tục', example: 'Cấp giấy phép xây dựng' },
  ma_don_vi: { required: 'Bắt buộc', allowed: 'Mã đơn vị tiếp nhận (mã sở, mã xã) như trong trang Đơn vị', example: '86.SXD' },
  kenh: { required: 'Bắt buộc', allowed: '1 = trực tiếp; 2 = trực tuyến; 3 = bưu chính công ích', example: '2' },
  ngay_tiep_nhan: { required: 'Bắt buộc', allowed: DATE_FORMAT, example: '02/03/2026 08:15' },
  ngay_hen_tra: { required: 'Bắt buộc nếu không có thời hạn', allowed: DATE_FORMAT, example: '16/03/2026 17:00' },
  ngay_ket_thuc: { required: 'Không bắt buộc (để trống: chưa giải quyết xong)', allowed: DATE_FORMAT, example: '13/03/2026 10:30' },
  trang_thai: { required: 'Không bắt buộc', allowed: 'Số nguyên từ 1 đến 10 theo mã trạng thái của hệ thống một cửa', example: '10' },
  thoi_han: { required: 'Bắt buộc nếu không có ngày hẹn trả', allowed: 'Số (ví dụ 10)', example: '10' },
  don_vi_thoi_han: {
    required: 'Đi kèm thời hạn',
    allowed: 'ngay_lam_viec (ngày làm việc), ngay (ngày), gio (giờ)',
    example: 'ngay_lam_viec',
  },
  bo_sung: {
    required: 'Không bắt buộc',
    allowed: 'Các lần chờ bổ sung: bắt đầu/kết thúc; bắt đầu/kết thúc (mỗi mốc theo định dạng ngày giờ)',
    example: '04/03/2026 09:00/06/03/2026 14:00',
  },
  ngay_xin_loi: { required: 'Không bắt buộc', allowed: `${DATE_FORMAT} (ngày gửi thư xin lỗi)`, example: '' },
  ngay_hen_tra_moi: { required: 'Không bắt buộc', allowed: `${DATE_FORMAT} (ngày hẹn lại trong thư xin lỗi)`, example: '' },
  can_bo_xu_ly: { required: 'Không bắt buộc', allowed: 'Họ tên cán bộ xử lý', example: 'Nguyễn Văn An' },
  nguyen_nhan_tre_han: { required: 'Không bắt buộc', allowed: 'Lý do trễ hạn (văn bản tự do)', example: '' },
  thanh_toan_truc_tuyen: { required: 'Không bắt buộc', allowed: '1 = có; 0 = không', example: '1' },
  ho_so_so_hoa: { required: 'Không bắt buộc', allowed: '1 = có; 0 = không', example: '1' },
  ket_qua_dien_tu: { required: 'Không bắt buộc', allowed: '1 = có; 0 = không', example: '1' },
  lien_he_nguoi_nop: {
    required: 'Không bắt buộc',
    allowed: 'Số điện thoại hoặc số định danh người nộp: chỉ lưu mã băm, dùng để chọn mẫu khảo sát (mỗi người một lần)',
    example: '0912345678',
  },
};

export { headerKey };

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
  if (columns.ngay_hen_tra === undefined && (columns.thoi_han === undefined || columns.don_vi_thoi_han === undefined))
    missing.push('ngay_hen_tra');
  return { columns, missing };
}

/** A row as stored (the dossier table without its bookkeeping columns). */
export type DossierRecord = Omit<Selectable<DossierTable>, 'id' | 'provinceCode' | 'flagged' | 'lastImportId' | 'updatedAt'>;

export const OPEN_SETTLE_DATE = '9999-12-31';

export type { RowError };

const TIME_UNITS: Record<string, TimeUnit> = {
  ngay_lam_viec: 'ngay_lam_viec',
  ngaylamviec: 'ngay_lam_viec',
  nlv: 'ngay_lam_viec',
  ngay: 'ngay',
  gio: 'gio',
};

/** The record's fields that make its hash (every field but the hash itself), in one fixed order. */
export const HASHED = [
  'code',
  'procedureCode',
  'procedureName',
  'unitCode',
  'channel',
  'receivedAt',
  'appointmentAt',
  'finishedAt',
  'state',
  'timeLimit',
  'timeUnit',
  'supplements',
  'supplementCount',
  'apologyAt',
  'newAppointmentAt',
  'official',
  'lateCause',
  'paidOnline',
  'digitised',
  'electronicResult',
  'receivedDate',
  'receivedMonth',
  'finishedDate',
  'dueDate',
  'apologyDeadline',
  'apologyDate',
  'settleDate',
  'applicantKey',
] as const satisfies readonly (keyof DossierRecord)[];
// Every stored value is hashed: a column added to the record and forgotten here fails to compile.
const everyColumnHashed: [Exclude<keyof DossierRecord, 'rowHash' | (typeof HASHED)[number]>] extends [never] ? true : false = true;
void everyColumnHashed;

/**
 * The applicant's phone or ID number is never stored: only a keyed hash (HMAC-SHA-256 with the deployment's
 * CCHC_APPLICANT_KEY), enough to recognise the same person across units when a survey samples dossiers.
 * Phones are normalised first (+84 / 84 → 0, spaces and dots dropped).
 */
const APPLICANT_KEY = process.env.CCHC_APPLICANT_KEY || 'cchc-applicant-key';
export function applicantKeyOf(contact: string): string | null {
  let digits = contact.replace(/[\s.\-()]/g, '');
  if (digits.startsWith('+84')) digits = '0' + digits.slice(3);
  else if (/^84\d{9}$/.test(digits)) digits = '0' + digits.slice(2);
  if (!/^\d{9,12}$/.test(digits)) return null;
  return crypto.createHmac('sha256', APPLICANT_KEY).update(digits).digest('base64url').slice(0, 22);
}

// parseRow runs millions of times per import: helpers live at module level (no closures per row).
const cell = (cells: string[], cols: Columns, f: Field) => {
  const i = cols[f];
  return i === undefined ? '' : (cells[i] ?? '').trim();
};

function fail(errors: RowError[], row: number, f: Field, message: string) {
  errors.push({ row, field: f, message: `Dòng ${row}, cột "${f}" (${FIELD_LABELS[f]}): ${message}` });
}

function required(cells: string[], cols: Columns, f: Field, errors: RowError[], row: number) {
  const v = cell(cells, cols, f);
  if (!v) fail(errors, row, f, 'không được để trống.');
  return v;
}

function dateTime(cells: string[], cols: Columns, f: Field, errors: RowError[], row: number) {
  const v = cell(cells, cols, f);
  if (!v) return null;
  const p = parseLocalDateTime(v);
  if (!p) fail(errors, row, f, `"${v}" không phải ngày giờ hợp lệ (dạng 2025-09-03T14:20:00 hoặc 03/09/2025 14:20).`);
  return p;
}

function zeroOne(cells: string[], cols: Columns, f: Field, errors: RowError[], row: number) {
  const v = cell(cells, cols, f);
  if (!v) return null;
  if (v === '1' || v === '0') return v === '1';
  fail(errors, row, f, `"${v}" phải là 0 hoặc 1.`);
  return null;
}

export function parseRow(
  cells: string[],
  cols: Columns,
  row: number,
  cal: WorkingCalendar,
  unitCodes: ReadonlySet<string>,
): { record: DossierRecord } | { errors: RowError[] } {
  const errors: RowError[] = [];
  for (const c of cells) {
    if (c !== undefined && c.includes('\uFFFD')) {
      return {
        errors: [
          { row, field: '*', message: `Dòng ${row}: có ký tự không đọc được — tệp không phải UTF-8 (hãy lưu lại CSV với mã hóa UTF-8).` },
        ],
      };
    }
  }
  const code = required(cells, cols, 'ma_ho_so', errors, row);
  const procedureCode = required(cells, cols, 'ma_tthc', errors, row);
  const unitCode = required(cells, cols, 'ma_don_vi', errors, row);
  if (unitCode && !unitCodes.has(unitCode)) fail(errors, row, 'ma_don_vi', `mã "${unitCode}" không phải đơn vị nào của tỉnh.`);
  const kenh = required(cells, cols, 'kenh', errors, row);
  const channel = Number(kenh);
  if (kenh && channel !== 1 && channel !== 2 && channel !== 3)
    fail(errors, row, 'kenh', `"${kenh}" phải là 1 (trực tiếp), 2 (trực tuyến) hoặc 3 (bưu chính).`);
  if (!cell(cells, cols, 'ngay_tiep_nhan')) fail(errors, row, 'ngay_tiep_nhan', 'không được để trống.');
  const received = dateTime(cells, cols, 'ngay_tiep_nhan', errors, row);
  const appointment = dateTime(cells, cols, 'ngay_hen_tra', errors, row);
  const finished = dateTime(cells, cols, 'ngay_ket_thuc', errors, row);
  const apology = dateTime(cells, cols, 'ngay_xin_loi', errors, row);
  const newAppointment = dateTime(cells, cols, 'ngay_hen_tra_moi', errors, row);
  const stateText = cell(cells, cols, 'trang_thai');
  const state = stateText ? Number(stateText) : null;
  if (stateText && (!Number.isInteger(state) || state! < 1 || state! > 10))
    fail(errors, row, 'trang_thai', `"${stateText}" phải là số từ 1 đến 10.`);
  const limitText = cell(cells, cols, 'thoi_han');
  const timeLimit = limitText ? Number(limitText.replace(',', '.')) : null;
  if (limitText && (!Number.isFinite(timeLimit) || timeLimit! < 0)) fail(errors, row, 'thoi_han', `"${limitText}" không phải số.`);
  const unitRaw = cell(cells, cols, 'don_vi_thoi_han');
  const unitText = unitRaw ? headerKey(unitRaw) : '';
  const timeUnit = unitText ? (TIME_UNITS[unitText] ?? null) : null;
  if (unitText && !timeUnit) fail(errors, row, 'don_vi_thoi_han', `"${unitRaw}" phải là ngay_lam_viec, ngay hoặc gio.`);
  if (!appointment && !cell(cells, cols, 'ngay_hen_tra') && (timeLimit === null || !timeUnit)) {
    fail(errors, row, 'ngay_hen_tra', 'không có ngày hẹn trả, cũng không có thời hạn và đơn vị thời hạn để tính.');
  }
  const supplementText = cell(cells, cols, 'bo_sung');
  const sup = supplementText ? parseSupplements(supplementText) : [];
  if (typeof sup === 'string') fail(errors, row, 'bo_sung', sup + '.');
  if (received && finished && finished.at < received.at) fail(errors, row, 'ngay_ket_thuc', 'trước ngày tiếp nhận.');
  const paidOnline = zeroOne(cells, cols, 'thanh_toan_truc_tuyen', errors, row);
  const digitised = zeroOne(cells, cols, 'ho_so_so_hoa', errors, row);
  const electronicResult = zeroOne(cells, cols, 'ket_qua_dien_tu', errors, row);
  const contact = cell(cells, cols, 'lien_he_nguoi_nop');
  const applicantKey = contact ? applicantKeyOf(contact) : null;
  if (contact && !applicantKey)
    fail(errors, row, 'lien_he_nguoi_nop', `"${contact}" không phải số điện thoại hoặc số định danh (9–12 chữ số).`);
  if (errors.length) return { errors };

  const supplements = typeof sup === 'string' ? [] : sup;
  const receivedAt = received!.at;
  const due = dueDate(cal, { receivedAt, appointmentAt: appointment?.at ?? null, timeLimit, timeUnit, supplements });
  const receivedDate = received!.date;
  const finishedDate = finished?.date ?? null;
  const apologyDate = apology?.date ?? null;
  const record: DossierRecord = {
    code,
    procedureCode,
    procedureName: cell(cells, cols, 'ten_tthc') || null,
    unitCode,
    channel,
    receivedAt,
    appointmentAt: appointment?.at ?? null,
    finishedAt: finished?.at ?? null,
    state,
    timeLimit,
    timeUnit,
    supplements: supplementText || null,
    supplementCount: supplements.length,
    apologyAt: apology?.at ?? null,
    newAppointmentAt: newAppointment?.at ?? null,
    official: cell(cells, cols, 'can_bo_xu_ly') || null,
    lateCause: cell(cells, cols, 'nguyen_nhan_tre_han') || null,
    paidOnline,
    digitised,
    electronicResult,
    receivedDate,
    receivedMonth: receivedDate.slice(0, 7),
    finishedDate,
    dueDate: due,
    apologyDeadline: due ? previousWorkingDay(cal, due) : null,
    apologyDate,
    // Once closed, a dossier's counts stop changing after its end and apology dates have passed; an open
    // one is "never" (a far date rather than null, so one index range finds every unsettled row).
    settleDate: finishedDate ? (apologyDate && apologyDate > finishedDate ? apologyDate : finishedDate) : OPEN_SETTLE_DATE,
    applicantKey,
    rowHash: '',
  };
  // The hash is over the parsed values, so the same dossier written in another date format is unchanged.
  let text = '';
  for (const k of HASHED) {
    const v = record[k];
    // Added later: rows without it keep the hash they had, so re-importing an old export changes nothing.
    if (v === null && k === 'applicantKey') continue;
    text += (v instanceof Date ? v.getTime() : (v ?? '')) + '\u001f';
  }
  record.rowHash = crypto.hash('sha1', text, 'base64url');
  return { record };
}
