/** Evidence attached to a task report: stored in core's file store, served after the task's scope check. */
import { AppError, inTransaction, recordAudit, type Actor, type AppServices, type RequestContext, type UploadedFile } from '@cchc/core';
import { getTask, loadForChange } from './task.service';
/** Evidence files are linked to the report they support (core's file store). */
export const EVIDENCE_OWNER = 'task_report';

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

/** An evidence file's bytes, for a caller who may see its task (others get 404). */
export async function getEvidence(s: AppServices, actor: Actor, evidenceId: number) {
  const link = await s.files.link(s.db, evidenceId);
  const report =
    link?.ownerType === EVIDENCE_OWNER
      ? await s.db.selectFrom('taskReport').select('taskId').where('id', '=', Number(link.ownerId)).executeTakeFirst()
      : undefined;
  if (!link || !report) throw new AppError('NOT_FOUND', 'Không có tệp minh chứng này.', 404);
  await getTask(s, actor, report.taskId); // scope check
  return { filename: link.filename, mime: link.mime, data: await s.files.read(link) };
}
