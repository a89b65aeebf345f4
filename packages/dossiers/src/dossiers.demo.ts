import { Readable } from 'node:stream';
import { loadWorkingCalendar, toLocalParts, type AppServices, type DemoSeeder } from '@cchc/core';
import { runDossierImport } from './dossier.import';
import { generateDossierCsv } from './dossiers.generate';

export const DEMO_DOSSIERS = 20_000;

/** A year of generated dossiers for the demo province, imported through the real import. */
export const dossiersDemo: DemoSeeder = async (db, provinceCode) => {
  const calendar = await loadWorkingCalendar(db);
  const today = toLocalParts(new Date()).date;
  const units = (await db.selectFrom('unit as u').innerJoin('unit as p', 'p.id', 'u.parentId').select('u.code')
    .where('p.code', '=', provinceCode).where('p.type', '=', 'province').where('u.validTo', 'is', null).execute()).map((u) => u.code);
  const services = { db, provinceCode, calendar: () => calendar, today: () => today, now: () => new Date() } as unknown as AppServices;
  const csv = generateDossierCsv(calendar, { count: DEMO_DOSSIERS, units, year: Number(today.slice(0, 4)), today });
  const outcome = await runDossierImport(services, { actor: null, ip: null, requestId: 'demo-seed' }, null, {
    filename: 'demo-ho-so.csv', stream: Readable.from((function* () { for (const l of csv) yield l + '\n'; })()),
  });
  if (outcome.rejected || outcome.errorsTotal || !outcome.inserted) throw new Error(`demo dossiers rejected: ${JSON.stringify(outcome.errors.slice(0, 3))}`);
};
