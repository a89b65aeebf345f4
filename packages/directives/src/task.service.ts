import {
  AppError,
  authorize,
  abilities,
  inTransaction,
  transition,
  recordAudit,
  toLocalParts,
  formatLocalDateTime,
  formatDate,
  notifyUnits,
  type Actor,
  type AppServices,
  type Db,
  type RequestContext,
} from '@cchc/core';
import * as repo from './task.repository';
import {
  AWAITING_REVIEW_LABEL,
  STATUS_LABELS,
  combineStatus,
  daysLate,
  isDone,
  obligationStatus,
  obligations,
  type Obligation,
  type TaskStatus,
} from './task.domain';
import type { TaskSubject } from './directives.policy';
import { reportFlow } from './report.flow';
import { EVIDENCE_OWNER, REVIEWED_EVIDENCE_OWNER } from './evidence.service';

export interface ObligationView extends Obligation {
  status: TaskStatus;
  statusLabel: string;
  daysLate: number;
  report:
    | (Omit<repo.ReportRow, 'updatedAt' | 'submittedAt' | 'reviewedAt'> & {
        updatedAt: string;
        submittedAt: string | null;
        reviewedAt: string | null;
      })
    | null;
}

export interface TaskView extends repo.TaskRow {
  status: TaskStatus;
  statusLabel: string;
  nextDueDate: string | null;
  obligations: ObligationView[];
  coordinators: { code: string; name: string }[];
  indexLinks: { indexCode: string; componentCode: string }[];
}

const iso = (d: Date | null) => (d ? formatLocalDateTime(d) : null);

/** Tasks the actor may see, each with its obligations and status as of `asOf` (default today). */
export async function loadTasks(s: AppServices, actor: Actor, f: Omit<repo.TaskFilter, 'scope'>, asOf?: string): Promise<TaskView[]> {
  const today = asOf ?? s.today();
  const rows = await repo.listTasks(s.db, {
    ...f,
    scope: actor.scope.kind === 'province' ? { kind: 'province', provinceCode: actor.provinceCode } : actor.scope,
  });
  const ids = rows.map((r) => r.id);
  const [reports, coords, links] = await Promise.all([
    repo.reportsFor(s.db, ids),
    repo.coordinatorsFor(s.db, ids),
    repo.indexLinksFor(s.db, ids),
  ]);
  const reportBy = new Map(reports.map((r) => [`${r.taskId}|${r.periodKey}`, r]));
  const cal = s.calendar();
  return rows.map((t) => {
    const obs = obligations(
      { start: t.issuedOn, dueDate: t.dueDate, recurrence: t.recurrence, reportDays: t.reportDays, recurUntil: t.recurUntil },
      cal,
    );
    const views: ObligationView[] = obs.map((o) => {
      const r = reportBy.get(`${t.id}|${o.periodKey}`);
      const submittedOn = r?.submittedAt ? toLocalParts(r.submittedAt).date : null;
      const status = obligationStatus(o.dueDate, r ? { state: r.state, submittedOn } : undefined, today);
      const late =
        status === 'done_late' ? daysLate(cal, o.dueDate, submittedOn!) : status === 'overdue' ? daysLate(cal, o.dueDate, today) : 0;
      return {
        ...o,
        status,
        statusLabel: status === 'in_progress' && r?.state === 'submitted' ? AWAITING_REVIEW_LABEL : STATUS_LABELS[status],
        daysLate: late,
        report: r ? { ...r, updatedAt: iso(r.updatedAt)!, submittedAt: iso(r.submittedAt), reviewedAt: iso(r.reviewedAt) } : null,
      };
    });
    const status = t.cancelledAt ? 'cancelled' : combineStatus(views, today);
    const waiting = status === 'in_progress' && views.some((v) => v.report?.state === 'submitted' && v.status === 'in_progress');
    return {
      ...t,
      status,
      statusLabel: waiting ? AWAITING_REVIEW_LABEL : STATUS_LABELS[status],
      nextDueDate: views.find((v) => !isDone(v.status))?.dueDate ?? null,
      obligations: views,
      coordinators: coords.filter((c) => c.taskId === t.id).map((c) => ({ code: c.code, name: c.name })),
      indexLinks: links.filter((l) => l.taskId === t.id).map((l) => ({ indexCode: l.indexCode, componentCode: l.componentCode })),
    };
  });
}

const subjectOf = (t: Pick<repo.TaskRow, 'leadUnitId' | 'provinceCode'>, state?: TaskSubject['reportState']): TaskSubject => ({
  unitId: t.leadUnitId,
  provinceCode: t.provinceCode,
  reportState: state ?? null,
});

export async function getTask(s: AppServices, actor: Actor, id: number) {
  // The scoped load is the read check: lead and coordinating units see the task, others get a 404.
  const [t] = await loadTasks(s, actor, { taskIds: [id], includeCancelled: true });
  if (!t) throw new AppError('NOT_FOUND', `Không có nhiệm vụ số ${id} hoặc nhiệm vụ ngoài phạm vi đơn vị của bạn.`, 404);
  const reportIds = t.obligations.map((o) => o.report?.id).filter((x): x is number => !!x);
  const [evidence, reviews] = await Promise.all([s.files.linksOf(s.db, EVIDENCE_OWNER, reportIds), reviewsOf(s, reportIds)]);
  return {
    ...t,
    cancelledAt: iso(t.cancelledAt),
    abilities: abilities(actor, subjectOf(t), ['task.edit']),
    obligations: t.obligations.map((o) => ({
      ...o,
      reviews: reviews.filter((r) => r.reportId === o.report?.id).map(({ reportId: _r, ...r }) => r),
      evidence: evidence
        .filter((e) => Number(e.ownerId) === o.report?.id)
        .map((e) => ({ id: e.id, filename: e.filename, mime: e.mime, size: e.size, sha256: e.sha256, uploadedAt: iso(e.uploadedAt)! })),
      // A removed task is read-only for everyone.
      abilities: t.cancelledAt
        ? { report: false, submit: false, review: false }
        : abilities(actor, subjectOf(t, o.report?.state), ['task.report', 'task.submit', 'task.review']),
    })),
  };
}

/** A task as a message names it: its label and the start of its text. */
const taskName = (t: { label: string; content: string }) =>
  `${t.label} ${t.content.length > 90 ? `${t.content.slice(0, 90).replace(/\s+\S*$/, '')}…` : t.content}`.trim();

/** The reviewed submissions of the reports, newest first, each with the evidence it was read with. */
async function reviewsOf(s: AppServices, reportIds: number[]) {
  if (!reportIds.length) return [];
  const rows = await s.db
    .selectFrom('taskReportReview as v')
    .leftJoin('appUser as sb', 'sb.id', 'v.submittedBy')
    .leftJoin('appUser as rv', 'rv.id', 'v.reviewedBy')
    .select([
      'v.id',
      'v.reportId',
      'v.content',
      'v.percent',
      'v.submittedAt',
      'sb.fullName as submittedByName',
      'v.decision',
      'v.reviewedAt',
      'rv.fullName as reviewedByName',
      'v.reviewNote',
    ])
    .where('v.reportId', 'in', reportIds)
    .orderBy('v.id', 'desc')
    .execute();
  const files = await s.files.linksOf(
    s.db,
    REVIEWED_EVIDENCE_OWNER,
    rows.map((r) => Number(r.id)),
  );
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    reportId: Number(r.reportId),
    submittedAt: iso(r.submittedAt),
    reviewedAt: iso(r.reviewedAt)!,
    evidence: files.filter((f) => Number(f.ownerId) === Number(r.id)).map((f) => ({ id: f.id, filename: f.filename })),
  }));
}

export async function loadForChange(s: AppServices, actor: Actor, taskId: number, periodKey: string, action: string) {
  const t = await getTask(s, actor, taskId);
  if (t.cancelledAt)
    throw new AppError(
      'TASK_CANCELLED',
      `Nhiệm vụ đã được hủy (${t.cancelReason ?? 'không ghi lý do'}): không báo cáo, thẩm định được nữa.`,
      409,
    );
  const ob = t.obligations.find((o) => o.periodKey === periodKey);
  if (!ob) throw new AppError('UNKNOWN_PERIOD', `Nhiệm vụ không có kỳ báo cáo "${periodKey}".`, 404);
  authorize(actor, action, subjectOf(t, ob.report?.state));
  return { t, ob };
}

export interface ReportInput {
  content: string;
  percent: number;
  /** The version the writer saw; absent = the one just loaded. */
  version?: number;
}

function changedMeanwhile(): AppError {
  return new AppError(
    'REPORT_CHANGED',
    'Báo cáo vừa được người khác cập nhật (lưu, gửi hoặc thẩm định). Hãy tải lại trang để xem bản mới nhất rồi thao tác lại.',
    409,
  );
}

/** The report's row is changed only if nobody wrote it since it was read: a lost race is a 409, never a silent revert. */
async function updateIfUnchanged(tx: Db, reportId: number, version: number, values: Record<string, unknown>) {
  const r = await tx
    .updateTable('taskReport')
    .set({ ...values, version: version + 1 })
    .where('id', '=', reportId)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!r.numUpdatedRows) throw changedMeanwhile();
}

function expectedVersion(ob: { report: { version: number } | null }, given?: number): number {
  if (given !== undefined && ob.report && given !== ob.report.version) throw changedMeanwhile();
  return ob.report!.version;
}

/** The unit's update: text and % done; a draft until the unit head submits it. */
export async function saveReport(s: AppServices, ctx: RequestContext, actor: Actor, taskId: number, periodKey: string, input: ReportInput) {
  const { ob } = await loadForChange(s, actor, taskId, periodKey, 'task.report');
  if (!input.content.trim()) throw new AppError('EMPTY_REPORT', 'Trường "nội dung báo cáo" không được để trống.');
  await inTransaction(s.db, async (tx) => {
    const before = ob.report ? { content: ob.report.content, percent: ob.report.percent, state: ob.report.state } : null;
    const values = {
      content: input.content.trim(),
      percent: input.percent,
      state: transition(reportFlow, ob.report?.state ?? null, 'save'),
      writtenBy: actor.userId,
      updatedAt: s.now(),
    };
    if (ob.report) await updateIfUnchanged(tx, ob.report.id, expectedVersion(ob, input.version), values);
    else {
      if (input.version !== undefined) throw changedMeanwhile();
      const inserted = await tx
        .insertInto('taskReport')
        .values({ ...values, taskId, periodKey })
        .onConflict((oc) => oc.columns(['taskId', 'periodKey']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) throw changedMeanwhile(); // another first save won the race
    }
    await recordAudit(tx, ctx, 'task.report', {
      entityType: 'task',
      entityId: `${taskId}:${periodKey}`,
      unitId: actor.unitId,
      before,
      after: { content: values.content, percent: values.percent, state: 'draft' },
    });
  });
  return getTask(s, actor, taskId);
}

export async function submitReport(s: AppServices, ctx: RequestContext, actor: Actor, taskId: number, periodKey: string, version?: number) {
  const { t, ob } = await loadForChange(s, actor, taskId, periodKey, 'task.submit');
  if (!ob.report) throw new AppError('NO_REPORT', 'Chưa có nội dung báo cáo để gửi.');
  const seen = expectedVersion(ob, version);
  await inTransaction(s.db, async (tx) => {
    await updateIfUnchanged(tx, ob.report!.id, seen, {
      state: transition(reportFlow, ob.report!.state, 'submit'),
      submittedBy: actor.userId,
      submittedAt: s.now(),
      reviewNote: null,
    });
    await recordAudit(tx, ctx, 'task.submit', {
      entityType: 'task',
      entityId: `${taskId}:${periodKey}`,
      unitId: actor.unitId,
      before: { state: ob.report!.state },
      after: { state: 'submitted' },
    });
    await notifyUnits(tx, { provinceCode: s.provinceCode }, ['cchc_office'], {
      kind: 'report_submitted',
      subjectType: 'task_report',
      subjectId: ob.report!.id,
      periodKey: String(seen + 1),
      title: `Báo cáo chờ thẩm định: ${t.leadUnitName}`,
      body: `${t.directiveNumber} – ${taskName(t)} (kỳ ${ob.periodLabel}, hạn ${formatDate(ob.dueDate)}).`,
      link: `/directives/tasks/${taskId}`,
    });
  });
  return getTask(s, actor, taskId);
}

export async function reviewReport(
  s: AppServices,
  ctx: RequestContext,
  actor: Actor,
  taskId: number,
  periodKey: string,
  input: { decision: 'accept' | 'return'; note?: string; version?: number },
) {
  const { t, ob } = await loadForChange(s, actor, taskId, periodKey, 'task.review');
  const seen = expectedVersion(ob, input.version);
  if (input.decision === 'return' && !input.note?.trim())
    throw new AppError('REASON_REQUIRED', 'Trường "lý do trả lại" không được để trống khi trả lại báo cáo.');
  const state = transition(reportFlow, ob.report?.state ?? null, input.decision);
  await inTransaction(s.db, async (tx) => {
    await updateIfUnchanged(tx, ob.report!.id, seen, {
      state,
      reviewedBy: actor.userId,
      reviewedAt: s.now(),
      reviewNote: input.note?.trim() || null,
    });
    // The submission as the reviewer read it, with its evidence: still readable after the unit rewrites it.
    const sent = await tx
      .selectFrom('taskReport')
      .select(['submittedBy', 'submittedAt'])
      .where('id', '=', ob.report!.id)
      .executeTakeFirstOrThrow();
    const { id: reviewId } = await tx
      .insertInto('taskReportReview')
      .values({
        reportId: ob.report!.id,
        content: ob.report!.content,
        percent: ob.report!.percent,
        submittedBy: sent.submittedBy,
        submittedAt: sent.submittedAt,
        decision: state === 'accepted' ? 'accepted' : 'returned',
        reviewedBy: actor.userId || null,
        reviewedAt: s.now(),
        reviewNote: input.note?.trim() || null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const f of await s.files.linksOf(tx, EVIDENCE_OWNER, [ob.report!.id]))
      await s.files.copyLink(tx, f, { ownerType: REVIEWED_EVIDENCE_OWNER, ownerId: Number(reviewId), unitId: t.leadUnitId });
    await recordAudit(tx, ctx, `task.review.${input.decision}`, {
      entityType: 'task',
      entityId: `${taskId}:${periodKey}`,
      unitId: t.leadUnitId,
      before: { state: ob.report!.state },
      after: { state, note: input.note ?? null },
    });
    const accepted = state === 'accepted';
    await notifyUnits(tx, [t.leadUnitId], ['focal_point', 'unit_head'], {
      kind: accepted ? 'report_accepted' : 'report_returned',
      subjectType: 'task_report',
      subjectId: ob.report!.id,
      periodKey: String(seen + 1),
      title: accepted ? `Báo cáo đã được chấp nhận: ${taskName(t)}` : `Báo cáo bị trả lại: ${taskName(t)}`,
      body: accepted
        ? `Sở Nội vụ đã chấp nhận báo cáo kỳ ${ob.periodLabel} của nhiệm vụ thuộc văn bản ${t.directiveNumber}.`
        : `Sở Nội vụ trả lại báo cáo kỳ ${ob.periodLabel} (văn bản ${t.directiveNumber}). Lý do: ${input.note!.trim()}`,
      link: `/directives/tasks/${taskId}`,
    });
  });
  return getTask(s, actor, taskId);
}

/** Tasks shown per component on the index analysis page (overdue first); the counts cover all of them. */
