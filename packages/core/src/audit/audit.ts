import type { Kysely, Transaction } from 'kysely';
import type { Database, Db } from '../db/database';
import type { Actor } from '../policy/actor';
import { formatLocalDateTime } from '../calendar/calendar.domain';

/** Request details attached once per request by the server; services pass only action and details. */
export interface RequestContext {
  actor: Actor | null;
  ip: string | null;
  requestId: string | null;
}

/** The request context of work done by the system itself (audit rows show no user). */
export function systemContext(requestId: string): RequestContext {
  return { actor: null, ip: null, requestId };
}

export interface AuditDetails {
  entityType: string;
  entityId?: string | number | null;
  unitId?: number | null;
  before?: unknown;
  after?: unknown;
}

const SECRET_KEYS = /password|token|secret|hash/i;

/** Drops secrets from what is recorded; the audit log never holds passwords or tokens. */
function scrub(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map(scrub);
  if (value instanceof Date) return formatLocalDateTime(value);
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => !SECRET_KEYS.test(k))
        .map(([k, v]) => [k, scrub(v)]),
    );
  }
  return value;
}

/** Writes one audit row inside the caller's transaction: if the change rolls back, so does this. */
export async function recordAudit(
  tx: Transaction<Database> | Kysely<Database>,
  ctx: RequestContext,
  action: string,
  details: AuditDetails,
): Promise<void> {
  const before = scrub(details.before);
  const after = scrub(details.after);
  await tx
    .insertInto('auditLog')
    .values({
      actorUserId: ctx.actor?.userId ?? null,
      actorUsername: ctx.actor?.username ?? null,
      actorUnitId: ctx.actor?.unitId ?? null,
      action,
      entityType: details.entityType,
      entityId: details.entityId == null ? null : String(details.entityId),
      unitId: details.unitId ?? null,
      before: before === null ? null : JSON.stringify(before),
      after: after === null ? null : JSON.stringify(after),
      ip: ctx.ip,
      requestId: ctx.requestId,
    })
    .execute();
}

export interface AuditQuery {
  from?: string;
  to?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  username?: string;
  limit: number;
  offset: number;
}

export async function listAudit(db: Db, q: AuditQuery) {
  let query = db
    .selectFrom('auditLog')
    .leftJoin('unit', 'unit.id', 'auditLog.actorUnitId')
    .select([
      'auditLog.id',
      'auditLog.at',
      'auditLog.actorUsername',
      'auditLog.action',
      'auditLog.entityType',
      'auditLog.entityId',
      'auditLog.before',
      'auditLog.after',
      'auditLog.ip',
      'unit.name as actorUnitName',
    ]);
  if (q.from) query = query.where('auditLog.at', '>=', new Date(`${q.from}T00:00:00+07:00`));
  if (q.to) query = query.where('auditLog.at', '<', new Date(new Date(`${q.to}T00:00:00+07:00`).getTime() + 86_400_000));
  if (q.action) query = query.where('auditLog.action', '=', q.action);
  if (q.entityType) query = query.where('auditLog.entityType', '=', q.entityType);
  if (q.entityId) query = query.where('auditLog.entityId', '=', q.entityId);
  if (q.username) query = query.where('auditLog.actorUsername', '=', q.username);
  const [rows, total] = await Promise.all([
    query.orderBy('auditLog.id', 'desc').limit(q.limit).offset(q.offset).execute(),
    query
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}
