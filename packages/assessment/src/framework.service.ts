/** Frameworks (bộ tiêu chí) per year and unit group: import from XLSX/CSV, list, read as a tree, export, copy. */
import {
  AppError,
  formatDate,
  authorize,
  inTransaction,
  readTable,
  recordAudit,
  tablesToXlsx,
  type Actor,
  type AppServices,
  type RequestContext,
} from '@cchc/core';
import { METHODS, bandsText, parseFramework, type Bands } from './framework.domain';
import type { UnitGroup } from './assessment.tables';
import * as repo from './assessment.repository';

export interface FrameworkImport {
  year: number;
  unitGroup: UnitGroup;
  name: string;
  filename: string;
  data: Buffer;
}

/** All or nothing: the framework is saved only when no row has an error. */
export async function importFramework(
  s: AppServices,
  ctx: RequestContext,
  actor: Actor,
  input: FrameworkImport,
  opts: { isExample?: boolean } = {},
) {
  authorize(actor, 'assessment.manage');
  if (!input.data.length) throw new AppError('EMPTY_FILE', 'Tệp rỗng: không có nội dung để nhập.');
  const parsed = parseFramework(await readTable(input.data, input.filename), (k) => s.metrics.has(k));
  if (parsed.errors.length) return { id: null, criteria: parsed.scored, maxTotal: parsed.maxTotal, errors: parsed.errors };
  if (!parsed.criteria.length) throw new AppError('EMPTY_FRAMEWORK', `Tệp "${input.filename}" không có tiêu chí nào.`);
  const id = await inTransaction(s.db, async (tx) => {
    const id = await repo.insertFramework(
      tx,
      {
        provinceCode: s.provinceCode,
        year: input.year,
        unitGroup: input.unitGroup,
        name: input.name,
        maxTotal: parsed.maxTotal,
        isExample: !!opts.isExample,
        createdBy: actor.userId || null,
      },
      parsed.criteria,
    );
    await recordAudit(tx, ctx, 'assessment.framework.import', {
      entityType: 'assessment_framework',
      entityId: id,
      after: { year: input.year, unitGroup: input.unitGroup, name: input.name, criteria: parsed.criteria.length, file: input.filename },
    });
    return id;
  });
  return { id, criteria: parsed.scored, maxTotal: parsed.maxTotal, errors: [] };
}

export async function listFrameworks(s: AppServices, actor: Actor, year?: number) {
  authorize(actor, 'assessment.read');
  return (await repo.listFrameworks(s.db, s.provinceCode, year)).map((f) => ({ ...f, id: Number(f.id), criteria: Number(f.criteria) }));
}

export async function getFramework(s: AppServices, actor: Actor, id: number) {
  authorize(actor, 'assessment.read');
  const f = await repo.findFramework(s.db, s.provinceCode, id);
  if (!f) throw new AppError('NOT_FOUND', `Không có bộ tiêu chí số ${id}.`, 404);
  const criteria = await repo.criteriaOf(s.db, id);
  return {
    id: Number(f.id),
    year: f.year,
    unitGroup: f.unitGroup,
    name: f.name,
    isExample: f.isExample,
    maxTotal: Number(f.maxTotal),
    validFrom: f.validFrom,
    validTo: f.validTo,
    criteria: criteria.map((c) => ({
      id: Number(c.id),
      code: c.code,
      parentCode: c.parentCode,
      level: c.level,
      content: c.content,
      maxPoints: Number(c.maxPoints),
      method: c.method,
      methodLabel: c.method ? METHODS[c.method] : null,
      metricKey: c.metricKey,
      bands: bandsText(c.bands as Bands | null) || null,
      evidenceRequired: c.evidenceRequired,
    })),
  };
}

/** The framework in the import layout (so it can be corrected and imported again). */
export async function exportFramework(s: AppServices, actor: Actor, id: number) {
  const f = await getFramework(s, actor, id);
  const data = await tablesToXlsx([
    {
      name: 'Bộ tiêu chí',
      columns: [
        { header: 'ma', key: 'code', width: 10 },
        { header: 'noi_dung', key: 'content', width: 80 },
        { header: 'diem_toi_da', key: 'maxPoints', width: 12 },
        { header: 'cach_cham', key: 'method', width: 12 },
        { header: 'du_lieu', key: 'metricKey', width: 26 },
        { header: 'thang_diem', key: 'bands', width: 26 },
        { header: 'minh_chung', key: 'evidence', width: 12 },
      ],
      rows: f.criteria.map((c) => ({ ...c, evidence: c.evidenceRequired ? 1 : '' })),
    },
  ]);
  return { filename: `bo-tieu-chi-${f.year}-${f.unitGroup}-${f.id}.xlsx`, data };
}

/** A framework copied into another year (the usual start of a year's work: last year's, then corrected). */
export async function copyFramework(
  s: AppServices,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: { year: number; name?: string; validFrom?: string },
) {
  authorize(actor, 'assessment.manage');
  const f = await repo.findFramework(s.db, s.provinceCode, id);
  if (!f) throw new AppError('NOT_FOUND', `Không có bộ tiêu chí số ${id}.`, 404);
  // Re-issued within its year: the new version applies from `validFrom`, the old one until the day before.
  const reissue = input.year === f.year;
  if (reissue && !input.validFrom)
    throw new AppError('VALID_FROM_REQUIRED', 'Bản mới trong cùng năm cần ngày áp dụng (validFrom): bản cũ áp dụng đến ngày trước đó.');
  if (input.validFrom && !input.validFrom.startsWith(String(input.year)))
    throw new AppError('VALID_FROM_YEAR', `Ngày áp dụng ${formatDate(input.validFrom)} không thuộc năm ${input.year}.`);
  const criteria = await repo.criteriaOf(s.db, id);
  const name = input.name ?? f.name.replace(String(f.year), String(input.year));
  return inTransaction(s.db, async (tx) => {
    const newId = await repo.insertFramework(
      tx,
      {
        provinceCode: s.provinceCode,
        year: input.year,
        unitGroup: f.unitGroup,
        name,
        maxTotal: Number(f.maxTotal),
        isExample: f.isExample,
        createdBy: actor.userId || null,
        ...(input.validFrom ? { validFrom: input.validFrom } : {}),
      },
      criteria.map((c) => ({
        code: c.code,
        parentCode: c.parentCode,
        level: c.level,
        sortOrder: c.sortOrder,
        content: c.content,
        maxPoints: Number(c.maxPoints),
        method: c.method,
        metricKey: c.metricKey,
        bands: c.bands as Bands | null,
        evidenceRequired: c.evidenceRequired,
      })),
    );
    if (reissue) {
      const dayBefore = new Date(Date.parse(`${input.validFrom}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      await tx.updateTable('assessmentFramework').set({ validTo: dayBefore }).where('id', '=', id).execute();
    }
    await recordAudit(tx, ctx, reissue ? 'assessment.framework.reissue' : 'assessment.framework.copy', {
      entityType: 'assessment_framework',
      entityId: newId,
      before: { from: id, year: f.year },
      after: { year: input.year, name, validFrom: input.validFrom ?? null },
    });
    return { id: newId };
  });
}
