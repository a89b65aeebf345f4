/**
 * `npm run bench` (part 3): the internal index at a province's scale on PGlite, through the real server.
 * A round of 140 communes × 80 scored criteria (74 self-scored with four stages of scores, 3 computed
 * from dossier and task metrics, a survey, bonus and penalty) over BENCH_ASSESSMENT_DOSSIERS dossiers
 * (default 1,000,000): the results (which recompute the computed criteria for every unit from the
 * metrics registry) and the XLSX export, p50/p95 over 10 calls after 2 warm-up calls. Targets: results
 * and XLSX under 1 s; recomputing the computed criteria for all units under 10 s.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadWorkingCalendar, openDatabase } from '@cchc/core';
import { generateDossierCsv } from '@cchc/dossiers';
import { login, percentile, startServer, timeIt } from './server';

const PROVINCE = '86';
const UNITS = 140;
const DOSSIERS = Number(process.env.BENCH_ASSESSMENT_DOSSIERS ?? 1_000_000);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** 8 content areas × 10 criteria: 74 self-scored, 3 computed, a survey, a bonus, a penalty. */
function frameworkCsv(): string {
  const lines = ['ma,noi_dung,diem_toi_da,cach_cham,du_lieu,thang_diem,minh_chung'];
  const computed: Record<string, [string, string]> = {
    '1.10': ['tasks.onTimeRate', '>=100:1;>=80:0,5;0'],
    '3.9': ['dossiers.onTimeRate', '>=98:1;>=90:0,5;0'],
    '3.10': ['dossiers.apologyCompliance', '>=100:1;>=80:0,5;0'],
  };
  for (let a = 1; a <= 8; a++) {
    lines.push(`${a},Nội dung ${a},10,,,,`);
    for (let c = 1; c <= 10; c++) {
      const code = `${a}.${c}`;
      const method = computed[code]
        ? 'du_lieu'
        : a === 8 && c === 8
          ? 'khao_sat'
          : a === 8 && c === 9
            ? 'thuong'
            : a === 8 && c === 10
              ? 'tru'
              : 'tu_cham';
      lines.push(
        `${code},Tiêu chí ${code},1,${method},${computed[code]?.[0] ?? ''},"${computed[code]?.[1] ?? ''}",${method === 'tu_cham' ? 1 : ''}`,
      );
    }
  }
  return lines.join('\n');
}

async function timeCalls(n: number, call: () => Promise<unknown>) {
  for (let i = 0; i < 2; i++) await call();
  const ms: number[] = [];
  for (let i = 0; i < n; i++) ms.push((await timeIt(call))[1]);
  return { p50: percentile(ms, 50), p95: percentile(ms, 95) };
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cchc-bench-assessment-'));
const file = path.join(os.tmpdir(), `cchc-bench-assessment-${process.pid}.csv`);
console.log(`\n== Internal index: ${UNITS} communes × 80 criteria, ${fmt(DOSSIERS)} dossiers (PGlite) ==`);
try {
  await (await startServer({ DATA_DIR: dataDir })).stop();
  // The demo province has 124 communes: 16 more, then a year of dossiers over all of them.
  let db = await openDatabase({ dataDir });
  const province = await db.db
    .selectFrom('unit')
    .select('id')
    .where('code', '=', PROVINCE)
    .where('validTo', 'is', null)
    .executeTakeFirstOrThrow();
  const have = await db.db
    .selectFrom('unit')
    .select('code')
    .where('provinceCode', '=', PROVINCE)
    .where('type', 'in', ['commune', 'ward', 'special_zone'])
    .where('validTo', 'is', null)
    .execute();
  const extra = Array.from({ length: Math.max(0, UNITS - have.length) }, (_, i) => ({
    code: `${PROVINCE}.BX${String(i + 1).padStart(2, '0')}`,
    name: `Xã Thử nghiệm ${i + 1}`,
    shortName: null,
    type: 'commune',
    parentId: Number(province.id),
    provinceCode: PROVINCE,
    validFrom: '2025-07-01',
    validTo: null,
    source: 'bench',
    isLocal: true,
  }));
  if (extra.length) await db.db.insertInto('unit').values(extra).execute();
  const units = [...have.map((u) => u.code), ...extra.map((u) => u.code)];
  const cal = await loadWorkingCalendar(db.db);
  const [, genMs] = await timeIt(async () => {
    const out = fs.createWriteStream(file);
    for (const line of generateDossierCsv(cal, { count: DOSSIERS, units, year: 2026, today: '2026-12-31', seed: 11, codePrefix: 'A' }))
      if (!out.write(line + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
    await new Promise<void>((r) => out.end(() => r()));
  });
  console.log(`generate      ${fmt(DOSSIERS)} dossiers in ${(genMs / 1000).toFixed(1)} s`);
  await db.close();

  let server = await startServer({ DATA_DIR: dataDir });
  let headers = await login(server.url);
  const form = new FormData();
  form.append('file', await fs.openAsBlob(file), 'bench.csv');
  const [, importMs] = await timeIt(() =>
    fetch(`${server.url}/api/dossiers/imports`, { method: 'POST', body: form, headers }).then((r) => r.json()),
  );
  console.log(`import        ${fmt(DOSSIERS / (importMs / 1000))} rows/s through the API`);
  const fw = new FormData();
  fw.append('year', '2026');
  fw.append('unitGroup', 'commune');
  fw.append('name', 'Bộ tiêu chí đo tải');
  fw.append('file', new Blob([frameworkCsv()]), 'bo.csv');
  const framework = (await (
    await fetch(`${server.url}/api/assessment/frameworks/import`, { method: 'POST', body: fw, headers })
  ).json()) as {
    id: number;
    criteria: number;
    errors: unknown[];
  };
  if (!framework.id) throw new Error(`framework: ${JSON.stringify(framework.errors)}`);
  const round = (await (
    await fetch(`${server.url}/api/assessment/rounds`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({
        frameworkId: framework.id,
        deadlines: { selfEnd: '2026-12-10', appraisal1End: '2026-12-15', explanationEnd: '2026-12-20', appraisal2End: '2026-12-30' },
      }),
    })
  ).json()) as { id: number };
  await server.stop();

  // Every unit's sheet, final, with the four stages' scores on every self-scored, survey, bonus and penalty criterion.
  db = await openDatabase({ dataDir });
  const criteria = await db.db
    .selectFrom('assessmentCriterion')
    .select(['id', 'method'])
    .where('frameworkId', '=', framework.id)
    .where('method', 'is not', null)
    .execute();
  const unitRows = await db.db.selectFrom('unit').select('id').where('code', 'in', units).where('validTo', 'is', null).execute();
  const sheets = await db.db
    .insertInto('assessmentSheet')
    .values(unitRows.map((u) => ({ roundId: round.id, unitId: Number(u.id), state: 'final' as const, updatedAt: new Date() })))
    .returning('id')
    .execute();
  const scores = sheets.flatMap((sh, i) =>
    criteria
      .filter((c) => c.method !== 'du_lieu')
      .flatMap((c) =>
        (['self', 'appraisal1', 'appraisal2', 'final'] as const).map((stage) => ({
          sheetId: Number(sh.id),
          criterionId: Number(c.id),
          stage,
          score: ((i * 7 + Number(c.id)) % 5) / 4,
          note: null,
          scoredBy: null,
          scoredAt: new Date(),
        })),
      ),
  );
  for (let i = 0; i < scores.length; i += 2000)
    await db.db
      .insertInto('assessmentScore')
      .values(scores.slice(i, i + 2000))
      .execute();
  await db.close();
  console.log(`round         ${sheets.length} units × ${criteria.length} criteria, ${fmt(scores.length)} scores`);

  server = await startServer({ DATA_DIR: dataDir });
  try {
    headers = await login(server.url);
    const get = (url: string) =>
      fetch(`${server.url}${url}`, { headers }).then(async (r) => {
        if (!r.ok) throw new Error(`${url}: ${r.status}`);
        return r.arrayBuffer();
      });
    // The first call after a start (or after any change) recomputes every computed criterion from the dossiers.
    const [, cold] = await timeIt(() => get(`/api/assessment/rounds/${round.id}/results`));
    console.log(
      `recompute     results with the computed criteria of all ${sheets.length} units read from ${fmt(DOSSIERS)} dossiers: ${cold.toFixed(0)} ms (target < 10,000 ms)`,
    );
    const metric = await timeCalls(5, () => get('/api/metrics/dossiers.onTimeRate?from=2026-01-01&to=2026-12-31&byUnit=true'));
    console.log(
      `metric        dossiers.onTimeRate for every unit (kept until the next change): p50 ${metric.p50.toFixed(0)} ms, p95 ${metric.p95.toFixed(0)} ms`,
    );
    const results = await timeCalls(10, () => get(`/api/assessment/rounds/${round.id}/results`));
    console.log(
      `results       p50 ${results.p50.toFixed(0)} ms, p95 ${results.p95.toFixed(0)} ms (target < 1,000 ms; dossier figures kept until the next change)`,
    );
    const xlsx = await timeCalls(10, () => get(`/api/assessment/rounds/${round.id}/results.xlsx`));
    console.log(`results.xlsx  p50 ${xlsx.p50.toFixed(0)} ms, p95 ${xlsx.p95.toFixed(0)} ms (target < 1,000 ms)`);
    const analysis = await timeCalls(5, () => get(`/api/assessment/rounds/${round.id}/analysis`));
    console.log(`analysis      p50 ${analysis.p50.toFixed(0)} ms, p95 ${analysis.p95.toFixed(0)} ms`);
  } finally {
    await server.stop();
  }
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(file, { force: true });
}
