/**
 * What the audit log says to a person: each action, record type and changed field in Vietnamese, and
 * the change as a table of fields (before → after) instead of raw JSON. Core knows its own words; each
 * module adds those of its records (`auditLabels` in its definition), installed with its policy rules.
 */
import { formatDate, formatNumber } from '../text/format';
import { ROLE_LABELS, isRole } from '../policy/roles';

export interface AuditLabels {
  /** Exact action keys ('directive.withdraw' → 'Thu hồi văn bản'). */
  actions?: Record<string, string>;
  /** Record types ('directive' → 'Văn bản chỉ đạo'). */
  entities?: Record<string, string>;
  /** Field names of before/after ('dueDate' → 'Thời hạn'). */
  fields?: Record<string, string>;
}

const CORE: Required<AuditLabels> = {
  actions: {
    'auth.logout': 'Đăng xuất',
    'auth.login': 'Đăng nhập',
    'user.create': 'Tạo tài khoản',
    'user.update': 'Sửa tài khoản',
    'user.change_password': 'Đổi mật khẩu',
    'user.import': 'Tạo tài khoản hàng loạt',
    'unit.create': 'Thêm đơn vị',
    'unit.update': 'Sửa đơn vị',
    'calendar.update': 'Sửa lịch làm việc',
  },
  entities: { user: 'Tài khoản', unit: 'Đơn vị', calendar_year: 'Lịch làm việc', session: 'Phiên đăng nhập' },
  fields: {
    username: 'Tên đăng nhập',
    fullName: 'Họ và tên',
    email: 'Thư điện tử',
    roles: 'Vai trò',
    unitCode: 'Đơn vị',
    isActive: 'Đang hoạt động',
    name: 'Tên',
    shortName: 'Tên viết tắt',
    code: 'Mã',
    type: 'Loại',
    parentCode: 'Đơn vị cấp trên',
    number: 'Số, ký hiệu',
    kind: 'Loại văn bản',
    date: 'Ngày',
    issuedOn: 'Ngày ban hành',
    issuer: 'Cơ quan ban hành',
    title: 'Tiêu đề, trích yếu',
    content: 'Nội dung',
    label: 'Ký hiệu',
    dueDate: 'Thời hạn',
    recurrence: 'Kỳ báo cáo',
    reportDays: 'Số ngày báo cáo sau kỳ',
    recurUntil: 'Báo cáo đến ngày',
    leadUnitId: 'Đơn vị chủ trì',
    leadUnit: 'Đơn vị chủ trì',
    coordinators: 'Đơn vị phối hợp',
    expectedOutput: 'Sản phẩm',
    priority: 'Mức ưu tiên',
    status: 'Trạng thái',
    state: 'Trạng thái',
    reason: 'Lý do',
    note: 'Ghi chú',
    percent: 'Mức độ hoàn thành (%)',
    filename: 'Tệp',
    file: 'Tệp',
    size: 'Dung lượng (byte)',
    sha256: 'Mã SHA-256',
    tasks: 'Số nhiệm vụ',
    sections: 'Số mục',
    cancelled: 'Đã hủy',
    cancelledTasks: 'Số nhiệm vụ đã hủy',
    deleted: 'Đã xóa',
    rows: 'Số dòng',
    imported: 'Số dòng đã nhập',
    rejected: 'Số dòng bị từ chối',
    year: 'Năm',
    score: 'Điểm',
    holidays: 'Ngày nghỉ',
    workdays: 'Ngày làm bù',
    version: 'Phiên bản',
  },
};

/** Verbs for actions without a label of their own: the last part of the key. */
const VERBS: Record<string, string> = {
  create: 'Tạo',
  update: 'Sửa',
  edit: 'Sửa',
  delete: 'Xóa',
  add: 'Thêm',
  remove: 'Gỡ',
  import: 'Nhập dữ liệu',
  publish: 'Công bố',
  cancel: 'Hủy',
  submit: 'Gửi',
  accept: 'Chấp nhận',
  return: 'Trả lại',
  approve: 'Duyệt',
  reject: 'Từ chối',
  assign: 'Giao xử lý',
  answer: 'Trả lời',
  close: 'Đóng',
  open: 'Mở',
  score: 'Chấm điểm',
  verify: 'Xác nhận',
  draw: 'Bốc thăm',
  sample: 'Chọn mẫu',
  conclude: 'Kết luận',
  withdraw: 'Rút lại',
  rate: 'Đánh giá',
  photo: 'Ảnh',
  mapping: 'Ghép mã',
  checklist: 'Cập nhật phiếu kiểm tra',
  award: 'Khen thưởng',
  adopt: 'Áp dụng',
  decide: 'Quyết định',
  source: 'Đính kèm tệp gốc',
  report: 'Cập nhật báo cáo',
  enter: 'Nhập phiếu',
  extend: 'Gia hạn',
  hide: 'Ẩn',
  redirect: 'Chuyển',
};

const labels: Required<AuditLabels> = { actions: { ...CORE.actions }, entities: { ...CORE.entities }, fields: { ...CORE.fields } };

/** Adds a module's words (installing the same module again changes nothing). */
export function installAuditLabels(l: AuditLabels | undefined): void {
  if (!l) return;
  Object.assign(labels.actions, l.actions);
  Object.assign(labels.entities, l.entities);
  Object.assign(labels.fields, l.fields);
}

export function entityLabel(entityType: string): string {
  return labels.entities[entityType] ?? 'Bản ghi';
}

/** The action in Vietnamese: its own label, else the verb of its last part and the record type. */
export function actionLabel(action: string, entityType: string): string {
  const exact = labels.actions[action];
  if (exact) return exact;
  const parts = action.split('.');
  for (let i = parts.length - 1; i > 0; i--) {
    const prefix = labels.actions[parts.slice(0, i).join('.')];
    if (prefix) return `${prefix} (${VERBS[parts.at(-1)!]?.toLowerCase() ?? 'thay đổi'})`;
  }
  const verb = VERBS[parts.at(-1)!] ?? 'Thay đổi';
  return `${verb} ${entityLabel(entityType).toLowerCase()}`;
}

/** Every labelled action and record type, for the log's filters. */
export function knownActions() {
  const list = (m: Record<string, string>) =>
    Object.entries(m)
      .map(([value, label]) => ({ value, label }))
      .sort((a, b) => a.label.localeCompare(b.label, 'vi'));
  return { actions: list(labels.actions), entities: list(labels.entities) };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A value as a person reads it: dates d/m/y, numbers 1.234,5, yes/no, lists joined, nothing as "—". */
export function displayValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? 'Có' : 'Không';
  if (typeof v === 'number') return formatNumber(v, 2);
  if (typeof v === 'string') return ISO_DATE.test(v) ? formatDate(v) : v;
  if (Array.isArray(v)) return v.length ? v.map(displayValue).join('; ') : '—';
  if (typeof v === 'object')
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${labels.fields[k] ?? k}: ${displayValue(x)}`)
      .join('; ');
  return String(v);
}

export interface FieldChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

/** The fields of before and after as rows: what changed (or was recorded), each in Vietnamese. */
export function describeChange(before: unknown, after: unknown): FieldChange[] {
  const obj = (x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : x == null ? {} : { value: x };
  const b = obj(before);
  const a = obj(after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  // Role codes are shown by their names.
  const shown = (field: string, v: unknown) =>
    displayValue(field === 'roles' && Array.isArray(v) ? v.map((r) => (typeof r === 'string' && isRole(r) ? ROLE_LABELS[r] : r)) : v);
  return keys.map((field) => ({
    field,
    label: labels.fields[field] ?? (field === 'value' ? 'Giá trị' : field),
    before: field in b ? shown(field, b[field]) : '—',
    after: field in a ? shown(field, a[field]) : '—',
  }));
}
