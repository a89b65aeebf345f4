import { Readable } from 'node:stream';
import { demoHistoryStart, systemContext, type DemoSeeder } from '@cchc/core';
import { runDossierImport } from './dossier.import';
import { generateDossierCsv } from './dossiers.generate';

/** A year of the demo province's dossiers (CCHC_DEMO_DOSSIERS changes it: the tests' template uses fewer). */
export const DEMO_DOSSIERS = 20_000;

/** A year of generated dossiers for the demo province (and last year's too before April), through the real import. */
export const dossiersDemo: DemoSeeder = async (services) => {
  const { db, provinceCode } = services;
  const calendar = services.calendar();
  const today = services.today();
  const units = (
    await db
      .selectFrom('unit as u')
      .innerJoin('unit as p', 'p.id', 'u.parentId')
      .select('u.code')
      .where('p.code', '=', provinceCode)
      .where('p.type', '=', 'province')
      .where('u.validTo', 'is', null)
      .execute()
  ).map((u) => u.code);
  const csv = generateDossierCsv(calendar, {
    count: Number(process.env.CCHC_DEMO_DOSSIERS ?? DEMO_DOSSIERS),
    units,
    year: Number(today.slice(0, 4)),
    from: demoHistoryStart(today),
    today,
  });
  const outcome = await runDossierImport(services, systemContext('demo-seed'), null, {
    filename: 'demo-ho-so.csv',
    stream: Readable.from(
      (function* () {
        for (const l of csv) yield l + '\n';
      })(),
    ),
  });
  if (outcome.rejected || outcome.errorsTotal || !outcome.inserted)
    throw new Error(`demo dossiers rejected: ${JSON.stringify(outcome.errors.slice(0, 3))}`);
};
