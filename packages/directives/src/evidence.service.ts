/** Evidence attached to a task report: stored in core's file store, served after the task's scope check. */
import { AppError, inTransaction, recordAudit, type Actor, type AppServices, type RequestContext, type UploadedFile } from '@cchc/core';
import { getTask, loadForChange } from './task.service';
/** Evidence files are linked to the report they support (core's file store). */
export const EVIDENCE_OWNER = 'task_report';
/** The same files as a reviewed submission read them (kept when the unit removes one from its draft). */
export const REVIEWED_EVIDENCE_OWNER = 'task_report_review';

export async function addEvidence(
  s: AppServices,
  ctx: RequestContext,
  actor: Actor,
  taskId: number,
  periodKey: string,
  file: UploadedFile,
) {
  const { t, ob } = await loadForChange(s, actor, taskId, periodKey, 'task.report');
  if (!ob.report) throw new AppError('NO_REPORT', 'Hãy lưu nội dung báo cáo trước khi đính kèm minh chứng.');
  if (!file.data.length) throw new AppError('EMPTY_FILE', `Tệp "${file.filename}" rỗng.`);
  await inTransaction(s.db, async (tx) => {
    const link = await s.files.attach(tx, {
      data: file.data,
      filename: file.filename,
      mime: file.mimetype,
      ownerType: EVIDENCE_OWNER,
      ownerId: ob.report!.id,
      unitId: t.leadUnitId,
      uploadedBy: actor.userId,
    });
    await recordAudit(tx, ctx, 'task.evidence.add', {
      entityType: 'task',
      entityId: `${taskId}:${periodKey}`,
      unitId: actor.unitId,
      after: { evidenceId: link.id, filename: file.filename, size: file.data.length, sha256: link.sha256 },
    });
  });
  return getTask(s, actor, taskId);
}

/** Removed from the report while the unit may still write it (draft or returned); audited. */
export async function removeEvidence(
  s: AppServices,
  ctx: RequestContext,
  actor: Actor,
  taskId: number,
  periodKey: string,
  evidenceId: number,
) {
  const { ob } = await loadForChange(s, actor, taskId, periodKey, 'task.report');
  const link = ob.report ? (await s.files.linksOf(s.db, EVIDENCE_OWNER, [ob.report.id])).find((l) => l.id === evidenceId) : undefined;
  if (!link) throw new AppError('NOT_FOUND', `Báo cáo kỳ ${ob.periodLabel} không có tệp minh chứng số ${evidenceId}.`, 404);
  await inTransaction(s.db, async (tx) => {
    await s.files.detach(tx, link.id);
    await recordAudit(tx, ctx, 'task.evidence.remove', {
      entityType: 'task',
      entityId: `${taskId}:${periodKey}`,
      unitId: actor.unitId,
      before: { evidenceId: link.id, filename: link.filename, size: link.size, sha256: link.sha256 },
    });
  });
  return getTask(s, actor, taskId);
}

/** An evidence file's bytes (of a report or of a reviewed submission), for a caller who may see its task (others get 404). */
export async function getEvidence(s: AppServices, actor: Actor, evidenceId: number) {
  const link = await s.files.link(s.db, evidenceId);
  const report =
    link?.ownerType === EVIDENCE_OWNER
      ? await s.db.selectFrom('taskReport').select('taskId').where('id', '=', Number(link.ownerId)).executeTakeFirst()
      : link?.ownerType === REVIEWED_EVIDENCE_OWNER
        ? await s.db
            .selectFrom('taskReportReview as v')
            .innerJoin('taskReport as r', 'r.id', 'v.reportId')
            .select('r.taskId')
            .where('v.id', '=', Number(link.ownerId))
            .executeTakeFirst()
        : undefined;
  if (!link || !report) throw new AppError('NOT_FOUND', 'Không có tệp minh chứng này.', 404);
  await getTask(s, actor, report.taskId); // scope check
  return { filename: link.filename, mime: link.mime, data: await s.files.read(link) };
}
