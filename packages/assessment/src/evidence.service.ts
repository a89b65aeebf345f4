/**
 * Evidence (tài liệu kiểm chứng) of a criterion on a unit's sheet: a file in core's store, with where in
 * it the proof is. The unit adds it while it may self-score or explain; whoever may read the sheet may
 * download it. A computed criterion's evidence is the records behind its metric, never an upload.
 */
import {
  AppError,
  authorize,
  inTransaction,
  recordAudit,
  type Actor,
  type AppServices,
  type RequestContext,
  type UploadedFile,
} from '@cchc/core';
import { EVIDENCE_OWNER } from './assessment.repository';
import * as repo from './assessment.repository';
import { assertUnitStageOpen, loadSheet } from './round.access';

export interface EvidenceView {
  id: number;
  criterionId: number;
  fileId: number;
  filename: string;
  size: number;
  sha256: string;
  locator: string | null;
  addedBy: string | null;
  addedAt: string;
}

/** The evidence of a sheet by criterion id. */
export async function evidenceBySheet(s: AppServices, sheetId: number | null): Promise<Map<number, EvidenceView[]>> {
  const out = new Map<number, EvidenceView[]>();
  if (!sheetId) return out;
  const rows = await repo.evidenceOf(s.db, sheetId);
  const links = new Map(
    (
      await s.files.linksOf(
        s.db,
        EVIDENCE_OWNER,
        rows.map((r) => r.id),
      )
    ).map((l) => [l.ownerId, l]),
  );
  for (const r of rows) {
    const l = links.get(String(r.id));
    if (!l) continue;
    const list = out.get(Number(r.criterionId)) ?? [];
    list.push({
      id: Number(r.id),
      criterionId: Number(r.criterionId),
      fileId: l.id,
      filename: l.filename,
      size: Number(l.size),
      sha256: l.sha256,
      locator: r.locator,
      addedBy: r.addedByName,
      addedAt: new Date(r.addedAt).toISOString(),
    });
    out.set(Number(r.criterionId), list);
  }
  return out;
}

export async function addEvidence(
  s: AppServices,
  ctx: RequestContext,
  actor: Actor,
  roundId: number,
  unitCode: string,
  input: { criterion: string; locator?: string; file: UploadedFile },
) {
  const { round, unit, sheet, subject } = await loadSheet(s, actor, roundId, unitCode);
  authorize(actor, 'assessment.selfScore', subject);
  assertUnitStageOpen(s, round, subject.state);
  const criterion = (await repo.criteriaOf(s.db, round.frameworkId)).find((c) => c.code === input.criterion);
  if (!criterion) throw new AppError('UNKNOWN_CRITERION', `Tiêu chí "${input.criterion}" không có trong bộ tiêu chí của đợt.`);
  if (!criterion.method)
    throw new AppError('NOT_A_LEAF', `Tiêu chí "${criterion.code}" có tiêu chí con: đính kèm minh chứng ở các tiêu chí con.`);
  if (criterion.method === 'khao_sat' || criterion.method === 'tru')
    throw new AppError(
      'NO_EVIDENCE_HERE',
      `Tiêu chí "${criterion.code}" ${criterion.method === 'khao_sat' ? 'lấy điểm từ điều tra xã hội học' : 'là điểm trừ do cơ quan thẩm định xác định'}: đơn vị không đính kèm minh chứng.`,
    );
  if (criterion.method === 'du_lieu')
    throw new AppError(
      'COMPUTED_CRITERION',
      `Tiêu chí "${criterion.code}" được tính từ dữ liệu (${criterion.metricKey}): minh chứng là các hồ sơ, nhiệm vụ phía sau số liệu, không cần tải lên.`,
    );
  if (!input.file.data.length) throw new AppError('EMPTY_FILE', `Tệp "${input.file.filename}" rỗng.`);
  await inTransaction(s.db, async (tx) => {
    const sheetId = sheet ? Number(sheet.id) : await repo.setSheetState(tx, roundId, Number(unit.id), 'self_draft', s.now());
    const ev = await tx
      .insertInto('assessmentEvidence')
      .values({
        sheetId,
        criterionId: Number(criterion.id),
        locator: input.locator?.trim() || null,
        addedBy: actor.userId || null,
        addedAt: s.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const link = await s.files.attach(tx, {
      data: input.file.data,
      filename: input.file.filename,
      mime: input.file.mimetype,
      ownerType: EVIDENCE_OWNER,
      ownerId: ev.id,
      unitId: Number(unit.id),
      uploadedBy: actor.userId || null,
    });
    await recordAudit(tx, ctx, 'assessment.evidence.add', {
      entityType: 'assessment_sheet',
      entityId: `${roundId}:${unit.code}`,
      unitId: Number(unit.id),
      after: {
        criterion: criterion.code,
        evidenceId: Number(ev.id),
        filename: input.file.filename,
        sha256: link.sha256,
        locator: input.locator ?? null,
      },
    });
  });
}

export async function removeEvidence(
  s: AppServices,
  ctx: RequestContext,
  actor: Actor,
  roundId: number,
  unitCode: string,
  evidenceId: number,
) {
  const { round, unit, sheet, subject } = await loadSheet(s, actor, roundId, unitCode);
  authorize(actor, 'assessment.selfScore', subject);
  assertUnitStageOpen(s, round, subject.state);
  const ev = sheet
    ? await s.db
        .selectFrom('assessmentEvidence')
        .selectAll()
        .where('id', '=', evidenceId)
        .where('sheetId', '=', Number(sheet.id))
        .executeTakeFirst()
    : undefined;
  if (!ev) throw new AppError('NOT_FOUND', 'Không có minh chứng này trong phiếu của đơn vị.', 404);
  await inTransaction(s.db, async (tx) => {
    const [link] = await s.files.linksOf(tx, EVIDENCE_OWNER, [evidenceId]);
    if (link) await s.files.detach(tx, link.id);
    await tx.deleteFrom('assessmentEvidence').where('id', '=', evidenceId).execute();
    await recordAudit(tx, ctx, 'assessment.evidence.remove', {
      entityType: 'assessment_sheet',
      entityId: `${roundId}:${unit.code}`,
      unitId: Number(unit.id),
      before: { evidenceId, filename: link?.filename ?? null, sha256: link?.sha256 ?? null, locator: ev.locator },
    });
  });
}

/** An evidence file's bytes, for a caller who may read the unit's sheet (others get 404). */
export async function getEvidenceFile(s: AppServices, actor: Actor, evidenceId: number) {
  const ev = await s.db
    .selectFrom('assessmentEvidence as e')
    .innerJoin('assessmentSheet as sh', 'sh.id', 'e.sheetId')
    .innerJoin('unit as u', 'u.id', 'sh.unitId')
    .select(['e.id', 'sh.roundId', 'u.code as unitCode'])
    .where('e.id', '=', evidenceId)
    .executeTakeFirst();
  const [link] = ev ? await s.files.linksOf(s.db, EVIDENCE_OWNER, [evidenceId]) : [];
  if (!ev || !link) throw new AppError('NOT_FOUND', 'Không có tệp minh chứng này.', 404);
  // The round must be this province's and the unit in the caller's scope (404 otherwise).
  const { subject } = await loadSheet(s, actor, Number(ev.roundId), ev.unitCode);
  authorize(actor, 'assessment.read', subject);
  return { filename: link.filename, mime: link.mime, data: await s.files.read(link) };
}
