/** What surrounds a dossier import: its history, its rejected rows, saved column mappings, the header check. */
import type { Readable } from 'node:stream';
import {
  AppError,
  authorize,
  can,
  inTransaction,
  recordAudit,
  rowsOf,
  type Actor,
  type AppServices,
  type RequestContext,
} from '@cchc/core';
import { FIELDS, resolveColumns, type Field } from './dossier.row';
import * as repo from './dossier.repository';
import { presentImport } from './dossier.presenter';
import * as xlsx from './dossier.export';

/** The import history: Sở Nội vụ sees every import of the province, an importer their own. */
export async function listImports(s: AppServices, actor: Actor, q: { limit: number; offset: number }) {
  authorize(actor, 'dossier.import');
  const everyone = can(actor, 'dossier.importReport', { userId: -1 });
  const page = await repo.importsPage(s.db, s.provinceCode, everyone ? null : actor.userId, q);
  return { total: page.total, rows: page.rows.map(presentImport) };
}

/** The rejected rows of an import, for the one who ran it and Sở Nội vụ (others: 404). */
export async function importErrorsReport(s: AppServices, actor: Actor, importId: number) {
  const run = await repo.importRun(s.db, s.provinceCode, importId);
  if (!run || !can(actor, 'dossier.importReport', { userId: run.userId === null ? null : Number(run.userId) })) {
    throw new AppError('NOT_FOUND', `Không có lần nhập số ${importId} hoặc lần nhập ngoài phạm vi của bạn.`, 404);
  }
  return xlsx.importErrorsXlsx(importId, await repo.importErrors(s.db, importId));
}

/** A saved column mapping, for an import that names it. */
export async function mappingById(s: AppServices, actor: Actor, id: number): Promise<Partial<Record<Field, string>>> {
  authorize(actor, 'dossier.import');
  const m = await repo.findMapping(s.db, s.provinceCode, id);
  if (!m) throw new AppError('UNKNOWN_MAPPING', `Không có ánh xạ cột số ${id}.`, 404);
  return m.mapping as Partial<Record<Field, string>>;
}

export async function listMappings(s: AppServices, actor: Actor) {
  authorize(actor, 'dossier.import');
  return (await repo.listMappings(s.db, s.provinceCode)) as { id: number; name: string; mapping: Record<string, string> }[];
}

export async function saveMapping(
  s: AppServices,
  ctx: RequestContext,
  actor: Actor,
  input: { name: string; mapping: Record<string, string> },
) {
  authorize(actor, 'dossier.import');
  const unknown = Object.keys(input.mapping).filter((k) => !(FIELDS as readonly string[]).includes(k));
  if (unknown.length) throw new AppError('UNKNOWN_FIELD', `Trường không có trong mẫu chuẩn: ${unknown.join(', ')}.`);
  return inTransaction(s.db, async (tx) => {
    const r = await repo.saveMapping(tx, {
      provinceCode: s.provinceCode,
      name: input.name,
      mapping: JSON.stringify(input.mapping),
      createdBy: actor.userId,
    });
    await recordAudit(tx, ctx, 'dossier.mapping', { entityType: 'dossier_mapping', entityId: r.id, after: input });
    return r;
  });
}

/** The header row of an uploaded file and the standard fields it suggests for each column. */
export async function readHeaders(actor: Actor, file: { stream: Readable; filename: string }) {
  authorize(actor, 'dossier.import');
  let headers: string[] = [];
  for await (const row of rowsOf(file.stream, file.filename)) {
    headers = row;
    break;
  }
  file.stream.resume();
  const { columns, missing } = resolveColumns(headers);
  const suggested = Object.fromEntries(Object.entries(columns).map(([f, i]) => [f, headers[i!]!]));
  return { headers, fields: [...FIELDS], suggested, missing };
}
