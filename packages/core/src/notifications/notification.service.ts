/**
 * Notifications for every module: a module's reminder source calls `notify` with a draft; the unique key
 * (user, kind, subject, period) makes each reminder happen once, whatever restarts or overlapping passes
 * do. E-mails go out from the rows (pending → sent, see mail.ts), so a crash between the two only delays
 * an e-mail, never repeats one.
 */
import { sql } from 'kysely';
import type { Db } from '../db/database';
import { formatLocalDateTime } from '../calendar/calendar.domain';

export interface NotificationDraft {
  userId: number;
  /** What kind of message (due_soon, overdue, overdue_digest, feedback_due…): part of the once-key. */
  kind: string;
  /** What it is about, e.g. 'task' + 12; null for a digest. */
  subjectType: string | null;
  subjectId: string | number | null;
  /** The period the reminder is for (a report period, a day for digests): part of the once-key. */
  periodKey: string;
  title: string;
  body: string;
  /** Where the web app opens it (a path). */
  link: string;
}

/** Creates the notification unless the same one exists; true when it was created. */
export async function notify(db: Db, draft: NotificationDraft, opts: { email: boolean }): Promise<boolean> {
  const res = await db
    .insertInto('notification')
    .values({
      ...draft,
      subjectId: draft.subjectId === null ? null : String(draft.subjectId),
      emailStatus: opts.email ? 'pending' : 'none',
    })
    .onConflict((oc) => oc.columns(['userId', 'kind', 'subjectType', 'subjectId', 'periodKey']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return !!res;
}

/**
 * One message to every active user holding one of the roles in any of the units (or anywhere in the
 * province), in one statement
 * (a directive withdrawn from 140 units is one insert, not 400); returns how many were created.
 */
export async function notifyUnits(
  db: Db,
  where: readonly number[] | { provinceCode: string },
  roles: readonly string[],
  draft: Omit<NotificationDraft, 'userId'>,
  opts: { email: boolean } = { email: false },
): Promise<number> {
  if (('length' in where && !where.length) || !roles.length) return 0;
  const res = await db
    .insertInto('notification')
    .columns(['userId', 'kind', 'subjectType', 'subjectId', 'periodKey', 'title', 'body', 'link', 'emailStatus'])
    .expression(
      db
        .selectFrom('appUser as u')
        .select([
          'u.id',
          sql<string>`${draft.kind}::text`.as('kind'),
          sql<string | null>`${draft.subjectType}::text`.as('subjectType'),
          sql<string | null>`${draft.subjectId === null ? null : String(draft.subjectId)}::text`.as('subjectId'),
          sql<string>`${draft.periodKey}::text`.as('periodKey'),
          sql<string>`${draft.title}::text`.as('title'),
          sql<string>`${draft.body}::text`.as('body'),
          sql<string>`${draft.link}::text`.as('link'),
          sql<string>`${opts.email ? 'pending' : 'none'}::text`.as('emailStatus'),
        ])
        .where('u.isActive', '=', true)
        .where((eb) =>
          'provinceCode' in where
            ? eb.exists(
                eb
                  .selectFrom('unit as un')
                  .select('un.id')
                  .whereRef('un.id', '=', 'u.unitId')
                  .where('un.provinceCode', '=', where.provinceCode),
              )
            : eb('u.unitId', 'in', [...where]),
        )
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('userRole as r')
              .select('r.userId')
              .whereRef('r.userId', '=', 'u.id')
              .where('r.role', 'in', [...roles]),
          ),
        ),
    )
    .onConflict((oc) => oc.columns(['userId', 'kind', 'subjectType', 'subjectId', 'periodKey']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0);
}

/**
 * Active users holding one of the roles, in one unit (`unitId`) or anywhere in the province
 * (`provinceCode`): who a reminder goes to.
 */
export async function recipients(
  db: Db,
  where: { unitId: number } | { provinceCode: string },
  roles: readonly string[],
): Promise<number[]> {
  let q = db
    .selectFrom('appUser as u')
    .innerJoin('userRole as r', 'r.userId', 'u.id')
    .innerJoin('unit as un', 'un.id', 'u.unitId')
    .select('u.id')
    .distinct()
    .where('u.isActive', '=', true)
    .where('r.role', 'in', [...roles]);
  q = 'unitId' in where ? q.where('u.unitId', '=', where.unitId) : q.where('un.provinceCode', '=', where.provinceCode);
  return (await q.execute()).map((r) => Number(r.id));
}

/** One page of the user's notifications (newest first); unread and total are counted in SQL. */
export async function listNotifications(db: Db, userId: number, page: { limit: number; offset: number } = { limit: 20, offset: 0 }) {
  const mine = db.selectFrom('notification').where('userId', '=', userId);
  const [rows, counts] = await Promise.all([
    mine
      .select(['id', 'kind', 'title', 'body', 'link', 'createdAt', 'readAt', 'emailStatus'])
      .orderBy('id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    mine
      .select([sql<number>`count(*)::int`.as('total'), sql<number>`(count(*) filter (where read_at is null))::int`.as('unread')])
      .executeTakeFirstOrThrow(),
  ]);
  return {
    unread: Number(counts.unread),
    total: Number(counts.total),
    items: rows.map((r) => ({
      ...r,
      createdAt: formatLocalDateTime(r.createdAt),
      readAt: r.readAt ? formatLocalDateTime(r.readAt) : null,
    })),
  };
}

export async function markRead(db: Db, userId: number, id: number | 'all', now: Date): Promise<void> {
  let q = db.updateTable('notification').set({ readAt: now }).where('userId', '=', userId).where('readAt', 'is', null);
  if (id !== 'all') q = q.where('id', '=', id);
  await q.execute();
}
