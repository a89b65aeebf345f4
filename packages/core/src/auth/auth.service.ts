import crypto from 'node:crypto';
import Tokens from '@fastify/csrf';
import type { AppServices } from '../http/types';
import type { Actor } from '../policy/actor';
import { AppError } from '../errors';
import { recordAudit, type RequestContext } from '../audit/audit';
import { checkPasswordStrength, dummyPasswordHash, hashPassword, verifyPassword } from './password';
import { loadActor } from './actor.loader';
import { DATA_TOPIC } from '../cache/read-cache';

export const SESSION_IDLE_HOURS = 8;
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

const csrfTokens = new Tokens({ userInfo: false } as { userInfo?: false }) as unknown as {
  secretSync(): string;
  create(s: string): string;
  verify(s: string, t: string): boolean;
};

const invalidLogin = () => new AppError('INVALID_CREDENTIALS', 'Tên đăng nhập hoặc mật khẩu không đúng.', 401);

function lockedError(until: Date, now: Date) {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return new AppError(
    'ACCOUNT_LOCKED',
    `Tài khoản tạm khóa do đăng nhập sai ${MAX_FAILED_LOGINS} lần liên tiếp. Vui lòng thử lại sau ${minutes} phút hoặc liên hệ quản trị hệ thống.`,
    429,
    { retryAfterMinutes: minutes },
  );
}

export interface LoginResult {
  sessionId: string;
  actor: Actor;
  mustChangePassword: boolean;
}

/**
 * Local username + password login. Other identity providers (VNeID / provincial SSO via OpenID
 * Connect) only need to find the user by (authProvider, externalId) and call `startSession`.
 */
export async function login(
  s: AppServices,
  ctx: RequestContext,
  input: { username: string; password: string; userAgent?: string | null },
): Promise<LoginResult> {
  const now = s.now();
  const username = input.username.trim().toLowerCase();
  const user = await s.db.selectFrom('appUser').selectAll().where('username', '=', username).executeTakeFirst();
  if (!user || !user.isActive || user.authProvider !== 'local') {
    await verifyPassword(await dummyPasswordHash(), input.password);
    throw invalidLogin();
  }
  if (user.lockedUntil && user.lockedUntil > now) throw lockedError(user.lockedUntil, now);

  if (!(await verifyPassword(user.passwordHash, input.password))) {
    await countFailedLogin(s, ctx, user, now);
    throw invalidLogin();
  }
  return startSession(s, ctx, user.id, input.userAgent ?? null, user.mustChangePassword);
}

/** A wrong password: counted, and the account locked for a while after MAX_FAILED_LOGINS in a row (throws then). */
async function countFailedLogin(
  s: AppServices,
  ctx: RequestContext,
  user: { id: number; username: string; unitId: number | null; failedLogins: number },
  now: Date,
): Promise<void> {
  const failed = user.failedLogins + 1;
  const lockedUntil = failed >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null;
  await s.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('appUser')
      .set({ failedLogins: lockedUntil ? 0 : failed, lockedUntil })
      .where('id', '=', user.id)
      .execute();
    await recordAudit(tx, ctx, lockedUntil ? 'auth.lock' : 'auth.login_failed', {
      entityType: 'user',
      entityId: user.id,
      unitId: user.unitId,
      after: { username: user.username, failedLogins: failed, lockedUntil },
    });
  });
  if (lockedUntil) throw lockedError(lockedUntil, now);
}

/**
 * The signed-in user proves it is still them (leaving the counter kiosk's locked screen): a wrong password
 * counts toward the lock exactly as at login, so the kiosk cannot be used to guess it.
 */
export async function confirmPassword(s: AppServices, ctx: RequestContext, actor: Actor, password: string): Promise<void> {
  const now = s.now();
  const user = await s.db
    .selectFrom('appUser')
    .select(['id', 'username', 'unitId', 'passwordHash', 'failedLogins', 'lockedUntil'])
    .where('id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  if (user.lockedUntil && user.lockedUntil > now) throw lockedError(user.lockedUntil, now);
  if (!(await verifyPassword(user.passwordHash, password))) {
    await countFailedLogin(s, ctx, user, now);
    throw new AppError('INVALID_CURRENT_PASSWORD', 'Mật khẩu không đúng.', 400, { field: 'password' });
  }
  if (user.failedLogins) await s.db.updateTable('appUser').set({ failedLogins: 0 }).where('id', '=', user.id).execute();
}

export async function startSession(
  s: AppServices,
  ctx: RequestContext,
  userId: number,
  userAgent: string | null,
  mustChangePassword = false,
): Promise<LoginResult> {
  const sessionId = crypto.randomBytes(32).toString('base64url');
  const now = s.now();
  const actor = await loadActor(s.db, userId, s.provinceCode);
  if (!actor) throw invalidLogin();
  await s.db.transaction().execute(async (tx) => {
    await tx.updateTable('appUser').set({ failedLogins: 0, lockedUntil: null }).where('id', '=', userId).execute();
    await tx
      .insertInto('session')
      .values({
        id: sessionId,
        userId,
        csrfSecret: csrfTokens.secretSync(),
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + SESSION_IDLE_HOURS * 3_600_000),
        ip: ctx.ip,
        userAgent,
      })
      .execute();
    await recordAudit(tx, { ...ctx, actor }, 'auth.login', { entityType: 'user', entityId: userId, unitId: actor.unitId });
  });
  return { sessionId, actor, mustChangePassword };
}

/** The session's actor, sliding its expiry; null when missing or expired. */
export async function resumeSession(s: AppServices, sessionId: string) {
  const now = s.now();
  const session = await s.db
    .selectFrom('session')
    .innerJoin('appUser', 'appUser.id', 'session.userId')
    .select(['session.userId', 'session.expiresAt', 'session.lastSeenAt', 'session.csrfSecret', 'appUser.mustChangePassword'])
    .where('session.id', '=', sessionId)
    .executeTakeFirst();
  if (!session) return null;
  if (session.expiresAt <= now) {
    await s.db.deleteFrom('session').where('id', '=', sessionId).execute();
    return null;
  }
  // The actor (roles, unit subtree) is the same on every request until something changes: cached like
  // other reads, so any write (a role, a unit) makes it load again.
  const actor = await s.cache.get([DATA_TOPIC], `actor|${session.userId}`, () => loadActor(s.db, session.userId, s.provinceCode));
  if (!actor) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > 60_000) {
    await s.db
      .updateTable('session')
      .set({ lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_IDLE_HOURS * 3_600_000) })
      .where('id', '=', sessionId)
      .execute();
  }
  return { actor, csrfSecret: session.csrfSecret, mustChangePassword: session.mustChangePassword };
}

export async function logout(s: AppServices, ctx: RequestContext, sessionId: string): Promise<void> {
  await s.db.transaction().execute(async (tx) => {
    await tx.deleteFrom('session').where('id', '=', sessionId).execute();
    if (ctx.actor) await recordAudit(tx, ctx, 'auth.logout', { entityType: 'user', entityId: ctx.actor.userId, unitId: ctx.actor.unitId });
  });
}

export function createCsrfToken(secret: string): string {
  return csrfTokens.create(secret);
}

export function verifyCsrfToken(secret: string, token: string): boolean {
  return csrfTokens.verify(secret, token);
}

export async function changePassword(
  s: AppServices,
  ctx: RequestContext,
  actor: Actor,
  sessionId: string,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const user = await s.db
    .selectFrom('appUser')
    .select(['id', 'passwordHash', 'unitId'])
    .where('id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.passwordHash, input.currentPassword)))
    throw new AppError('INVALID_CURRENT_PASSWORD', 'Mật khẩu hiện tại không đúng.', 400);
  checkPasswordStrength(input.newPassword);
  if (input.newPassword === input.currentPassword) throw new AppError('WEAK_PASSWORD', 'Mật khẩu mới phải khác mật khẩu hiện tại.');
  const passwordHash = await hashPassword(input.newPassword);
  await s.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('appUser')
      .set({ passwordHash, mustChangePassword: false, updatedAt: s.now() })
      .where('id', '=', actor.userId)
      .execute();
    // Other sessions of this user end: a changed password must lock out whoever else had it.
    await tx.deleteFrom('session').where('userId', '=', actor.userId).where('id', '!=', sessionId).execute();
    await recordAudit(tx, ctx, 'user.change_password', { entityType: 'user', entityId: actor.userId, unitId: user.unitId });
  });
}
