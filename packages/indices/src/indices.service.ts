import {
  AppError,
  authorize,
  getUnitByCode,
  inTransaction,
  type Db,
  recordAudit,
  unitOrigins,
  type Actor,
  type AppServices,
  type RequestContext,
} from '@cchc/core';
import * as repo from './indices.repository';
import type { IndexCode } from './indices.tables';
import { INDEX_LABELS } from './scheme.catalogue';
import { parseIndexTable, readTable, validateRecord, type ImportFormat, type RowError } from './import.parse';
import { ProvinceMatcher, provinceKey } from './province-match';
import { competitionRanks, componentGaps, mean, totalFromComponents, whatIf, type FieldEntry } from './indices.domain';
import { regionOf } from './regions';

/** Results up to 2024 belong to the 63 old provinces; from 2025 to the 34 new ones. */
export const dateForYear = (year: number) => (year <= 2024 ? '2025-06-30' : `${year}-12-31`);

// ---- results ------------------------------------------------------------------------------------

export interface ResultView {
  provinceCode: string;
  provinceName: string;
  isOldProvince: boolean;
  year: number;
  value: number | null;
  rank: number | null;
  rankComputed: number | null;
  rankMismatch: boolean;
  /** False while the year's field is incomplete: the recomputed rank is then only among the provinces entered. */
  rankCheckable: boolean;
  components: Record<string, number>;
  source: string;
}

function present(rows: repo.ResultRow[]): ResultView[] {
  const byYear = new Map<number, repo.ResultRow[]>();
  for (const r of rows) byYear.set(r.year, [...(byYear.get(r.year) ?? []), r]);
  const ranks = new Map<number, Map<string, number>>();
  for (const [year, rs] of byYear) ranks.set(year, competitionRanks(rs.map((r) => ({ key: String(r.unitId), value: r.value }))));
  // A published rank can be checked only against the whole country's field (63 provinces to 2024, 34 after).
  const complete = (year: number) => (byYear.get(year)?.length ?? 0) >= (year <= 2024 ? 63 : 34);
  return rows.map((r) => {
    const rankComputed = ranks.get(r.year)?.get(String(r.unitId)) ?? null;
    return {
      provinceCode: r.provinceCode,
      provinceName: r.provinceName,
      isOldProvince: r.validTo !== null,
      year: r.year,
      value: r.value,
      rank: r.rank,
      rankComputed,
      rankMismatch: complete(r.year) && r.rank !== null && rankComputed !== null && r.rank !== rankComputed,
      rankCheckable: complete(r.year),
      components: r.components,
      source: r.source,
    };
  });
}

export async function listResults(s: AppServices, actor: Actor, index: IndexCode, year?: number): Promise<ResultView[]> {
  authorize(actor, 'index_result.read');
  // Ranks are recomputed among the whole field of a year, so always load whole years.
  return present(await repo.listResults(s.db, { index, year }));
}

export interface ImportInput {
  index: IndexCode;
  format: ImportFormat;
  filename: string;
  data: Buffer;
}

export interface ImportOutcome {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  unmatched: string[];
  errors: RowError[];
  fileError: string | null;
}

export async function importResults(s: AppServices, ctx: RequestContext, actor: Actor, input: ImportInput): Promise<ImportOutcome> {
  authorize(actor, 'index_result.import');
  return runImport(s.db, ctx, actor.userId, input);
}

/** The import itself, also used to load the published PAPI file into the demo province. */
export async function runImport(db: Db, ctx: RequestContext, userId: number | null, input: ImportInput): Promise<ImportOutcome> {
  if (!input.data.length) throw new AppError('EMPTY_FILE', 'Tệp rỗng: không có nội dung để nhập.');
  let table: string[][];
  try {
    table = await readTable(input.data, input.filename);
  } catch (err) {
    throw new AppError('UNREADABLE_FILE', `Không đọc được tệp "${input.filename}": ${(err as Error).message}`);
  }
  const parsed = parseIndexTable(table, input.index, input.format);
  const outcome: ImportOutcome = {
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    unmatched: [],
    errors: [...parsed.errors],
    fileError: parsed.fileError,
  };
  if (parsed.fileError) {
    outcome.rejected = parsed.dataRows;
    outcome.errors = [{ row: 1, field: 'file', message: parsed.fileError }];
    return outcome;
  }
  const rejectedRows = new Set(parsed.errors.map((e) => e.row));
  const aliasMap = await repo.aliases(db);
  const matchers = new Map<string, ProvinceMatcher>();
  const matcherFor = async (year: number) => {
    const date = dateForYear(year);
    if (!matchers.has(date)) matchers.set(date, new ProvinceMatcher(await repo.provincesAt(db, date), aliasMap));
    return matchers.get(date)!;
  };
  const schemes = new Map<number, Awaited<ReturnType<typeof schemeWithComponents>>>();
  const schemeFor = async (year: number) => {
    if (!schemes.has(year)) schemes.set(year, await schemeWithComponents(db, input.index, year));
    return schemes.get(year);
  };

  type Ready = { rec: (typeof parsed.records)[number]; unitId: number };
  const ready: Ready[] = [];
  const seen = new Map<string, Ready>();
  const unmatched = new Set<string>();
  for (const rec of parsed.records) {
    const unit = (await matcherFor(rec.year)).match(rec.province);
    if (!unit) {
      unmatched.add(rec.province);
      for (const row of rec.rows) {
        outcome.errors.push({
          row,
          field: 'province',
          message: `Dòng ${row}: không khớp được tên tỉnh "${rec.province}" với đơn vị nào năm ${rec.year}; hãy chọn tỉnh tương ứng rồi nhập lại.`,
        });
        rejectedRows.add(row);
      }
      continue;
    }
    const errs = validateRecord(rec, await schemeFor(rec.year), INDEX_LABELS[input.index]);
    const dupKey = `${rec.year}|${unit.id}`;
    const dup = seen.get(dupKey);
    if (dup) {
      errs.push({
        row: rec.rows[0]!,
        field: 'province',
        message: `Dòng ${rec.rows[0]}: "${rec.province}" năm ${rec.year} đã có ở dòng ${dup.rec.rows[0]} ("${dup.rec.province}"); một tỉnh chỉ có một giá trị mỗi năm, cả hai dòng bị loại.`,
      });
      ready.splice(ready.indexOf(dup), 1);
      for (const row of dup.rec.rows) rejectedRows.add(row);
    }
    if (errs.length) {
      outcome.errors.push(...errs);
      for (const row of rec.rows) rejectedRows.add(row);
      continue;
    }
    const item = { rec, unitId: unit.id };
    seen.set(dupKey, item);
    if (!dup) ready.push(item);
  }
  outcome.unmatched = [...unmatched];
  outcome.rejected = rejectedRows.size;

  await inTransaction(db, async (tx) => {
    for (const { rec, unitId } of ready) {
      const existing = await repo.findResult(tx, input.index, rec.year, unitId);
      const next = {
        index: input.index,
        year: rec.year,
        unitId,
        value: rec.value,
        rank: rec.rank,
        source: rec.source ?? existing?.source ?? `Tệp ${input.filename}`,
        components: rec.components,
        userId: userId,
      };
      if (existing && sameResult(existing, next)) {
        outcome.unchanged++;
        continue;
      }
      await repo.upsertResult(tx, next, existing?.id);
      if (existing) {
        outcome.updated++;
        await recordAudit(tx, ctx, 'index_result.update', {
          entityType: 'index_result',
          entityId: existing.id,
          unitId,
          before: { value: existing.value, rank: existing.rank, components: existing.components, source: existing.source },
          after: { value: next.value, rank: next.rank, components: next.components, source: next.source, file: input.filename },
        });
      } else outcome.inserted++;
    }
    await recordAudit(tx, ctx, 'index_result.import', {
      entityType: 'index_result_import',
      entityId: `${input.index}:${input.filename}`,
      after: {
        index: input.index,
        format: input.format,
        file: input.filename,
        inserted: outcome.inserted,
        updated: outcome.updated,
        unchanged: outcome.unchanged,
        rejected: outcome.rejected,
      },
    });
  });
  outcome.errors.sort((a, b) => a.row - b.row);
  return outcome;
}

function sameResult(
  a: repo.ResultRow,
  b: { value: number | null; rank: number | null; source: string; components: Record<string, number> },
): boolean {
  const ka = Object.keys(a.components).sort();
  const kb = Object.keys(b.components).sort();
  return (
    a.value === b.value &&
    a.rank === b.rank &&
    a.source === b.source &&
    ka.join() === kb.join() &&
    ka.every((k) => Math.abs(a.components[k]! - b.components[k]!) < 1e-9)
  );
}

async function schemeWithComponents(db: Db, index: IndexCode, year: number) {
  const scheme = await repo.schemeForYear(db, index, year);
  if (!scheme) return undefined;
  return { ...scheme, components: await repo.components(db, scheme.id) };
}

/** Remembers that a published name means a province, so the next import matches it. */
export async function resolveAlias(
  s: AppServices,
  ctx: RequestContext,
  actor: Actor,
  input: { name: string; provinceCode: string; year: number },
) {
  authorize(actor, 'index_result.import');
  const unit = await getUnitByCode(s, input.provinceCode, dateForYear(input.year));
  if (unit.type !== 'province') throw new AppError('NOT_A_PROVINCE', `Mã ${input.provinceCode} không phải một tỉnh, thành phố.`);
  const aliasKey = provinceKey(input.name);
  await s.db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('provinceAlias').selectAll().where('aliasKey', '=', aliasKey).executeTakeFirst();
    await tx
      .insertInto('provinceAlias')
      .values({ aliasKey, unitId: unit.id, createdBy: actor.userId })
      .onConflict((oc) => oc.column('aliasKey').doUpdateSet({ unitId: unit.id, createdBy: actor.userId }))
      .execute();
    await recordAudit(tx, ctx, 'province_alias.update', {
      entityType: 'province_alias',
      entityId: aliasKey,
      before,
      after: { aliasKey, unitId: unit.id, name: input.name },
    });
  });
  return { name: input.name, provinceCode: unit.code, provinceName: unit.name };
}

/** Manual entry of one official figure, with its source. */
export async function saveResult(
  s: AppServices,
  ctx: RequestContext,
  actor: Actor,
  input: {
    index: IndexCode;
    year: number;
    provinceCode: string;
    value: number | null;
    rank: number | null;
    components: Record<string, number>;
    source: string;
  },
): Promise<ResultView> {
  authorize(actor, 'index_result.update');
  const unit = await getUnitByCode(s, input.provinceCode, dateForYear(input.year));
  if (unit.type !== 'province')
    throw new AppError('NOT_A_PROVINCE', `Mã ${input.provinceCode} không phải một tỉnh, thành phố năm ${input.year}.`);
  const scheme = await schemeWithComponents(s.db, input.index, input.year);
  const errs = validateRecord(
    {
      rows: [1],
      year: input.year,
      province: unit.name,
      value: input.value,
      rank: input.rank,
      components: input.components,
      source: input.source,
    },
    scheme,
    INDEX_LABELS[input.index],
  );
  if (errs.length)
    throw new AppError('INVALID_RESULT', errs.map((e) => e.message.replace(/^Dòng 1: /, '')).join(' '), 400, { errors: errs });
  await s.db.transaction().execute(async (tx) => {
    const existing = await repo.findResult(tx, input.index, input.year, unit.id);
    const next = { ...input, index: input.index, unitId: unit.id, userId: actor.userId };
    await repo.upsertResult(tx, next, existing?.id);
    await recordAudit(tx, ctx, existing ? 'index_result.update' : 'index_result.create', {
      entityType: 'index_result',
      entityId: `${input.index}:${input.year}:${unit.code}`,
      unitId: unit.id,
      before: existing ? { value: existing.value, rank: existing.rank, components: existing.components, source: existing.source } : null,
      after: { value: input.value, rank: input.rank, components: input.components, source: input.source },
    });
  });
  const all = present(await repo.listResults(s.db, { index: input.index, year: input.year }));
  return all.find((r) => r.provinceCode === unit.code)!;
}

// ---- analysis -----------------------------------------------------------------------------------

export interface Subject {
  key: string;
  provinceCode: string;
  name: string;
  derived: boolean;
  value: number | null;
  rank: number | null;
  components: Record<string, number>;
}

/**
 * The province as it stood in `year`: itself when it existed then, or for a merged province the old
 * provinces it came from, plus their simple average clearly marked as derived.
 */
async function subjectsFor(
  s: AppServices,
  provinceCode: string,
  year: number,
  results: ResultView[],
): Promise<{ parts: Subject[]; main: Subject | null }> {
  const today = await getUnitByCode(s, provinceCode);
  const origins = year <= 2024 ? (await unitOrigins(s, provinceCode)).filter((u) => u.type === 'province').map((u) => u.code) : [];
  const codes = origins.length ? origins : [today.code];
  const parts: Subject[] = results
    .filter((r) => codes.includes(r.provinceCode))
    .map((r) => ({
      key: r.provinceCode,
      provinceCode: r.provinceCode,
      name: r.provinceName,
      derived: false,
      value: r.value,
      rank: r.rank ?? r.rankComputed,
      components: r.components,
    }));
  if (parts.length <= 1) return { parts, main: parts[0] ?? null };
  const compCodes = [...new Set(parts.flatMap((p) => Object.keys(p.components)))];
  const avg: Subject = {
    key: 'derived',
    provinceCode: today.code,
    name: `${today.name} (trung bình cộng ${parts.length} tỉnh cũ – số liệu suy ra)`,
    derived: true,
    value: mean(parts.map((p) => p.value).filter((v): v is number => v !== null)),
    rank: null,
    components: Object.fromEntries(
      compCodes.map((c) => [c, mean(parts.map((p) => p.components[c]).filter((v): v is number => v !== undefined))!]),
    ),
  };
  return { parts, main: avg };
}

/** A task protecting a component, as the directives module publishes it (metric `tasks.byIndexComponent`). */
export interface LinkedTask {
  id: string;
  label: string;
  status: string;
  statusLabel: string;
  unitName: string;
  link: string;
}

/** Per component: how many tasks protect it, how many are overdue or done, and the few to show (overdue first). */
export interface LinkedTasks {
  linked: number;
  overdue: number;
  done: number;
  items: LinkedTask[];
}

export type LinkedTasksProvider = (actor: Actor, index: IndexCode) => Promise<Map<string, LinkedTasks>>;

const LINKED_METRIC = 'tasks.byIndexComponent';

/**
 * The tasks protecting each component, read from the metrics registry: nothing when no module publishes
 * them (the directives module is not installed) or the caller may not read them.
 */
export const linkedTasksFromMetrics =
  (s: AppServices): LinkedTasksProvider =>
  async (actor, index) => {
    if (!s.metrics.canRead(actor, LINKED_METRIC)) return new Map();
    const points = await s.metrics.read(s, actor, LINKED_METRIC, { from: '1900-01-01', to: '2099-12-31', of: index });
    return new Map(
      points.map((p) => [
        p.key,
        {
          linked: p.value ?? 0,
          overdue: p.parts?.overdue ?? 0,
          done: p.parts?.done ?? 0,
          items: (p.items ?? []).map((i) => ({
            id: i.id,
            label: i.label,
            status: i.status ?? '',
            statusLabel: i.statusLabel ?? '',
            unitName: i.unitName ?? '',
            link: i.link,
          })),
        },
      ]),
    );
  };

export async function analysis(
  s: AppServices,
  actor: Actor,
  q: { index: IndexCode; year: number; provinceCode: string; subject?: string; peers?: string[] },
  linkedTasks?: LinkedTasksProvider,
) {
  authorize(actor, 'index_result.read');
  const scheme = await schemeWithComponents(s.db, q.index, q.year);
  const results = present(await repo.listResults(s.db, { index: q.index, year: q.year }));
  const previous = present(await repo.listResults(s.db, { index: q.index, year: q.year - 1 }));
  const { parts, main: defaultMain } = await subjectsFor(s, q.provinceCode, q.year, results);
  const main = (q.subject && parts.find((p) => p.provinceCode === q.subject)) || defaultMain;
  const top = (scheme?.components ?? []).filter((c) => !c.parentCode);
  const field: FieldEntry[] = results.map((r) => ({ key: r.provinceCode, value: r.value, components: r.components }));
  const formerParts = parts.map((p) => p.provinceCode);
  const region = regionOf(parts[0]?.provinceCode ?? q.provinceCode);
  const regionCodes = region ? results.map((r) => r.provinceCode).filter((c) => regionOf(c)?.key === region.key) : [];
  const peers = q.peers?.length ? q.peers : regionCodes;
  // Without the province's own result (a year it has none) the field's figures still show, with no gap.
  const gaps = componentGaps(
    main?.components ?? {},
    field,
    top.map((c) => c.code),
    main ? peers.filter((p) => p !== main.provinceCode || main.derived) : peers,
  );
  const values = results.map((r) => r.value).filter((v): v is number => v !== null);
  const links = linkedTasks ? await linkedTasks(actor, q.index) : new Map<string, LinkedTasks>();
  const prevOf = (code: string) => previous.find((p) => p.provinceCode === code);
  const mainPrev = main
    ? main.derived
      ? mean(parts.map((p) => prevOf(p.provinceCode)?.value).filter((v): v is number => v != null))
      : (prevOf(main.provinceCode)?.value ?? null)
    : null;
  return {
    index: q.index,
    year: q.year,
    scheme: scheme
      ? {
          id: scheme.id,
          name: scheme.name,
          decision: scheme.decision,
          totalMin: scheme.totalMin,
          totalMax: scheme.totalMax,
          unit: scheme.unit,
          isExample: scheme.isExample,
        }
      : null,
    fieldSize: values.length,
    best: values.length ? Math.max(...values) : null,
    median: values.length ? [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]! : null,
    parts: parts.map((p) => ({ ...p, previousValue: prevOf(p.provinceCode)?.value ?? null })),
    main: main
      ? { ...main, previousValue: mainPrev, change: main.value !== null && mainPrev !== null ? main.value - mainPrev : null }
      : null,
    peerGroups: { formerParts, region: region ? { name: region.name, codes: regionCodes } : null, used: peers },
    components: top.map((c, i) => {
      const linked = links.get(c.code) ?? { linked: 0, overdue: 0, done: 0, items: [] };
      return {
        name: c.name,
        maxPoints: c.maxPoints,
        ...gaps[i]!,
        code: c.code,
        tasks: linked,
      };
    }),
  };
}

/** The province's value and rank per year, through the merger. */
export async function trend(s: AppServices, actor: Actor, q: { index: IndexCode; provinceCode: string }) {
  authorize(actor, 'index_result.read');
  const all = present(await repo.listResults(s.db, { index: q.index }));
  const years = [...new Set(all.map((r) => r.year))].sort();
  const series: { year: number; parts: Subject[]; main: Subject | null; fieldSize: number; median: number | null }[] = [];
  for (const year of years) {
    const rs = all.filter((r) => r.year === year);
    const { parts, main } = await subjectsFor(s, q.provinceCode, year, rs);
    const vals = rs
      .map((r) => r.value)
      .filter((v): v is number => v !== null)
      .sort((a, b) => a - b);
    series.push({ year, parts, main, fieldSize: vals.length, median: vals.length ? vals[Math.floor((vals.length - 1) / 2)]! : null });
  }
  return series;
}

export async function whatIfFor(
  s: AppServices,
  actor: Actor,
  q: { index: IndexCode; year: number; provinceCode: string; targets: Record<string, number> },
) {
  authorize(actor, 'index_result.read');
  const scheme = await schemeWithComponents(s.db, q.index, q.year);
  if (!scheme) throw new AppError('NO_SCHEME', `Chưa có phương pháp ${INDEX_LABELS[q.index]} cho năm ${q.year}.`);
  const results = present(await repo.listResults(s.db, { index: q.index, year: q.year }));
  const { main, parts } = await subjectsFor(s, q.provinceCode, q.year, results);
  if (!main) throw new AppError('NO_RESULT', `Chưa có kết quả ${INDEX_LABELS[q.index]} năm ${q.year} của tỉnh ${q.provinceCode}.`, 404);
  const top = scheme.components.filter((c) => !c.parentCode).map((c) => c.code);
  for (const [code, v] of Object.entries(q.targets)) {
    const c = scheme.components.find((x) => x.code === code && !x.parentCode);
    if (!c) throw new AppError('UNKNOWN_COMPONENT', `Thành phần "${code}" không có trong phương pháp ${scheme.name}.`);
    if (v < (c.minPoints ?? 0) || (c.maxPoints !== null && v > c.maxPoints)) {
      throw new AppError('OUT_OF_SCALE', `Giá trị ${v} cho ${code} nằm ngoài thang ${c.minPoints ?? 0}–${c.maxPoints ?? '…'}.`);
    }
  }
  // A merged province competes as one: its former parts leave the field.
  const field = results
    .filter((r) => !(main.derived && parts.some((p) => p.provinceCode === r.provinceCode)))
    .map((r) => ({ key: r.provinceCode, value: r.value, components: r.components }));
  const key = main.derived ? '__derived__' : main.provinceCode;
  const res = whatIf(scheme.totalRule, top, key, main.components, q.targets, field);
  const computable = totalFromComponents(scheme.totalRule, main.components, top) !== null;
  return { ...res, subject: main.name, derived: main.derived, computable, rule: scheme.totalRule };
}
