/**
 * Dossier statistics: counts per unit, procedure, channel, month or official for the dossiers received
 * in a range, judged as of a date. One SQL pass over the derived columns (local dates stored at import).
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import { AppError, inTransaction, isIsoDate, type Db } from '@cchc/core';
import { OPEN_SETTLE_DATE } from './dossier.row';

export type GroupBy = 'unit' | 'procedure' | 'channel' | 'month' | 'official' | 'sector' | 'cause';

export interface StatsQuery {
  provinceCode: string;
  from: string;
  to: string;
  asOf: string;
  groupBy: GroupBy;
  unitCodes?: string[];
  procedureCode?: string;
}

export interface StatsRow {
  key: string;
  label: string | null;
  received: number;
  resolved: number;
  early: number;
  onTime: number;
  late: number;
  open: number;
  openOverdue: number;
  apologies: number;
  apologyCompliant: number;
  apologyMissing: number;
  online: number;
  avgDays: number | null;
}

const KEY: Record<Exclude<GroupBy, 'cause'>, ReturnType<typeof sql<string>>> = {
  unit: sql<string>`d.unit_code`,
  procedure: sql<string>`d.procedure_code`,
  channel: sql<string>`d.channel::text`,
  month: sql<string>`d.received_month`,
  official: sql<string>`coalesce(d.official, '(không ghi)')`,
  sector: sql<string>`split_part(d.procedure_code, '.', 1)`,
};

/**
 * The lateness rule for a dossier that has ended (766): ended after its due date, or asked twice for
 * supplements. On the `dossier` table aliased `d`; every report uses this one fragment.
 */
export const ENDED_LATE = sql<SqlBool>`(d.supplement_count >= 2 or coalesce(d.finished_date > d.due_date, false))`;
/** Its complement: ended by the due date (or without one) after fewer than two requests for supplements. */
export const ENDED_ON_TIME = sql<SqlBool>`(not ${ENDED_LATE})`;

/** The codes for an `in` filter; an empty scope matches nothing (SQL has no empty `in ()`). */
export const anyOf = (codes: string[]) => (codes.length ? codes : ['-']);

export function checkRange(from: string, to: string, asOf: string) {
  for (const [k, v] of Object.entries({ from, to, asOf })) {
    if (!isIsoDate(v)) throw new AppError('INVALID_DATE', `Tham số "${k}": "${v}" không phải ngày hợp lệ (YYYY-MM-DD).`);
  }
  if (to < from) throw new AppError('INVALID_RANGE', `Khoảng ngày không hợp lệ: "to" (${to}) trước "from" (${from}).`);
}

/**
 * The overview. Whole months come from `dossier_rollup`: closed dossiers settled by the report date
 * with their final counts, open ones judged against the report date by their due and apology days.
 * The raw rows supply the rest — partial months at the ends of the range, and dossiers that were still
 * open on the report date but closed since (none when the report date is today).
 * `useRollup: false` answers from the raw rows only (tests compare the two).
 */
export async function dossierStats(db: Db, q: StatsQuery & { useRollup?: boolean }): Promise<StatsRow[]> {
  checkRange(q.from, q.to, q.asOf);
  // The rollup keeps unit, month and channel; other groupings and procedure filters read the raw rows.
  if (q.useRollup === false || !['unit', 'month', 'channel'].includes(q.groupBy) || q.procedureCode)
    return finish(await rawStats(db, q, null));
  const months = fullMonths(q.from, q.to);
  if (!months) return finish(await rawStats(db, q, null));
  const [raw, rolled] = await Promise.all([rawStats(db, q, months), rollupStats(db, q, months)]);
  const byKey = new Map<string, Partial<RawRow>>();
  for (const r of [...raw, ...rolled]) {
    const e = byKey.get(r.key) ?? { key: r.key };
    for (const [k, v] of Object.entries(r))
      if (k !== 'key') (e as Record<string, number>)[k] = ((e as Record<string, number>)[k] ?? 0) + Number(v);
    byKey.set(r.key, e);
  }
  return finish([...byKey.values()].sort((a, b) => (a.key! < b.key! ? -1 : 1)) as RawRow[]);
}

type RawRow = Omit<StatsRow, 'label' | 'avgDays'> & { sumDays: number };

function finish(rows: RawRow[]): StatsRow[] {
  return rows.map(({ sumDays, ...r }) => {
    const n = Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k === 'key' ? v : Number(v)])) as Omit<
      StatsRow,
      'label' | 'avgDays'
    >;
    return { ...n, label: null, avgDays: n.resolved ? Math.round((Number(sumDays) / n.resolved) * 10) / 10 : null };
  });
}

/** The whole calendar months inside [from, to], or null when there are none. */
function fullMonths(from: string, to: string): { first: string; last: string } | null {
  const first = from.slice(8) === '01' ? from.slice(0, 7) : nextMonth(from.slice(0, 7));
  const lastDay = new Date(Date.UTC(Number(to.slice(0, 4)), Number(to.slice(5, 7)), 0)).getUTCDate();
  const last = Number(to.slice(8)) === lastDay ? to.slice(0, 7) : prevMonth(to.slice(0, 7));
  return first <= last ? { first, last } : null;
}
const nextMonth = (m: string) =>
  m.slice(5) === '12' ? `${Number(m.slice(0, 4)) + 1}-01` : `${m.slice(0, 5)}${String(Number(m.slice(5)) + 1).padStart(2, '0')}`;
const prevMonth = (m: string) =>
  m.slice(5) === '01' ? `${Number(m.slice(0, 4)) - 1}-12` : `${m.slice(0, 5)}${String(Number(m.slice(5)) - 1).padStart(2, '0')}`;

const ROLLUP_KEY: Partial<Record<GroupBy, ReturnType<typeof sql<string>>>> = {
  unit: sql<string>`r.unit_code`,
  channel: sql<string>`r.channel::text`,
  month: sql<string>`r.received_month`,
};

async function rollupStats(db: Db, q: StatsQuery, months: { first: string; last: string }): Promise<RawRow[]> {
  const key = ROLLUP_KEY[q.groupBy]!;
  const asOf = q.asOf;
  const settled = sql<SqlBool>`r.settle_date <= ${asOf}::date`;
  const open = sql<SqlBool>`r.settle_date = ${OPEN_SETTLE_DATE}::date`;
  const overdue = sql<SqlBool>`(${open} and r.due_date < ${asOf}::date)`;
  let query = db
    .selectFrom('dossierRollup as r')
    .select([
      key.as('key'),
      sql<number>`sum(r.received)`.as('received'),
      sql<number>`coalesce(sum(r.early + r.on_time + r.late) filter (where ${settled}), 0)`.as('resolved'),
      sql<number>`coalesce(sum(r.early) filter (where ${settled}), 0)`.as('early'),
      sql<number>`coalesce(sum(r.on_time) filter (where ${settled}), 0)`.as('onTime'),
      sql<number>`coalesce(sum(r.late) filter (where ${settled}), 0)`.as('late'),
      sql<number>`coalesce(sum(r.received) filter (where ${open}), 0)`.as('open'),
      sql<number>`coalesce(sum(r.received) filter (where ${overdue}), 0)`.as('openOverdue'),
      sql<number>`coalesce(sum(r.apologies) filter (where ${settled}), 0) + coalesce(sum(r.received) filter (where ${open} and r.apology_date <= ${asOf}::date), 0)`.as(
        'apologies',
      ),
      sql<number>`sum(r.compliant)`.as('apologyCompliant'),
      sql<number>`coalesce(sum(r.missing) filter (where ${settled}), 0) + coalesce(sum(r.received) filter (where ${overdue} and (r.apology_date is null or r.apology_date > ${asOf}::date)), 0)`.as(
        'apologyMissing',
      ),
      sql<number>`sum(r.online)`.as('online'),
      sql<number>`coalesce(sum(r.sum_days) filter (where ${settled}), 0)`.as('sumDays'),
    ])
    .where('r.provinceCode', '=', q.provinceCode)
    .where('r.receivedMonth', '>=', months.first)
    .where('r.receivedMonth', '<=', months.last)
    .where(sql<SqlBool>`(${settled} or ${open})`)
    .groupBy(key as Expression<string>);
  if (q.unitCodes) query = query.where('r.unitCode', 'in', anyOf(q.unitCodes));
  return (await query.execute()) as RawRow[];
}

/** Recomputes the rollup rows of the given received months (after an import changed them). */
export async function refreshRollups(db: Db, provinceCode: string, months: string[]): Promise<void> {
  if (!months.length) return;
  // One transaction, so a report never sees a month half replaced; memory enough to group in RAM.
  await inTransaction(db, async (tx) => {
    await sql`set local work_mem = '64MB'`.execute(tx);
    await replaceRollups(tx, provinceCode, months);
  });
}

async function replaceRollups(db: Db, provinceCode: string, months: string[]): Promise<void> {
  await db.deleteFrom('dossierRollup').where('provinceCode', '=', provinceCode).where('receivedMonth', 'in', months).execute();
  const closed = sql<SqlBool>`(d.finished_date is not null)`;
  const late = sql<SqlBool>`(${closed} and ${ENDED_LATE})`;
  // Open dossiers keep their due and apology days as keys; closed ones do not need them.
  const open = sql<SqlBool>`(d.finished_date is null)`;
  await sql`
    insert into dossier_rollup (province_code, unit_code, received_month, channel, settle_date, due_date, apology_date,
      received, early, on_time, late, apologies, compliant, missing, online, sum_days)
    select d.province_code, d.unit_code, d.received_month, d.channel, d.settle_date,
      case when ${open} then d.due_date end, case when ${open} then d.apology_date end,
      count(*),
      count(*) filter (where ${closed} and not ${late} and d.finished_date < d.due_date),
      count(*) filter (where ${closed} and not ${late} and (d.finished_date = d.due_date or d.due_date is null)),
      count(*) filter (where ${late}),
      count(*) filter (where d.apology_date is not null),
      count(*) filter (where d.apology_date is not null and d.apology_date <= d.apology_deadline),
      count(*) filter (where ${late} and d.apology_date is null),
      count(*) filter (where d.channel = 2),
      coalesce(sum(d.finished_date - d.received_date), 0)
    from dossier d
    where d.province_code = ${provinceCode} and d.received_month in (${sql.join(months)})
    group by 1, 2, 3, 4, 5, 6, 7`.execute(db);
}

async function rawStats(db: Db, q: StatsQuery, exclude: { first: string; last: string } | null): Promise<RawRow[]> {
  const asOf = q.asOf;
  const closed = sql<SqlBool>`(d.finished_date is not null and d.finished_date <= ${asOf}::date)`;
  const lateCond = sql<SqlBool>`(${closed} and ${ENDED_LATE})`;
  const key = q.groupBy === 'cause' ? null : KEY[q.groupBy];
  // The rows to count, as a union of branches each served by one index range.
  const branch = (from: string, to: string, settledBetween?: [string, string]) => {
    let b = db
      .selectFrom('dossier as d')
      .selectAll()
      .where('d.provinceCode', '=', q.provinceCode)
      .where('d.receivedDate', '>=', from)
      .where('d.receivedDate', '<=', to);
    if (settledBetween) b = b.where('d.settleDate', '>', settledBetween[0]).where('d.settleDate', '<', settledBetween[1]);
    if (q.unitCodes) b = b.where('d.unitCode', 'in', anyOf(q.unitCodes));
    if (q.procedureCode) b = b.where('d.procedureCode', '=', q.procedureCode);
    return b;
  };
  let rows;
  if (!exclude) rows = branch(q.from, q.to);
  else {
    // Only what the rollup does not count: the partial months at the ends of the range, and the rows of
    // the whole months that settled after the report date without being open today.
    const firstDay = `${exclude.first}-01`;
    const lastDay = new Date(Date.UTC(Number(exclude.last.slice(0, 4)), Number(exclude.last.slice(5, 7)), 0)).toISOString().slice(0, 10);
    const dayBefore = new Date(Date.parse(firstDay) - 86_400_000).toISOString().slice(0, 10);
    const dayAfter = new Date(Date.parse(lastDay) + 86_400_000).toISOString().slice(0, 10);
    rows = branch(firstDay, lastDay, [asOf, OPEN_SETTLE_DATE]).unionAll(branch(q.from, dayBefore)).unionAll(branch(dayAfter, q.to));
  }
  let query = db
    .selectFrom(rows.as('d'))
    .select([
      (key ?? sql<string>`'all'`).as('key'),
      sql<number>`count(*)`.as('received'),
      sql<number>`count(*) filter (where ${closed})`.as('resolved'),
      sql<number>`count(*) filter (where ${closed} and d.supplement_count < 2 and d.finished_date < d.due_date)`.as('early'),
      sql<number>`count(*) filter (where ${closed} and d.supplement_count < 2 and (d.finished_date = d.due_date or d.due_date is null))`.as(
        'onTime',
      ),
      sql<number>`count(*) filter (where ${lateCond})`.as('late'),
      sql<number>`count(*) filter (where not ${closed})`.as('open'),
      sql<number>`count(*) filter (where not ${closed} and d.due_date < ${asOf}::date)`.as('openOverdue'),
      sql<number>`count(*) filter (where d.apology_date is not null and d.apology_date <= ${asOf}::date)`.as('apologies'),
      sql<number>`count(*) filter (where d.apology_date is not null and d.apology_date <= d.apology_deadline)`.as('apologyCompliant'),
      sql<number>`count(*) filter (where (${lateCond} or (not ${closed} and d.due_date < ${asOf}::date)) and (d.apology_date is null or d.apology_date > ${asOf}::date))`.as(
        'apologyMissing',
      ),
      sql<number>`count(*) filter (where d.channel = 2)`.as('online'),
      sql<number>`coalesce(sum(d.finished_date - d.received_date) filter (where ${closed}), 0)`.as('sumDays'),
    ]);
  if (key) query = query.groupBy(key as Expression<string>);
  return (await query.orderBy('key').execute()) as RawRow[];
}
