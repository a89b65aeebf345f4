/**
 * Correcting a saved directive: its header, its tasks (text, deadline, lead and coordinating units, added
 * or removed), withdrawing it (tasks cancelled, kept in the history, out of the figures) or deleting it
 * while no unit has reported. Every change is audited with before and after, and the units whose tasks
 * change are told.
 */
import {
  AppError,
  authorize,
  formatDate,
  inTransaction,
  isIsoDate,
  notifyUnits,
  recordAudit,
  type Actor,
  type AppServices,
  type Db,
  type RequestContext,
} from '@cchc/core';
import { provinceUnits, SOURCE_OWNER } from './directive.service';
import { deadlineProblem } from './task.domain';
import { syncObligations } from './task.obligations';
import type { Recurrence } from './directives.tables';

const UNIT_ROLES = ['focal_point', 'unit_head'];

async function loadDirective(db: Db, s: AppServices, id: number) {
  const d = await db.selectFrom('directive').selectAll().where('id', '=', id).where('provinceCode', '=', s.provinceCode).executeTakeFirst();
  if (!d) throw new AppError('NOT_FOUND', `Không có văn bản số ${id}.`, 404);
  return d;
}

const notWithdrawn = (d: { status: string; number: string }) => {
  if (d.status === 'withdrawn') throw new AppError('DIRECTIVE_WITHDRAWN', `Văn bản ${d.number} đã được thu hồi: không sửa được nữa.`, 409);
};

/** The units leading or coordinating the directive's tasks (only the tasks still in force unless `all`). */
async function unitsOf(db: Db, directiveId: number, all = false): Promise<number[]> {
  const leads = await db
    .selectFrom('task')
    .select('leadUnitId as unitId')
    .distinct()
    .where('directiveId', '=', directiveId)
    .$if(!all, (q) => q.where('cancelledAt', 'is', null))
    .execute();
  const coords = await db
    .selectFrom('taskCoordinator as c')
    .innerJoin('task as t', 't.id', 'c.taskId')
    .select('c.unitId')
    .distinct()
    .where('t.directiveId', '=', directiveId)
    .$if(!all, (q) => q.where('t.cancelledAt', 'is', null))
    .execute();
  return [...new Set([...leads, ...coords].map((r) => Number(r.unitId)))];
}

/** Only the fields whose value changes, before and after: what the audit log shows as a table. */
function diff<T extends Record<string, unknown>>(before: T, patch: Partial<T>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    const old = before[k] instanceof Date ? (before[k] as Date).toISOString() : before[k];
    // Ids come back from the database as strings: compare primitives by their text.
    const same = old === null || old === undefined || v === null ? (old ?? null) === (v ?? null) : String(old) === String(v);
    if (same) continue;
    b[k] = old ?? null;
    a[k] = v;
  }
  return { before: b, after: a, changed: Object.keys(a).length > 0 };
}

// ---- the directive ---------------------------------------------------------------------------------

export interface DirectivePatch {
  number?: string;
  kind?: string;
  date?: string;
  issuer?: string;
  title?: string;
}

export async function updateDirective(s: AppServices, ctx: RequestContext, actor: Actor, id: number, patch: DirectivePatch) {
  authorize(actor, 'directive.edit');
  if (patch.date !== undefined && !isIsoDate(patch.date))
    throw new AppError('INVALID_DATE', `Trường "ngày ban hành": "${patch.date}" không phải ngày hợp lệ.`);
  return inTransaction(s.db, async (tx) => {
    const d = await loadDirective(tx, s, id);
    notWithdrawn(d);
    const values = {
      number: patch.number?.trim(),
      kind: patch.kind,
      issuedOn: patch.date,
      issuer: patch.issuer?.trim(),
      title: patch.title?.trim(),
    };
    const change = diff(d as unknown as Record<string, unknown>, values);
    if (!change.changed) return { id, changed: 0 };
    if (values.issuedOn) {
      const early = await tx
        .selectFrom('task')
        .select(['label', 'dueDate'])
        .where('directiveId', '=', id)
        .where('cancelledAt', 'is', null)
        .where('dueDate', '<', values.issuedOn)
        .limit(1)
        .executeTakeFirst();
      if (early)
        throw new AppError(
          'INVALID_DATE',
          `Ngày ban hành ${formatDate(values.issuedOn)} sau thời hạn ${formatDate(early.dueDate!)} của nhiệm vụ ${early.label || ''}: hãy sửa thời hạn trước.`,
        );
    }
    await tx
      .updateTable('directive')
      .set({ ...values, updatedAt: s.now() })
      .where('id', '=', id)
      .execute();
    // Recurring duties start with the period of the directive's date.
    if (values.issuedOn && values.issuedOn !== d.issuedOn) {
      const ids = await tx.selectFrom('task').select('id').where('directiveId', '=', id).execute();
      await syncObligations(
        tx,
        s.calendar(),
        ids.map((r) => Number(r.id)),
      );
    }
    await recordAudit(tx, ctx, 'directive.update', { entityType: 'directive', entityId: id, before: change.before, after: change.after });
    await notifyUnits(tx, await unitsOf(tx, id), UNIT_ROLES, {
      kind: 'directive_changed',
      subjectType: 'directive',
      subjectId: id,
      periodKey: String(s.now().getTime()),
      title: `Văn bản ${values.number ?? d.number} đã được điều chỉnh`,
      body: `Sở Nội vụ đã sửa ${Object.keys(change.after)
        .map((k) => FIELD_LABELS[k] ?? k)
        .join(', ')} của văn bản giao nhiệm vụ cho đơn vị.`,
      link: `/directives/${id}`,
    });
    return { id, changed: Object.keys(change.after).length };
  });
}

const FIELD_LABELS: Record<string, string> = {
  number: 'số, ký hiệu',
  kind: 'loại văn bản',
  issuedOn: 'ngày ban hành',
  issuer: 'cơ quan ban hành',
  title: 'trích yếu',
  label: 'số thứ tự',
  content: 'nội dung',
  dueDate: 'thời hạn',
  recurrence: 'kỳ báo cáo',
  reportDays: 'số ngày báo cáo sau kỳ',
  recurUntil: 'báo cáo đến ngày',
  leadUnit: 'đơn vị chủ trì',
  coordinators: 'đơn vị phối hợp',
  expectedOutput: 'sản phẩm',
  priority: 'mức ưu tiên',
};

const reasonOf = (reason: string | undefined, what: string) => {
  const r = (reason ?? '').trim();
  if (r.length < 5) throw new AppError('REASON_REQUIRED', `Trường "lý do" không được để trống khi ${what} (ít nhất 5 ký tự).`);
  return r;
};

/** Withdrawn: every task cancelled (reports kept, readable), out of the figures and the reminders. */
export async function withdrawDirective(s: AppServices, ctx: RequestContext, actor: Actor, id: number, reason: string) {
  authorize(actor, 'directive.withdraw');
  const why = reasonOf(reason, 'thu hồi văn bản');
  return inTransaction(s.db, async (tx) => {
    const d = await loadDirective(tx, s, id);
    notWithdrawn(d);
    const units = await unitsOf(tx, id);
    const now = s.now();
    await tx
      .updateTable('directive')
      .set({ status: 'withdrawn', withdrawnAt: now, withdrawReason: why, updatedAt: now })
      .where('id', '=', id)
      .execute();
    const cancelled = await tx
      .updateTable('task')
      .set({ cancelledAt: now, cancelReason: `Văn bản bị thu hồi: ${why}` })
      .where('directiveId', '=', id)
      .where('cancelledAt', 'is', null)
      .returning('id')
      .execute();
    await tx
      .deleteFrom('taskObligation')
      .where('taskId', 'in', tx.selectFrom('task').select('id').where('directiveId', '=', id))
      .execute();
    await recordAudit(tx, ctx, 'directive.withdraw', {
      entityType: 'directive',
      entityId: id,
      before: { status: d.status, tasks: cancelled.length },
      after: { status: 'withdrawn', reason: why, cancelledTasks: cancelled.length },
    });
    await notifyUnits(tx, units, UNIT_ROLES, {
      kind: 'directive_withdrawn',
      subjectType: 'directive',
      subjectId: id,
      periodKey: 'withdrawn',
      title: `Văn bản ${d.number} đã bị thu hồi`,
      body: `Các nhiệm vụ của văn bản đã được hủy, không phải báo cáo nữa. Lý do: ${why}`,
      link: `/directives/${id}`,
    });
    return { id, cancelledTasks: cancelled.length };
  });
}

/** Deleted altogether, only while no unit has written a report (afterwards it can only be withdrawn). */
export async function deleteDirective(s: AppServices, ctx: RequestContext, actor: Actor, id: number) {
  authorize(actor, 'directive.delete');
  return inTransaction(s.db, async (tx) => {
    const d = await loadDirective(tx, s, id);
    const reported = await tx
      .selectFrom('taskReport as r')
      .innerJoin('task as t', 't.id', 'r.taskId')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('t.directiveId', '=', id)
      .executeTakeFirstOrThrow();
    if (Number(reported.n))
      throw new AppError(
        'HAS_REPORTS',
        `Văn bản ${d.number} đã có ${Number(reported.n)} báo cáo của đơn vị nên không xóa được; hãy thu hồi văn bản (các nhiệm vụ được hủy, báo cáo vẫn được lưu).`,
        409,
      );
    const units = d.status === 'withdrawn' ? [] : await unitsOf(tx, id);
    const tasks = await tx
      .selectFrom('task')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('directiveId', '=', id)
      .executeTakeFirstOrThrow();
    for (const link of await s.files.linksOf(tx, SOURCE_OWNER, [id])) await s.files.detach(tx, link.id);
    await tx.deleteFrom('directive').where('id', '=', id).execute();
    await recordAudit(tx, ctx, 'directive.delete', {
      entityType: 'directive',
      entityId: id,
      before: { number: d.number, issuedOn: d.issuedOn, title: d.title, tasks: Number(tasks.n) },
    });
    await notifyUnits(tx, units, UNIT_ROLES, {
      kind: 'directive_deleted',
      subjectType: 'directive',
      subjectId: id,
      periodKey: 'deleted',
      title: `Văn bản ${d.number} đã bị xóa khỏi hệ thống`,
      body: `Sở Nội vụ đã xóa văn bản ${d.number} (${d.title.slice(0, 120)}) được lưu nhầm; các nhiệm vụ của văn bản không còn.`,
      link: '/directives',
    });
    return { id, tasks: Number(tasks.n) };
  });
}

// ---- its tasks -------------------------------------------------------------------------------------

export interface TaskPatch {
  label?: string;
  content?: string;
  dueDate?: string | null;
  recurrence?: Recurrence | null;
  reportDays?: number | null;
  recurUntil?: string | null;
  leadUnitCode?: string;
  coordinatingUnitCodes?: string[];
  expectedOutput?: string | null;
  priority?: 'normal' | 'high';
}

/** The province's units read once per request; `pick` names the field and code a wrong code came from. */
async function unitPicker(s: AppServices) {
  const { province, children } = await provinceUnits(s.db, s.provinceCode, s.today());
  const all = new Map([...children, province].map((u) => [u.code, { id: Number(u.id), name: u.name }]));
  return (codes: string[], where: string) =>
    codes.map((c) => {
      const u = all.get(c);
      if (!u) throw new AppError('UNKNOWN_UNIT', `${where}: mã đơn vị "${c}" không có trong tỉnh.`);
      return u;
    });
}

async function loadTask(db: Db, s: AppServices, taskId: number) {
  const t = await db
    .selectFrom('task as t')
    .innerJoin('directive as d', 'd.id', 't.directiveId')
    .select([
      't.id',
      't.directiveId',
      't.label',
      't.content',
      't.leadUnitId',
      't.dueDate',
      't.recurrence',
      't.reportDays',
      't.recurUntil',
      't.expectedOutput',
      't.priority',
      't.cancelledAt',
      'd.number',
      'd.issuedOn',
      'd.status',
    ])
    .where('t.id', '=', taskId)
    .where('d.provinceCode', '=', s.provinceCode)
    .executeTakeFirst();
  if (!t) throw new AppError('NOT_FOUND', `Không có nhiệm vụ số ${taskId}.`, 404);
  if (t.cancelledAt) throw new AppError('TASK_CANCELLED', 'Nhiệm vụ đã được hủy: không sửa được nữa.', 409);
  notWithdrawn(t);
  return t;
}

const coordinatorIds = async (db: Db, taskId: number) =>
  (await db.selectFrom('taskCoordinator').select('unitId').where('taskId', '=', taskId).orderBy('unitId').execute()).map((r) =>
    Number(r.unitId),
  );

function checkDeadline(
  d: { dueDate: string | null; recurrence: Recurrence | null; reportDays: number | null },
  issuedOn: string,
  where: string,
) {
  const problem = deadlineProblem(d, issuedOn);
  if (problem) throw new AppError('INVALID_DEADLINE', `${where}: ${problem}.`);
}

export async function updateTask(s: AppServices, ctx: RequestContext, actor: Actor, taskId: number, patch: TaskPatch) {
  authorize(actor, 'task.edit');
  const where = `Nhiệm vụ số ${taskId}`;
  const pick = await unitPicker(s);
  const lead = patch.leadUnitCode !== undefined ? pick([patch.leadUnitCode], `${where}, đơn vị chủ trì`)[0]! : undefined;
  const coords = patch.coordinatingUnitCodes ? pick(patch.coordinatingUnitCodes, `${where}, đơn vị phối hợp`) : undefined;
  if (patch.content !== undefined && !patch.content.trim()) throw new AppError('EMPTY_TEXT', `${where}: nội dung nhiệm vụ trống.`);
  return inTransaction(s.db, async (tx) => {
    const t = await loadTask(tx, s, taskId);
    const deadlineGiven = patch.dueDate !== undefined || patch.recurrence !== undefined;
    const deadline = deadlineGiven
      ? patch.dueDate
        ? { dueDate: patch.dueDate, recurrence: null, reportDays: null, recurUntil: null }
        : { dueDate: null, recurrence: patch.recurrence ?? null, reportDays: patch.reportDays ?? 0, recurUntil: patch.recurUntil ?? null }
      : {};
    if (deadlineGiven) checkDeadline(deadline as never, t.issuedOn, where);
    const values = {
      label: patch.label,
      content: patch.content?.trim(),
      ...deadline,
      leadUnitId: lead?.id,
      expectedOutput: patch.expectedOutput === undefined ? undefined : patch.expectedOutput?.trim() || null,
      priority: patch.priority,
    };
    const change = diff(t as unknown as Record<string, unknown>, values);
    const oldCoords = await coordinatorIds(tx, taskId);
    const newCoords = coords
      ? [...new Set(coords.map((c) => c.id))].filter((c) => c !== (lead?.id ?? Number(t.leadUnitId))).sort((a, b) => a - b)
      : undefined;
    const coordsChanged = !!newCoords && JSON.stringify(newCoords) !== JSON.stringify(oldCoords);
    if (!change.changed && !coordsChanged) return { id: taskId, changed: 0 };
    if (change.changed) await tx.updateTable('task').set(values).where('id', '=', taskId).execute();
    if (coordsChanged) {
      await tx.deleteFrom('taskCoordinator').where('taskId', '=', taskId).execute();
      if (newCoords!.length)
        await tx
          .insertInto('taskCoordinator')
          .values(newCoords!.map((unitId) => ({ taskId, unitId })))
          .execute();
      change.before.coordinators = oldCoords;
      change.after.coordinators = newCoords;
    }
    if (deadlineGiven) await syncObligations(tx, s.calendar(), [taskId]);
    await recordAudit(tx, ctx, 'task.update', {
      entityType: 'task',
      entityId: taskId,
      unitId: Number(t.leadUnitId),
      before: change.before,
      after: change.after,
    });
    const told = new Set([Number(t.leadUnitId), lead?.id, ...oldCoords, ...(newCoords ?? [])].filter((x): x is number => !!x));
    const fields = Object.keys(change.after).map((k) => FIELD_LABELS[k === 'leadUnitId' ? 'leadUnit' : k] ?? k);
    await notifyUnits(tx, [...told], UNIT_ROLES, {
      kind: 'task_changed',
      subjectType: 'task',
      subjectId: taskId,
      periodKey: String(s.now().getTime()),
      title: `Nhiệm vụ của văn bản ${t.number} đã được điều chỉnh`,
      body: `Sở Nội vụ đã sửa ${fields.join(', ')} của nhiệm vụ ${t.label || ''} ${(patch.content ?? t.content).slice(0, 100)}`.replace(
        /\s+/g,
        ' ',
      ),
      link: `/directives/tasks/${taskId}`,
    });
    return { id: taskId, changed: fields.length };
  });
}

export interface NewTask {
  sectionId: number;
  label: string;
  content: string;
  dueDate?: string | null;
  recurrence?: Recurrence | null;
  reportDays?: number | null;
  recurUntil?: string | null;
  leadUnitCode: string;
  coordinatingUnitCodes?: string[];
  expectedOutput?: string | null;
}

export async function addTask(s: AppServices, ctx: RequestContext, actor: Actor, directiveId: number, input: NewTask) {
  authorize(actor, 'directive.edit');
  const where = `Nhiệm vụ mới ${input.label}`.trim();
  const pick = await unitPicker(s);
  const [lead] = pick([input.leadUnitCode], `${where}, đơn vị chủ trì`);
  const coords = pick(input.coordinatingUnitCodes ?? [], `${where}, đơn vị phối hợp`);
  if (!input.content.trim()) throw new AppError('EMPTY_TEXT', `${where}: nội dung nhiệm vụ trống.`);
  return inTransaction(s.db, async (tx) => {
    const d = await loadDirective(tx, s, directiveId);
    notWithdrawn(d);
    const section = await tx
      .selectFrom('directiveSection')
      .select('id')
      .where('id', '=', input.sectionId)
      .where('directiveId', '=', directiveId)
      .executeTakeFirst();
    if (!section) throw new AppError('UNKNOWN_SECTION', `Văn bản ${d.number} không có mục số ${input.sectionId}.`, 404);
    const deadline = input.dueDate
      ? { dueDate: input.dueDate, recurrence: null, reportDays: null, recurUntil: null }
      : { dueDate: null, recurrence: input.recurrence ?? null, reportDays: input.reportDays ?? 0, recurUntil: input.recurUntil ?? null };
    checkDeadline(deadline, d.issuedOn, where);
    const { id } = await tx
      .insertInto('task')
      .values({
        directiveId,
        sectionId: input.sectionId,
        label: input.label,
        content: input.content.trim(),
        leadUnitId: lead!.id,
        expectedOutput: input.expectedOutput?.trim() || null,
        ...deadline,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const coordIds = [...new Set(coords.map((c) => c.id))].filter((c) => c !== lead!.id);
    if (coordIds.length)
      await tx
        .insertInto('taskCoordinator')
        .values(coordIds.map((unitId) => ({ taskId: Number(id), unitId })))
        .execute();
    await syncObligations(tx, s.calendar(), [Number(id)]);
    await recordAudit(tx, ctx, 'task.add', {
      entityType: 'task',
      entityId: Number(id),
      unitId: lead!.id,
      after: { directive: d.number, label: input.label, content: input.content.trim(), leadUnit: lead!.name, ...deadline },
    });
    await notifyUnits(tx, [lead!.id, ...coordIds], UNIT_ROLES, {
      kind: 'task_added',
      subjectType: 'task',
      subjectId: Number(id),
      periodKey: 'added',
      title: `Nhiệm vụ mới của văn bản ${d.number}`,
      body: `${input.label} ${input.content.trim().slice(0, 140)}`.trim(),
      link: `/directives/tasks/${id}`,
    });
    return { id: Number(id) };
  });
}

/** A task with reports is cancelled (kept in the history, out of the figures); one without is deleted. */
export async function removeTask(s: AppServices, ctx: RequestContext, actor: Actor, taskId: number, reason: string) {
  authorize(actor, 'task.edit');
  const why = reasonOf(reason, 'bỏ nhiệm vụ');
  return inTransaction(s.db, async (tx) => {
    const t = await loadTask(tx, s, taskId);
    const units = [Number(t.leadUnitId), ...(await coordinatorIds(tx, taskId))];
    const reports = await tx
      .selectFrom('taskReport')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('taskId', '=', taskId)
      .executeTakeFirstOrThrow();
    const kept = Number(reports.n) > 0;
    if (kept) {
      await tx.updateTable('task').set({ cancelledAt: s.now(), cancelReason: why }).where('id', '=', taskId).execute();
      await tx.deleteFrom('taskObligation').where('taskId', '=', taskId).execute();
    } else await tx.deleteFrom('task').where('id', '=', taskId).execute();
    await recordAudit(tx, ctx, kept ? 'task.cancel' : 'task.delete', {
      entityType: 'task',
      entityId: taskId,
      unitId: Number(t.leadUnitId),
      before: { directive: t.number, label: t.label, content: t.content, dueDate: t.dueDate, recurrence: t.recurrence },
      after: kept ? { cancelled: true, reason: why } : { deleted: true, reason: why },
    });
    await notifyUnits(tx, units, UNIT_ROLES, {
      kind: 'task_removed',
      subjectType: 'task',
      subjectId: taskId,
      periodKey: 'removed',
      title: `Nhiệm vụ của văn bản ${t.number} đã được bỏ`,
      body: `${t.label} ${t.content.slice(0, 100)} — không phải báo cáo nữa. Lý do: ${why}`.trim(),
      link: kept ? `/directives/tasks/${taskId}` : `/directives/${t.directiveId}`,
    });
    return { id: taskId, cancelled: kept, deleted: !kept };
  });
}
