import type { AppServices } from '../http/types';
import type { Actor } from '../policy/actor';
import crypto from 'node:crypto';
import { authorize, abilities, can } from '../policy/policy';
import { ROLES, isRole, ROLE_LABELS } from '../policy/roles';
import { AppError } from '../errors';
import { recordAudit, type RequestContext } from '../audit/audit';
import { checkPasswordStrength, hashPassword } from '../auth/password';
import { findUnitByCode } from '../units/unit.repository';
import { resolveScopedUnit } from '../units/unit.service';
import { foldedLike, foldedSql } from '../db/search';
import { foldText, normalizeText } from '../text/normalize';
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

async function fetchUsers(
  db: Db,
  where: { id?: number; search?: string; unitCode?: string; role?: string; limit?: number; offset?: number },
  now: Date,
) {
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
  if (where.role)
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('userRole as r').select('r.userId').whereRef('r.userId', '=', 'u.id').where('r.role', '=', where.role!)),
    );
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
export async function listUsers(
  s: AppServices,
  actor: Actor,
  q: { search?: string; unit?: string; role?: string; limit: number; offset: number },
) {
  authorize(actor, 'user.read');
  if (q.unit) await resolveScopedUnit(s, actor, q.unit);
  const rows = await fetchUsers(
    s.db,
    { search: q.search?.trim() || undefined, unitCode: q.unit, role: q.role, limit: q.limit, offset: q.offset },
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

// ---- many at once, from a workbook ------------------------------------------------------------------

/** The columns of the user import (Vietnamese names without accents, as in the template). */
export const USER_IMPORT_COLUMNS = ['ten_dang_nhap', 'ho_ten', 'ma_don_vi', 'vai_tro', 'email'] as const;

/** The most accounts one file creates (a province: about 140 units × 2). */
export const USER_IMPORT_LIMIT = 2_000;

export interface UserImportRow {
  username: string;
  fullName: string;
  unitCode: string;
  unitName: string;
  roles: string[];
  email: string | null;
  password: string;
}

/** A temporary password a person can type: 12 characters from letters and digits without look-alikes, with a symbol. */
function temporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.randomBytes(10);
  return `${[...bytes].map((b) => alphabet[b % alphabet.length]).join('')}@${crypto.randomInt(10, 99)}`;
}

/**
 * Accounts from a table (one focal point and one head per unit for 140 units): every row is checked
 * first — the username's form, repeats in the file and in the system, the unit (in the caller's scope),
 * the roles (by code or by Vietnamese name), the e-mail — and either every account is created in one
 * transaction, with a temporary password each must change, or none is and each bad row is named.
 */
export async function importUsers(s: AppServices, ctx: RequestContext, actor: Actor, table: string[][]) {
  authorize(actor, 'user.create');
  const [header, ...body] = table;
  const keys = (header ?? []).map((h) =>
    foldText(h)
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_|_$/g, ''),
  );
  const col = (name: string) => keys.indexOf(name);
  const missing = USER_IMPORT_COLUMNS.filter((c) => c !== 'email' && col(c) < 0);
  if (missing.length)
    throw new AppError(
      'MISSING_COLUMNS',
      `Tệp thiếu cột: ${missing.join(', ')} (dòng 1 phải có các cột ${USER_IMPORT_COLUMNS.join(', ')}).`,
      400,
    );
  const rows = body.map((cells, i) => ({ row: i + 2, cells })).filter((r) => r.cells.some((c) => c.trim()));
  if (!rows.length) throw new AppError('EMPTY_FILE', 'Tệp không có dòng người dùng nào (dòng 1 là tên cột).', 400);
  if (rows.length > USER_IMPORT_LIMIT)
    throw new AppError('TOO_MANY_ROWS', `Tệp có ${rows.length} dòng; mỗi lần nhập tối đa ${USER_IMPORT_LIMIT} người dùng.`, 413);
  const roleByName = new Map<string, string>();
  for (const r of ROLES) {
    roleByName.set(r, r);
    roleByName.set(foldText(ROLE_LABELS[r]), r);
  }
  const errors: { row: number; field: string; message: string }[] = [];
  const fail = (row: number, field: string, reason: string) =>
    errors.push({ row, field, message: `Dòng ${row}, cột "${field}": ${reason}` });
  const get = (cells: string[], name: string) => (col(name) >= 0 ? (cells[col(name)] ?? '').trim() : '');
  const seen = new Map<string, number>();
  const planned: (UserImportRow & { row: number; unitId: number })[] = [];
  const usernames = rows.map((r) => get(r.cells, 'ten_dang_nhap').toLowerCase()).filter(Boolean);
  const taken = new Set(
    usernames.length
      ? (await s.db.selectFrom('appUser').select('username').where('username', 'in', usernames).execute()).map((u) => u.username)
      : [],
  );
  const unitCache = new Map<string, Awaited<ReturnType<typeof findUnitByCode>>>();
  for (const { row, cells } of rows) {
    const username = get(cells, 'ten_dang_nhap').toLowerCase();
    const fullName = normalizeText(get(cells, 'ho_ten'));
    const unitCode = get(cells, 'ma_don_vi');
    const email = get(cells, 'email') || null;
    const roleText = get(cells, 'vai_tro');
    if (!/^[a-z0-9._-]{3,64}$/.test(username))
      fail(row, 'ten_dang_nhap', `"${username}" không hợp lệ: chỉ chữ thường không dấu, số, dấu chấm, gạch ngang; 3–64 ký tự.`);
    else if (seen.has(username)) fail(row, 'ten_dang_nhap', `"${username}" trùng với dòng ${seen.get(username)} trong tệp.`);
    else if (taken.has(username)) fail(row, 'ten_dang_nhap', `"${username}" đã có trong hệ thống.`);
    seen.set(username, seen.get(username) ?? row);
    if (!fullName) fail(row, 'ho_ten', 'họ và tên trống.');
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) fail(row, 'email', `"${email}" không phải địa chỉ thư điện tử.`);
    const roles = roleText
      .split(/[;,]/)
      .map((x) => x.trim())
      .filter(Boolean)
      .map((x) => ({ text: x, role: roleByName.get(x) ?? roleByName.get(foldText(x)) }));
    if (!roles.length) fail(row, 'vai_tro', 'chưa có vai trò (ví dụ: focal_point hoặc "Cán bộ đầu mối CCHC").');
    for (const r of roles.filter((x) => !x.role))
      fail(row, 'vai_tro', `"${r.text}" không phải vai trò; các vai trò: ${ROLES.map((x) => `${x} (${ROLE_LABELS[x]})`).join(', ')}.`);
    if (!unitCache.has(unitCode)) unitCache.set(unitCode, unitCode ? await findUnitByCode(s.db, unitCode, s.today()) : undefined);
    const unit = unitCache.get(unitCode);
    if (!unit || unit.provinceCode !== s.provinceCode) fail(row, 'ma_don_vi', `không có đơn vị mã "${unitCode}" trong tỉnh.`);
    else if (!can(actor, 'user.create', { unitId: unit.id, provinceCode: unit.provinceCode }))
      fail(row, 'ma_don_vi', `đơn vị "${unit.name}" ngoài phạm vi quản lý của bạn.`);
    if (unit)
      planned.push({
        row,
        username,
        fullName,
        email,
        unitCode,
        unitName: unit.name,
        unitId: Number(unit.id),
        roles: [...new Set(roles.map((r) => r.role).filter((x): x is string => !!x))],
        password: temporaryPassword(),
      });
  }
  if (errors.length)
    throw new AppError(
      'INVALID_USERS',
      `Chưa tạo người dùng nào: ${errors.length} lỗi. ${errors
        .slice(0, 5)
        .map((e) => e.message)
        .join(' ')}`,
      400,
      {
        errors,
      },
    );
  // Hashing runs on the thread pool: several at a time, never the event loop.
  const hashes = await Promise.all(planned.map((p) => hashPassword(p.password)));
  await s.db.transaction().execute(async (tx) => {
    const ids = await tx
      .insertInto('appUser')
      .values(
        planned.map((p, i) => ({
          username: p.username,
          fullName: p.fullName,
          email: p.email,
          unitId: p.unitId,
          passwordHash: hashes[i]!,
          mustChangePassword: true,
        })),
      )
      .returning(['id', 'username'])
      .execute();
    const idOf = new Map(ids.map((r) => [r.username, Number(r.id)]));
    await tx
      .insertInto('userRole')
      .values(planned.flatMap((p) => p.roles.map((role) => ({ userId: idOf.get(p.username)!, role }))))
      .execute();
    for (const p of planned)
      await recordAudit(tx, ctx, 'user.import', {
        entityType: 'user',
        entityId: idOf.get(p.username)!,
        unitId: p.unitId,
        after: { username: p.username, fullName: p.fullName, email: p.email, unitCode: p.unitCode, roles: p.roles },
      });
  });
  return planned.map(({ row: _r, unitId: _u, ...p }) => p);
}
