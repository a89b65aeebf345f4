/**
 * Dossier statistics: counts per unit, procedure, channel, month or official for the dossiers received
 * in a range, judged as of a date. One SQL pass over the derived columns (local dates stored at import).
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import { AppError, isIsoDate, type Db } from '@cchc/core';

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

export function checkRange(from: string, to: string, asOf: string) {
  for (const [k, v] of Object.entries({ from, to, asOf })) {
    if (!isIsoDate(v)) throw new AppError('INVALID_DATE', `Tham số "${k}": "${v}" không phải ngày hợp lệ (YYYY-MM-DD).`);
  }
  if (to < from) throw new AppError('INVALID_RANGE', `Khoảng ngày không hợp lệ: "to" (${to}) trước "from" (${from}).`);
}

export async function dossierStats(db: Db, q: StatsQuery): Promise<StatsRow[]> {
  checkRange(q.from, q.to, q.asOf);
  const asOf = q.asOf;
  const closed = sql<SqlBool>`(d.finished_date is not null and d.finished_date <= ${asOf}::date)`;
  const lateCond = sql<SqlBool>`(${closed} and (d.supplement_count >= 2 or d.finished_date > d.due_date))`;
  const key = q.groupBy === 'cause' ? null : KEY[q.groupBy];
  let query = db
    .selectFrom('dossier as d')
    .select([
      (key ?? sql<string>`'all'`).as('key'),
      sql<number>`count(*)`.as('received'),
      sql<number>`count(*) filter (where ${closed})`.as('resolved'),
      sql<number>`count(*) filter (where ${closed} and d.supplement_count < 2 and d.finished_date < d.due_date)`.as('early'),
      sql<number>`count(*) filter (where ${closed} and d.supplement_count < 2 and (d.finished_date = d.due_date or d.due_date is null))`.as('onTime'),
      sql<number>`count(*) filter (where ${lateCond})`.as('late'),
      sql<number>`count(*) filter (where not ${closed})`.as('open'),
      sql<number>`count(*) filter (where not ${closed} and d.due_date < ${asOf}::date)`.as('openOverdue'),
      sql<number>`count(*) filter (where d.apology_date is not null and d.apology_date <= ${asOf}::date)`.as('apologies'),
      sql<number>`count(*) filter (where d.apology_date is not null and d.apology_date <= d.apology_deadline)`.as('apologyCompliant'),
      sql<number>`count(*) filter (where (${lateCond} or (not ${closed} and d.due_date < ${asOf}::date)) and (d.apology_date is null or d.apology_date > ${asOf}::date))`.as('apologyMissing'),
      sql<number>`count(*) filter (where d.channel = 2)`.as('online'),
      sql<number | null>`round(avg(d.finished_date - d.received_date) filter (where ${closed})::numeric, 1)`.as('avgDays'),
    ])
    .where('d.provinceCode', '=', q.provinceCode)
    .where('d.receivedDate', '>=', q.from)
    .where('d.receivedDate', '<=', q.to);
  if (q.unitCodes) query = query.where('d.unitCode', 'in', q.unitCodes.length ? q.unitCodes : ['-']);
  if (q.procedureCode) query = query.where('d.procedureCode', '=', q.procedureCode);
  if (key) query = query.groupBy(key as Expression<string>);
  const rows = await query.orderBy('key').execute();
  return rows.map((r) => ({ ...r, label: null, avgDays: r.avgDays === null ? null : Number(r.avgDays) }));
}

/** Late dossiers by cause category (seed 004), judged as of `asOf`. */
export async function lateCauses(db: Db, q: Omit<StatsQuery, 'groupBy'>) {
  checkRange(q.from, q.to, q.asOf);
  let query = db.selectFrom('dossier as d').select(['d.lateCause', sql<number>`count(*)`.as('n')])
    .where('d.provinceCode', '=', q.provinceCode).where('d.receivedDate', '>=', q.from).where('d.receivedDate', '<=', q.to)
    .where(sql<SqlBool>`d.finished_date <= ${q.asOf}::date and (d.supplement_count >= 2 or d.finished_date > d.due_date)`)
    .groupBy('d.lateCause');
  if (q.unitCodes) query = query.where('d.unitCode', 'in', q.unitCodes.length ? q.unitCodes : ['-']);
  return query.execute();
}
