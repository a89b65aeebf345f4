/** National index results: listing, importing (all or nothing per file), aliases, manual entry. */
import {
  AppError,
  authorize,
  getUnitByCode,
  inTransaction,
  type Db,
  recordAudit,
  type Actor,
  type AppServices,
  type RequestContext,
} from '@cchc/core';
import * as repo from './indices.repository';
import type { IndexCode } from './indices.tables';
import { INDEX_LABELS } from './scheme.catalogue';
import { parseIndexTable, readTable, validateRecord, type ImportFormat, type RowError } from './import.parse';
import { ProvinceMatcher, provinceKey } from './province-match';
import { competitionRanks } from './indices.domain';

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

export function present(rows: repo.ResultRow[]): ResultView[] {
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

export async function schemeWithComponents(db: Db, index: IndexCode, year: number) {
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
