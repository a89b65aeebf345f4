import type { Db } from '../db/database';
import { hashPassword } from '../auth/password';
import type { Role } from '../policy/roles';
import { findUnitByCode } from '../units/unit.repository';

export const DEMO_PROVINCE_CODE = '86';
export const DEMO_PASSWORD = 'Cchc@2026';

/**
 * Provincial departments and agencies of the merged Vĩnh Long after the 2025 restructuring
 * (Decree 45/2025/NĐ-CP: 13 standard departments, plus the specific ones the province keeps).
 */
export const DEMO_DEPARTMENTS: Array<{ code: string; name: string; shortName: string; type?: string }> = [
  { code: '86.VP', name: 'Văn phòng Ủy ban nhân dân tỉnh', shortName: 'VP UBND' },
  { code: '86.SNV', name: 'Sở Nội vụ', shortName: 'SNV' },
  { code: '86.STP', name: 'Sở Tư pháp', shortName: 'STP' },
  { code: '86.STC', name: 'Sở Tài chính', shortName: 'STC' },
  { code: '86.SCT', name: 'Sở Công Thương', shortName: 'SCT' },
  { code: '86.SNNMT', name: 'Sở Nông nghiệp và Môi trường', shortName: 'SNNMT' },
  { code: '86.SXD', name: 'Sở Xây dựng', shortName: 'SXD' },
  { code: '86.SKHCN', name: 'Sở Khoa học và Công nghệ', shortName: 'SKHCN' },
  { code: '86.SGDDT', name: 'Sở Giáo dục và Đào tạo', shortName: 'SGDĐT' },
  { code: '86.SYT', name: 'Sở Y tế', shortName: 'SYT' },
  { code: '86.SVHTTDL', name: 'Sở Văn hóa, Thể thao và Du lịch', shortName: 'SVHTTDL' },
  { code: '86.SDTTG', name: 'Sở Dân tộc và Tôn giáo', shortName: 'SDTTG' },
  { code: '86.TTR', name: 'Thanh tra tỉnh', shortName: 'TTr' },
  { code: '86.BQLKCN', name: 'Ban Quản lý các khu công nghiệp tỉnh', shortName: 'BQL KCN' },
  { code: '86.CA', name: 'Công an tỉnh', shortName: 'CA tỉnh' },
  { code: '86.TTPVHCC', name: 'Trung tâm Phục vụ hành chính công tỉnh', shortName: 'TTPVHCC', type: 'service_centre' },
];

/** Demo users, one or more per role of DOMAIN §1. Communes: real codes of Vĩnh Long (86). */
export const DEMO_USERS: Array<{ username: string; fullName: string; unitCode: string; roles: Role[] }> = [
  { username: 'admin', fullName: 'Quản trị hệ thống', unitCode: '86.SNV', roles: ['admin'] },
  { username: 'lanhdao', fullName: 'Nguyễn Văn Hùng', unitCode: '86.VP', roles: ['leader'] },
  { username: 'cchc', fullName: 'Trần Thị Thu Hà', unitCode: '86.SNV', roles: ['cchc_office'] },
  { username: 'thamdinh', fullName: 'Lê Minh Tuấn', unitCode: '86.SNV', roles: ['appraiser'] },
  { username: 'daumoi.stc', fullName: 'Phạm Thị Ngọc Lan', unitCode: '86.STC', roles: ['focal_point'] },
  { username: 'giamdoc.stc', fullName: 'Võ Thanh Bình', unitCode: '86.STC', roles: ['unit_head'] },
  { username: 'daumoi.xa', fullName: 'Huỳnh Thị Mỹ Duyên', unitCode: 'FIRST_COMMUNE', roles: ['focal_point'] },
  { username: 'chutich.xa', fullName: 'Đặng Văn Phúc', unitCode: 'FIRST_COMMUNE', roles: ['unit_head'] },
  { username: 'motcua', fullName: 'Bùi Thị Kim Ngân', unitCode: '86.TTPVHCC', roles: ['one_stop_officer'] },
];

export async function loadDemoProvince(db: Db, provinceCode = DEMO_PROVINCE_CODE): Promise<{ departments: number; users: number }> {
  const province = await findUnitByCode(db, provinceCode, '2025-07-01');
  if (!province) throw new Error(`province ${provinceCode} missing: load reference units first`);
  await db
    .insertInto('unit')
    .values(
      DEMO_DEPARTMENTS.map((d, i) => ({
        code: d.code,
        name: d.name,
        shortName: d.shortName,
        type: d.type ?? 'department',
        parentId: province.id,
        provinceCode,
        validFrom: '2025-07-01',
        validTo: null,
        source: 'Dữ liệu mẫu tỉnh Vĩnh Long',
        isLocal: true,
        sortOrder: i,
      })),
    )
    .execute();
  const firstCommune = await db
    .selectFrom('unit')
    .select(['id', 'code'])
    .where('parentId', '=', province.id)
    .where('isLocal', '=', false)
    .orderBy('sortOrder')
    .executeTakeFirstOrThrow();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const u of DEMO_USERS) {
    const code = u.unitCode === 'FIRST_COMMUNE' ? firstCommune.code : u.unitCode;
    const unit = await findUnitByCode(db, code, '2025-07-01');
    const row = await db
      .insertInto('appUser')
      .values({ username: u.username, fullName: u.fullName, unitId: unit!.id, passwordHash })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('userRole')
      .values(u.roles.map((role) => ({ userId: Number(row.id), role })))
      .execute();
  }
  return { departments: DEMO_DEPARTMENTS.length, users: DEMO_USERS.length };
}
