import { describe, expect, it } from 'vitest';
import { actionLabel, describeChange, displayValue, entityLabel, installAuditLabels } from './audit-labels';

describe('the audit log in Vietnamese', () => {
  installAuditLabels({ actions: { 'thing.archive': 'Lưu trữ hồ sơ mẫu' }, entities: { thing: 'Hồ sơ mẫu' }, fields: { shelf: 'Giá' } });

  it('names actions by their label, else by verb and record type', () => {
    expect(actionLabel('user.create', 'user')).toBe('Tạo tài khoản');
    expect(actionLabel('thing.archive', 'thing')).toBe('Lưu trữ hồ sơ mẫu');
    expect(actionLabel('thing.publish', 'thing')).toBe('Công bố hồ sơ mẫu');
    expect(actionLabel('thing.archive.undo', 'thing')).toBe('Lưu trữ hồ sơ mẫu (thay đổi)');
    expect(entityLabel('nothing_known')).toBe('Bản ghi');
  });

  it('shows before and after as rows of fields, with Vietnamese dates, numbers and yes/no', () => {
    expect(describeChange({ dueDate: '2026-11-30', shelf: 3 }, { dueDate: '2026-12-15', shelf: 1234.5, isActive: false })).toEqual([
      { field: 'dueDate', label: 'Thời hạn', before: '30/11/2026', after: '15/12/2026' },
      { field: 'shelf', label: 'Giá', before: '3', after: '1.234,5' },
      { field: 'isActive', label: 'Đang hoạt động', before: '—', after: 'Không' },
    ]);
    expect(describeChange(null, null)).toEqual([]);
    expect(describeChange(null, { roles: ['focal_point'] })[0]!.after).toBe('Cán bộ đầu mối CCHC');
    expect(displayValue(['a', 'b'])).toBe('a; b');
    expect(displayValue({ roles: ['x'], number: '12/CT' })).toBe('Vai trò: x; Số, ký hiệu: 12/CT');
  });
});
