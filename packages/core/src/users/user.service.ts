import type { AppServices } from '../http/types';
import type { Actor } from '../policy/actor';
import { authorize, abilities } from '../policy/policy';
import { ROLES, isRole, ROLE_LABELS } from '../policy/roles';
import { AppError } from '../errors';
import { recordAudit, type RequestContext } from '../audit/audit';
import { checkPasswordStrength, hashPassword } from '../auth/password';
import { findUnitByCode } from '../units/unit.repository';
import { resolveScopedUnit } from '../units/unit.service';
import { foldedLike, foldedSql } from '../db/search';
import { normalizeText } from '../text/normalize';
import type { Db } from '../db/database';
import { sql } from 'kysely';

export interface UserView {
  id: number;
  username: string;
  fullName: string;
  email: string | null;
  unitCode: string;
  unitName: string;
  roles: string[];
  isActive: boolean;
  locked: boolean;
  abilities: Record<string, boolean>;
}

async function fetchUsers(db: Db, where: { id?: number; search?: string; unitCode?: string; limit?: number; offset?: number }, now: Date) {
  let q = db
    .selectFrom('appUser as u')
    .innerJoin('unit', 'unit.id', 'u.unitId')
    .select([
      'u.id',
      'u.username',
      'u.fullName',
      'u.email',
      'u.isActive',
      'u.lockedUntil',
      'u.unitId',
      'unit.provinceCode',
      'unit.code as unitCode',
      'unit.name as unitName',
      sql<string[]>`coalesce((select array_agg(r.role order by r.role) from user_role r where r.user_id = u.id), '{}')`.as('roles'),
    ]);
  if (where.id !== undefined) q = q.where('u.id', '=', where.id);
  if (where.unitCode) q = q.where('unit.code', '=', where.unitCode);
  if (where.search) {
    const like = foldedLike(where.search);
    q = q.where((eb) =>
      eb.or([
        eb(foldedSql('u.fullName'), 'like', like),
        eb(foldedSql('u.username'), 'like', like),
        eb(foldedSql('unit.name'), 'like', like),
      ]),
    );
  }
  const rows = await q
    .select(sql<number>`count(*) over ()`.as('total'))
    .orderBy('unit.sortOrder')
    .orderBy('u.username')
    .limit(where.limit ?? 1)
    .offset(where.offset ?? 0)
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), unitId: Number(r.unitId), locked: !!r.lockedUntil && r.lockedUntil > now }));
}

function present(actor: Actor, r: Awaited<ReturnType<typeof fetchUsers>>[number]): UserView {
  return {
    id: r.id,
    username: r.username,
    fullName: r.fullName,
    email: r.email,
    unitCode: r.unitCode,
    unitName: r.unitName,
    roles: r.roles,
    isActive: r.isActive,
    locked: r.locked,
    abilities: abilities(actor, { unitId: r.unitId, provinceCode: r.provinceCode }, ['user.update']),
  };
}

/** One page of users, searched (accent-insensitive) and counted in SQL. */
export async function listUsers(s: AppServices, actor: Actor, q: { search?: string; unit?: string; limit: number; offset: number }) {
  authorize(actor, 'user.read');
  if (q.unit) await resolveScopedUnit(s, actor, q.unit);
  const rows = await fetchUsers(
    s.db,
    { search: q.search?.trim() || undefined, unitCode: q.unit, limit: q.limit, offset: q.offset },
    s.now(),
  );
  return { total: rows.length ? Number(rows[0]!.total) : 0, rows: rows.map((r) => present(actor, r)) };
}

export interface UserInput {
  username: string;
  fullName: string;
  email?: string | null;
  unitCode: string;
  roles: string[];
  password: string;
}

function checkRoles(roles: string[]): void {
  const bad = roles.filter((r) => !isRole(r));
  if (bad.length)
    throw new AppError(
      'INVALID_ROLE',
      `Vai trò không hợp lệ: ${bad.join(', ')}. Các vai trò: ${ROLES.map((r) => `${r} (${ROLE_LABELS[r]})`).join(', ')}.`,
    );
  if (!roles.length) throw new AppError('INVALID_ROLE', 'Người dùng phải có ít nhất một vai trò.');
}

async function resolveUnit(s: AppServices, actor: Actor, code: string) {
  const unit = await findUnitByCode(s.db, code, s.today());
  if (!unit) throw new AppError('UNIT_NOT_FOUND', `Không tìm thấy đơn vị có mã "${code}" (trường "unitCode").`, 400);
  if (unit.provinceCode !== s.provinceCode)
    throw new AppError('UNIT_OUT_OF_SCOPE', `Đơn vị "${unit.name}" không thuộc tỉnh của hệ thống.`, 400);
  authorize(actor, 'user.create', { unitId: unit.id, provinceCode: unit.provinceCode });
  return unit;
}

export async function createUser(s: AppServices, ctx: RequestContext, actor: Actor, input: UserInput): Promise<UserView> {
  authorize(actor, 'user.create');
  const username = input.username.trim().toLowerCase();
  if (!/^[a-z0-9._-]{3,64}$/.test(username))
    throw new AppError('INVALID_USERNAME', 'Tên đăng nhập chỉ gồm chữ thường không dấu, số, dấu chấm, gạch ngang; 3–64 ký tự.');
  checkRoles(input.roles);
  checkPasswordStrength(input.password, 'mật khẩu');
  const unit = await resolveUnit(s, actor, input.unitCode);
  const passwordHash = await hashPassword(input.password);
  const id = await s.db.transaction().execute(async (tx) => {
    const exists = await tx.selectFrom('appUser').select('id').where('username', '=', username).executeTakeFirst();
    if (exists) throw new AppError('USERNAME_TAKEN', `Tên đăng nhập "${username}" đã tồn tại.`, 409);
    const row = await tx
      .insertInto('appUser')
      .values({
        username,
        fullName: normalizeText(input.fullName),
        email: input.email ?? null,
        unitId: unit.id,
        passwordHash,
        mustChangePassword: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const userId = Number(row.id);
    await tx
      .insertInto('userRole')
      .values(input.roles.map((role) => ({ userId, role })))
      .execute();
    await recordAudit(tx, ctx, 'user.create', {
      entityType: 'user',
      entityId: userId,
      unitId: unit.id,
      after: { username, fullName: input.fullName, email: input.email ?? null, unitCode: unit.code, roles: input.roles },
    });
    return userId;
  });
  return present(actor, (await fetchUsers(s.db, { id }, s.now()))[0]!);
}

export interface UserPatch {
  fullName?: string;
  email?: string | null;
  unitCode?: string;
  roles?: string[];
  isActive?: boolean;
  unlock?: boolean;
  password?: string;
}

export async function updateUser(s: AppServices, ctx: RequestContext, actor: Actor, id: number, patch: UserPatch): Promise<UserView> {
  const [current] = await fetchUsers(s.db, { id }, s.now());
  if (!current) throw new AppError('USER_NOT_FOUND', `Không tìm thấy người dùng #${id}.`, 404);
  authorize(actor, 'user.update', { unitId: current.unitId, provinceCode: current.provinceCode });
  if (patch.roles) checkRoles(patch.roles);
  if (patch.password !== undefined) checkPasswordStrength(patch.password, 'mật khẩu');
  if (id === actor.userId && (patch.isActive === false || (patch.roles && !patch.roles.includes('admin'))))
    throw new AppError('SELF_LOCKOUT', 'Bạn không thể tự khóa tài khoản hoặc bỏ quyền quản trị của chính mình.');
  const unit = patch.unitCode ? await resolveUnit(s, actor, patch.unitCode) : undefined;
  const passwordHash = patch.password !== undefined ? await hashPassword(patch.password) : undefined;
  await s.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('appUser')
      .set({
        updatedAt: s.now(),
        ...(patch.fullName !== undefined && { fullName: normalizeText(patch.fullName) }),
        ...(patch.email !== undefined && { email: patch.email }),
        ...(unit && { unitId: unit.id }),
        ...(patch.isActive !== undefined && { isActive: patch.isActive }),
        ...(patch.unlock && { lockedUntil: null, failedLogins: 0 }),
        ...(passwordHash && { passwordHash, mustChangePassword: true }),
      })
      .where('id', '=', id)
      .execute();
    if (patch.roles) {
      await tx.deleteFrom('userRole').where('userId', '=', id).execute();
      await tx
        .insertInto('userRole')
        .values(patch.roles.map((role) => ({ userId: id, role })))
        .execute();
    }
    if (patch.isActive === false || passwordHash) await tx.deleteFrom('session').where('userId', '=', id).execute();
    const [after] = await fetchUsers(tx, { id }, s.now());
    const view = (u: typeof current) => ({
      fullName: u.fullName,
      email: u.email,
      unitCode: u.unitCode,
      roles: u.roles,
      isActive: u.isActive,
      locked: u.locked,
    });
    await recordAudit(tx, ctx, 'user.update', {
      entityType: 'user',
      entityId: id,
      unitId: after!.unitId,
      before: view(current),
      after: { ...view(after!), ...(passwordHash && { credentialReset: true }) },
    });
  });
  return present(actor, (await fetchUsers(s.db, { id }, s.now()))[0]!);
}
