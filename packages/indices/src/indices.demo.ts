import fs from 'node:fs';
import path from 'node:path';
import { referenceDataDir, systemContext, type DemoSeeder } from '@cchc/core';
import { runImport, type ImportOutcome } from './indices.service';

function check(o: ImportOutcome) {
  if (o.rejected || o.fileError) throw new Error(`demo index import rejected rows: ${JSON.stringify(o.errors.slice(0, 3))}`);
}

const SYSTEM = systemContext('demo-seed');

/**
 * Demo results: the published PAPI 2018–2022 table (real data, imported through the same path as a
 * user's file), and the PAR INDEX and SIPAS figures the seed directives quote, with their source.
 */
export const indicesDemo: DemoSeeder = async ({ db }) => {
  const file = path.join(referenceDataDir(), 'papi', 'papi_provinces_2018_2022.csv');
  check(
    await runImport(db, SYSTEM, null, {
      index: 'PAPI',
      format: 'papi-provinces',
      filename: path.basename(file),
      data: fs.readFileSync(file),
    }),
  );
  const long = [
    'year,index,province,component,value,rank,source',
    '2021,PAR_INDEX,Vĩnh Long,,82.82,58,"Chỉ thị của Chủ tịch UBND tỉnh Vĩnh Long về CCHC (seed 000): PAR INDEX 2021 đạt 82,82 %, thứ 58/63"',
    '2021,SIPAS,Vĩnh Long,,86.96,33,"Chỉ thị của Chủ tịch UBND tỉnh Vĩnh Long về CCHC (seed 000): SIPAS 2021 đạt 86,96 %, thứ 33/63"',
    '2021,SIPAS,Lai Châu,,86.81,37,"Chỉ thị 08/CT-UBND tỉnh Lai Châu (seed 002): SIPAS 2021 đạt 86,81 %, thứ 37/63"',
  ];
  for (const index of ['PAR_INDEX', 'SIPAS'] as const) {
    const rows = long.filter((l, i) => i === 0 || l.includes(`,${index},`));
    check(
      await runImport(db, SYSTEM, null, { index, format: 'long', filename: 'so-lieu-tu-chi-thi.csv', data: Buffer.from(rows.join('\n')) }),
    );
  }
};
