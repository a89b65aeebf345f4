export const ROLES = ['admin', 'leader', 'cchc_office', 'unit_head', 'focal_point', 'appraiser', 'one_stop_officer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Quản trị hệ thống',
  leader: 'Lãnh đạo UBND tỉnh',
  cchc_office: 'Phòng CCHC – Sở Nội vụ',
  unit_head: 'Thủ trưởng đơn vị',
  focal_point: 'Cán bộ đầu mối CCHC',
  appraiser: 'Thành viên Hội đồng thẩm định',
  one_stop_officer: 'Công chức một cửa',
};

/** Roles that see every unit of the province; the others see their own unit and its children. */
export const PROVINCIAL_ROLES: readonly Role[] = ['admin', 'leader', 'cchc_office', 'appraiser'];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
