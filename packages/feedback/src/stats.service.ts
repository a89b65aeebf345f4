/**
 * Lists and figures for staff, all in SQL over the caller's scope: the case list, and per unit, category,
 * channel or month the 766 group-5 measures (classified, on time, satisfaction with handling), average
 * time to answer, repeats and what is overdue now.
 */
import { sql } from 'kysely';
import { AppError, isIsoDate, resolveScopedUnit, unitRepository, unitScope, type Actor, type AppServices } from '@cchc/core';
import { classifiedRate, onTimeRate, satisfactionRate, CHANNEL_LABELS, type Group5Counts } from './feedback.domain';
import { presentListItem } from './feedback.presenter';
import * as repo from './feedback.repository';
import type { CaseKind, CaseStatus, Channel } from './feedback.tables';

export interface ListQuery {
  q?: string;
  status?: string;
  unit?: string;
  category?: string;
  channel?: string;
  kind?: string;
  from?: string;
  to?: string;
  overdue?: boolean;
  hidden?: boolean;
  rated?: 'low' | 'any';
  repeated?: boolean;
  withTask?: boolean;
  sort?: 'received' | 'due';
  limit?: number;
  offset?: number;
}

const STATUSES: readonly CaseStatus[] = ['received', 'rejected', 'redirected', 'assigned', 'drafted', 'approved', 'returned', 'published'];

function checkRange(from?: string, to?: string) {
  for (const [k, v] of [
    ['from', from],
    ['to', to],
  ] as const)
    if (v && !isIsoDate(v)) throw new AppError('VALIDATION', `Ngày (tham số "${k}") phải có dạng YYYY-MM-DD: "${v}".`, 400, { field: k });
  if (from && to && from > to) throw new AppError('BAD_RANGE', 'Khoảng thời gian không hợp lệ: ngày bắt đầu sau ngày kết thúc.');
}

/** Lead-unit ids of a `unit` filter (the unit and its subtree), scope-checked; undefined for the whole province. */
async function unitFilter(s: AppServices, actor: Actor, code?: string) {
  if (!code || code === s.provinceCode) return undefined;
  const u = await resolveScopedUnit(s, actor, code);
  return unitRepository.subtreeIds(s.db, Number(u.id));
}

export async function listFeedback(s: AppServices, actor: Actor, q: ListQuery) {
  checkRange(q.from, q.to);
  const status = q.status
    ? q.status.split(',').map((x) => {
        if (!STATUSES.includes(x as CaseStatus))
          throw new AppError('VALIDATION', `Trạng thái (tham số "status") không hợp lệ: "${x}".`, 400, { field: 'status' });
        return x as CaseStatus;
      })
    : undefined;
  const limit = q.limit ?? 20;
  const offset = q.offset ?? 0;
  const { rows, total } = await repo.listCases(s.db, {
    provinceCode: s.provinceCode,
    scope: await unitScope(s.db, actor),
    q: q.q,
    status,
    unitIds: await unitFilter(s, actor, q.unit),
    category: q.category,
    channel: q.channel as Channel | undefined,
    kind: q.kind as CaseKind | undefined,
    from: q.from,
    to: q.to,
    overdue: q.overdue,
    hidden: q.hidden,
    rated: q.rated,
    repeated: q.repeated,
    withTask: q.withTask,
    today: s.today(),
    sort: q.sort,
    limit,
    offset,
  });
  const cal = s.calendar();
  const today = s.today();
  return { total, limit, offset, items: rows.map((r) => presentListItem(actor, cal, today, r)) };
}

export type GroupBy = 'unit' | 'category' | 'channel' | 'month';

const day = (col: string) => sql<string>`((${sql.ref(col)} at time zone 'UTC') + interval '7 hours')::date`;

/** The group-5 counts per key over [from, to], in one aggregate query over the caller's scope. */
export async function group5(
  s: AppServices,
  actor: Actor,
  q: { from: string; to: string; unit?: string; groupBy: GroupBy },
): Promise<{ key: string; label: string; counts: Group5Counts; avgDays: number | null; overdueNow: number }[]> {
  checkRange(q.from, q.to);
  const { from, to } = q;
  const rd = day('c.receivedAt');
  const ad = day('c.approvedAt');
  const cd = day('c.classifiedAt');
  const pd = day('c.publishedAt');
  const closedOut = sql`c.status in ('rejected', 'redirected')`;
  const answeredIn = sql`(c.approved_at is not null and ${ad} between ${from} and ${to})`;
  const classifiedOutIn = sql`(${closedOut} and c.classified_at is not null and ${cd} between ${from} and ${to})`;
  // Unanswered when the period ended, and due within it: judged late at the end of the period.
  const openOverdueAtEnd = sql`(not ${closedOut} and c.due_date between ${from} and ${to} and c.due_date < ${to} and (c.approved_at is null or ${ad} > ${to}))`;
  const onTime = sql`((${answeredIn} and ${ad} <= c.due_date) or (${classifiedOutIn} and ${cd} <= c.classify_due))`;
  const publishedIn = sql`(c.published_at is not null and ${pd} between ${from} and ${to})`;
  const repeatedCase = sql`exists (select 1 from feedback_case r where r.repeat_of = c.id)`;
  const unhappy = sql`(c.rating_stars <= 2 or c.rating_solved = false or ${repeatedCase} or ${ad} > c.due_date)`;
  const key =
    q.groupBy === 'unit'
      ? sql<string>`coalesce(u.code, '')`
      : q.groupBy === 'category'
        ? sql<string>`c.category_code`
        : q.groupBy === 'channel'
          ? sql<string>`c.channel`
          : sql<string>`to_char(${rd}, 'YYYY-MM')`;
  const label =
    q.groupBy === 'unit'
      ? sql<string>`coalesce(min(u.name), 'Chưa giao đơn vị')`
      : q.groupBy === 'category'
        ? sql<string>`coalesce(min(cat.name), c.category_code)`
        : sql<string>`''`;
  const unitIds = await unitFilter(s, actor, q.unit);
  let qb = repo
    .scoped(s.db.selectFrom('feedbackCase as c'), s.provinceCode, await unitScope(s.db, actor))
    .leftJoin('unit as u', 'u.id', 'c.leadUnitId')
    .leftJoin('feedbackCategory as cat', (j) => j.onRef('cat.provinceCode', '=', 'c.provinceCode').onRef('cat.code', '=', 'c.categoryCode'))
    .where(rd, '<=', to)
    .where((eb) => eb.or([eb('c.closedAt', 'is', null), eb(day('c.closedAt'), '>=', from)]));
  if (unitIds) qb = unitIds.length ? qb.where('c.leadUnitId', 'in', unitIds) : qb.where((eb) => eb.val(false));
  const rows = await qb
    .select([
      key.as('key'),
      label.as('label'),
      sql<number>`count(*) filter (where ${rd} between ${from} and ${to})`.as('received'),
      sql<number>`count(*) filter (where ${rd} between ${from} and ${to} and c.classified_at is not null)`.as('classified'),
      sql<number>`count(*) filter (where ${answeredIn} or ${classifiedOutIn} or ${openOverdueAtEnd})`.as('judged'),
      sql<number>`count(*) filter (where ${onTime})`.as('onTime'),
      sql<number>`count(*) filter (where ${publishedIn})`.as('answered'),
      sql<number>`count(*) filter (where ${publishedIn} and ${unhappy})`.as('dissatisfied'),
      sql<number>`count(*) filter (where ${publishedIn} and ${repeatedCase})`.as('repeated'),
      sql<number>`count(*) filter (where ${publishedIn} and ${ad} > c.due_date)`.as('late'),
      sql<number | null>`avg(${ad} - c.counted_from) filter (where ${answeredIn})`.as('avgDays'),
      sql<number>`count(*) filter (where c.status in ('received', 'assigned', 'drafted', 'returned') and c.due_date < ${s.today()})`.as(
        'overdueNow',
      ),
    ])
    .groupBy(key)
    // Months in order; units, categories and channels with the most cases first.
    .orderBy(q.groupBy === 'month' ? key : sql`count(*)`, q.groupBy === 'month' ? 'asc' : 'desc')
    .orderBy(key)
    .execute();
  return rows.map((r) => ({
    key: r.key,
    label:
      q.groupBy === 'channel'
        ? (CHANNEL_LABELS[r.key as Channel] ?? r.key)
        : q.groupBy === 'month'
          ? `${r.key.slice(5)}/${r.key.slice(0, 4)}`
          : r.label,
    counts: {
      received: Number(r.received),
      classified: Number(r.classified),
      judged: Number(r.judged),
      onTime: Number(r.onTime),
      answered: Number(r.answered),
      dissatisfied: Number(r.dissatisfied),
      repeated: Number(r.repeated),
      late: Number(r.late),
    },
    avgDays: r.avgDays === null ? null : Math.round(Number(r.avgDays) * 10) / 10,
    overdueNow: Number(r.overdueNow),
  }));
}

export function sumCounts(rows: readonly { counts: Group5Counts }[]): Group5Counts {
  const z: Group5Counts = { received: 0, classified: 0, judged: 0, onTime: 0, answered: 0, dissatisfied: 0, repeated: 0, late: 0 };
  for (const r of rows) for (const k of Object.keys(z) as (keyof Group5Counts)[]) z[k] += r.counts[k];
  return z;
}

/** The statistics page: the rows with their rates, and the total. */
export async function feedbackStats(s: AppServices, actor: Actor, q: { from: string; to: string; unit?: string; groupBy: GroupBy }) {
  const rows = await group5(s, actor, q);
  const withRates = (counts: Group5Counts) => ({
    ...counts,
    classifiedRate: classifiedRate(counts),
    onTimeRate: onTimeRate(counts),
    satisfactionRate: satisfactionRate(counts),
  });
  const total = sumCounts(rows);
  return {
    from: q.from,
    to: q.to,
    groupBy: q.groupBy,
    rows: rows.map((r) => ({ key: r.key, label: r.label, ...withRates(r.counts), avgDays: r.avgDays, overdueNow: r.overdueNow })),
    total: { ...withRates(total), overdueNow: rows.reduce((a, r) => a + r.overdueNow, 0) },
  };
}
