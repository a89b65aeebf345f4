/**
 * The report tables beside the statistics: late dossiers by cause, apology breaches, and the period
 * report of forms 06 and 07. SQL over the `dossier` table with the one lateness rule of dossier.stats.ts.
 */
import { sql, type SqlBool } from 'kysely';
import type { Db } from '@cchc/core';
import { anyOf, checkRange, ENDED_LATE, type StatsQuery } from './dossier.stats';

/** Late dossiers by cause category (seed 004), judged as of `asOf`. */
export async function lateCauses(db: Db, q: Omit<StatsQuery, 'groupBy'>) {
  checkRange(q.from, q.to, q.asOf);
  let query = db
    .selectFrom('dossier as d')
    .select(['d.lateCause', sql<number>`count(*)`.as('n')])
    .where('d.provinceCode', '=', q.provinceCode)
    .where('d.receivedDate', '>=', q.from)
    .where('d.receivedDate', '<=', q.to)
    .where(sql<SqlBool>`d.finished_date <= ${q.asOf}::date and ${ENDED_LATE}`)
    .groupBy('d.lateCause');
  if (q.unitCodes) query = query.where('d.unitCode', 'in', anyOf(q.unitCodes));
  return query.execute();
}

/** Local (UTC+7) day of a timestamptz column, whatever the session's time zone. */
const localDay = (column: string) => sql<string>`((${sql.ref(column)} at time zone 'UTC') + interval '7 hours')::date`;

export interface ApologyRow {
  key: string;
  /** Late (closed late, or open past the due date) with no apology by the report date. */
  missing: number;
  /** Apology sent, but less than one working day before the original due date. */
  sentLate: number;
  /** The date was moved a second time: the apology re-sent with another date, or the new date missed too. */
  repeated: number;
}

/**
 * Apology breaches per unit (DOMAIN §4) among dossiers received in the range, as of a date: missing,
 * sent late, and repeated — an apology changed after it was first sent (seen in the import history),
 * or a new date that was missed as well, which needs a second extension.
 */
export async function apologyBreaches(db: Db, q: Omit<StatsQuery, 'groupBy'>): Promise<ApologyRow[]> {
  checkRange(q.from, q.to, q.asOf);
  const asOf = q.asOf;
  const closed = sql<SqlBool>`(d.finished_date is not null and d.finished_date <= ${asOf}::date)`;
  const late = sql<SqlBool>`((${closed} and ${ENDED_LATE}) or (not ${closed} and d.due_date < ${asOf}::date))`;
  const sent = sql<SqlBool>`(d.apology_date is not null and d.apology_date <= ${asOf}::date)`;
  const newDate = localDay('d.new_appointment_at');
  const missedNewDate = sql<SqlBool>`(${sent} and d.new_appointment_at is not null and (case when ${closed} then d.finished_date > ${newDate} else ${asOf}::date > ${newDate} end))`;
  const resent = sql<SqlBool>`exists (select 1 from dossier_history h where h.dossier_id = d.id and h.before->>'apologyAt' is not null
    and h.before->>'apologyAt' is distinct from h.after->>'apologyAt')`;
  let query = db
    .selectFrom('dossier as d')
    .select([
      'd.unitCode as key',
      sql<number>`count(*) filter (where ${late} and not ${sent})`.as('missing'),
      sql<number>`count(*) filter (where ${sent} and d.apology_date > d.apology_deadline)`.as('sentLate'),
      sql<number>`count(*) filter (where ${missedNewDate} or (${sent} and ${resent}))`.as('repeated'),
    ])
    .where('d.provinceCode', '=', q.provinceCode)
    .where('d.receivedDate', '>=', q.from)
    .where('d.receivedDate', '<=', q.to)
    .groupBy('d.unitCode')
    .orderBy('d.unitCode');
  if (q.unitCodes) query = query.where('d.unitCode', 'in', anyOf(q.unitCodes));
  return ((await query.execute()) as ApologyRow[]).filter((r) => r.missing || r.sentLate || r.repeated);
}

export interface PeriodRow {
  key: string;
  carriedOver: number;
  receivedOnline: number;
  receivedOther: number;
  resolvedEarly: number;
  resolvedOnTime: number;
  resolvedLate: number;
  openInTime: number;
  openOverdue: number;
}

/**
 * The period report by unit, as the official statistics forms count (Circular 01/2020/TT-VPCP, form 06):
 * dossiers carried over from before the period and received in it; those resolved in the period (early,
 * on time, late); those still open at its end (in time, overdue).
 */
export async function periodReport(
  db: Db,
  q: { provinceCode: string; from: string; to: string; unitCodes?: string[] },
): Promise<PeriodRow[]> {
  checkRange(q.from, q.to, q.to);
  const { from, to } = q;
  const resolved = sql<SqlBool>`(d.finished_date >= ${from}::date and d.finished_date <= ${to}::date)`;
  const open = sql<SqlBool>`(d.finished_date is null or d.finished_date > ${to}::date)`;
  let query = db
    .selectFrom('dossier as d')
    .select([
      'd.unitCode as key',
      sql<number>`count(*) filter (where d.received_date < ${from}::date)`.as('carriedOver'),
      sql<number>`count(*) filter (where d.received_date >= ${from}::date and d.channel = 2)`.as('receivedOnline'),
      sql<number>`count(*) filter (where d.received_date >= ${from}::date and d.channel <> 2)`.as('receivedOther'),
      sql<number>`count(*) filter (where ${resolved} and not ${ENDED_LATE} and d.finished_date < d.due_date)`.as('resolvedEarly'),
      sql<number>`count(*) filter (where ${resolved} and not ${ENDED_LATE} and (d.finished_date = d.due_date or d.due_date is null))`.as(
        'resolvedOnTime',
      ),
      sql<number>`count(*) filter (where ${resolved} and ${ENDED_LATE})`.as('resolvedLate'),
      sql<number>`count(*) filter (where ${open} and not (d.due_date < ${to}::date))`.as('openInTime'),
      sql<number>`count(*) filter (where ${open} and d.due_date < ${to}::date)`.as('openOverdue'),
    ])
    // Every dossier received by the end of the period that was not finished before it began.
    .where('d.provinceCode', '=', q.provinceCode)
    .where('d.receivedDate', '<=', to)
    .where(sql<SqlBool>`(d.finished_date is null or d.finished_date >= ${from}::date)`)
    .groupBy('d.unitCode')
    .orderBy('d.unitCode');
  if (q.unitCodes) query = query.where('d.unitCode', 'in', anyOf(q.unitCodes));
  return (await query.execute()) as PeriodRow[];
}

/** Dossiers resolved late in the period, per unit and written cause (form 07 groups them by category). */
export async function lateResolvedCauses(db: Db, q: { provinceCode: string; from: string; to: string; unitCodes?: string[] }) {
  let query = db
    .selectFrom('dossier as d')
    .select(['d.unitCode', 'd.lateCause', sql<number>`count(*)`.as('n')])
    .where('d.provinceCode', '=', q.provinceCode)
    .where('d.receivedDate', '<=', q.to)
    .where(sql<SqlBool>`d.finished_date >= ${q.from}::date and d.finished_date <= ${q.to}::date and ${ENDED_LATE}`)
    .groupBy(['d.unitCode', 'd.lateCause']);
  if (q.unitCodes) query = query.where('d.unitCode', 'in', anyOf(q.unitCodes));
  return query.execute();
}
