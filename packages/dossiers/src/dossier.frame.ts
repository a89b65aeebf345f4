/**
 * The dossiers as a survey's sampling frame (core's DossierFrame seam): the people served in a period are
 * the dossiers received in it and ended by the report date — the "resolved" of the dossier statistics.
 */
import { sql, type SqlBool } from 'kysely';
import type { DossierFrame, FrameQuery } from '@cchc/core';
import type { Db } from '@cchc/core';
import { anyOf, checkRange } from './dossier.stats';

const resolvedIn = (db: Db, provinceCode: string, q: FrameQuery) => {
  checkRange(q.from, q.to, q.asOf);
  return db
    .selectFrom('dossier as d')
    .where('d.provinceCode', '=', provinceCode)
    .where('d.receivedDate', '>=', q.from)
    .where('d.receivedDate', '<=', q.to)
    .where('d.unitCode', 'in', anyOf([...q.unitCodes]))
    .where(sql<SqlBool>`d.finished_date is not null and d.finished_date <= ${q.asOf}::date`);
};

export const dossierFrame: DossierFrame = {
  async population(s, q) {
    const rows = await resolvedIn(s.db, s.provinceCode, q)
      .select(['d.unitCode', sql<number>`count(*)::int`.as('resolved'), sql<number>`count(d.applicant_key)::int`.as('reachable')])
      .groupBy('d.unitCode')
      .execute();
    return new Map(rows.map((r) => [r.unitCode, { resolved: Number(r.resolved), reachable: Number(r.reachable) }]));
  },
  async rows(s, q) {
    const rows = await resolvedIn(s.db, s.provinceCode, q)
      .select(['d.id', 'd.code', 'd.unitCode', 'd.procedureCode', 'd.finishedDate', 'd.applicantKey'])
      .orderBy('d.unitCode')
      .orderBy('d.code')
      .execute();
    return rows.map((r) => ({
      id: Number(r.id),
      code: r.code,
      unitCode: r.unitCode,
      procedureCode: r.procedureCode,
      sector: r.procedureCode.split('.')[0] ?? '',
      finishedDate: String(r.finishedDate),
      applicantKey: r.applicantKey,
    }));
  },
};
