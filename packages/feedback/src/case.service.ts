/**
 * A case's life after intake: the office classifies, assigns (and transfers), rejects or redirects it;
 * the lead unit drafts and its head approves the answer; the office returns it or publishes it. Each
 * step is load → authorize → domain → save → event → audit → notify, in one transaction.
 */
import { sql } from 'kysely';
import {
  AppError,
  authorize,
  inScope,
  inTransaction,
  notify,
  recipients,
  recordAudit,
  transition,
  type Actor,
  type AppServices,
  type Db,
  type RequestContext,
} from '@cchc/core';
import { caseFlow, extendedDue, publishDueFor } from './feedback.domain';
import type { CaseSubject } from './feedback.policy';
import { presentCase } from './feedback.presenter';
import * as repo from './feedback.repository';
import { LETTER_OWNER, PHOTO_OWNER, type CaseRow } from './feedback.repository';
import { provinceUnit } from './intake.service';
import type { CaseKind } from './feedback.tables';

const notFound = () => new AppError('NOT_FOUND', 'Không tìm thấy phản ánh hoặc phản ánh ngoài phạm vi đơn vị của bạn.', 404);

/** The case as the policy sees it for this actor (through the lead unit, or a coordinating unit it sees). */
export function subjectOf(actor: Actor, row: CaseRow, coordinatorIds: readonly number[]): CaseSubject {
  const lead = row.leadUnitId === null ? null : Number(row.leadUnitId);
  const sees = (id: number) => inScope(actor, { unitId: id, provinceCode: row.provinceCode });
  const via = lead !== null && sees(lead) ? lead : (coordinatorIds.find(sees) ?? lead);
  return { unitId: via, provinceCode: row.provinceCode, status: row.status, leadUnitId: lead, extended: row.extendedDays !== null };
}

async function load(s: AppServices, db: Db, actor: Actor, id: number, forUpdate = false) {
  const row = await repo.getCase(db, s.provinceCode, id, forUpdate);
  if (!row) throw notFound();
  const coordinators = await repo.coordinatorsOf(db, id);
  const subject = subjectOf(
    actor,
    row,
    coordinators.map((c) => Number(c.id)),
  );
  // An unassigned case has no unit: only the provincial roles see it.
  if (subject.unitId === null && actor.scope.kind !== 'province') throw notFound();
  authorize(actor, 'feedback.read', subject);
  return { row, subject, coordinators };
}

export async function getCaseView(s: AppServices, actor: Actor, id: number) {
  const { row, subject, coordinators } = await load(s, s.db, actor, id);
  const [events, photos, cat, letters, unit, repeatOf, repeats] = await Promise.all([
    repo.eventsOf(s.db, id),
    repo.photosOf(s.db, id),
    repo.category(s.db, s.provinceCode, row.categoryCode),
    s.files.linksOf(s.db, LETTER_OWNER, [id]),
    row.leadUnitId ? s.db.selectFrom('unit').select(['code', 'name']).where('id', '=', row.leadUnitId).executeTakeFirst() : null,
    row.repeatOf ? s.db.selectFrom('feedbackCase').select('code').where('id', '=', row.repeatOf).executeTakeFirst() : null,
    s.db.selectFrom('feedbackCase').select('code').where('repeatOf', '=', id).orderBy('id').execute(),
  ]);
  const taskId = row.taskRef ? Number(row.taskRef) : null;
  const taskState = taskId && s.taskIntake ? (await s.taskIntake.states(s, [taskId])).get(taskId) : undefined;
  return presentCase(actor, s.calendar(), s.today(), {
    row,
    task: taskId ? { id: taskId, link: `/directives/tasks/${taskId}`, statusLabel: taskState?.label ?? '' } : null,
    subject,
    categoryName: cat?.name ?? row.categoryCode,
    unit: unit ?? null,
    coordinators: coordinators.map((c) => ({ code: c.code, name: c.name })),
    events,
    photos,
    letter: letters[0] ? { id: letters[0].id, filename: letters[0].filename } : null,
    repeatOfCode: repeatOf?.code ?? null,
    repeats: repeats.map((r) => r.code),
  });
}

/** Tells the lead unit's people (or the office) about a step; once per (user, kind, case, step). */
async function tell(
  s: AppServices,
  db: Db,
  who: { unitId: number; roles: string[] } | { office: true },
  row: Pick<CaseRow, 'id' | 'code'>,
  kind: string,
  title: string,
  body: string,
) {
  const users =
    'office' in who
      ? await recipients(db, { provinceCode: s.provinceCode }, ['cchc_office'])
      : await recipients(db, { unitId: who.unitId }, who.roles);
  for (const userId of users) {
    await notify(
      db,
      {
        userId,
        kind,
        subjectType: 'feedback_case',
        subjectId: Number(row.id),
        periodKey: String(s.now().getTime()),
        title,
        body,
        link: `/feedback/${row.id}`,
      },
      { email: false },
    );
  }
}

const reasonOf = (text: string | undefined, field: string, what: string) => {
  const t = (text ?? '').trim();
  if (t.length < 5) throw new AppError('VALIDATION', `Cần ghi ${what} (trường "${field}", ít nhất 5 ký tự).`, 400, { field });
  if (t.length > 5000) throw new AppError('VALIDATION', `Trường "${field}" dài quá 5.000 ký tự.`, 400, { field });
  return t;
};

const leadOf = (row: CaseRow) => (row.leadUnitId === null ? null : Number(row.leadUnitId));
const shortDate = (d: string) => d.split('-').reverse().join('/');

/** What one step changes: the row, the history line, who is told; the audit action when not the permission's. */
interface Step {
  patch: Partial<CaseRow>;
  event: { kind: string; isPublic: boolean; note?: string | null };
  unitId: number | null;
  auditAction?: string;
  auditExtra?: Record<string, unknown>;
  /** Work in the same transaction after the row is saved (coordinators, notifications). */
  after?: (tx: Db) => Promise<void>;
}

/**
 * Every step on a case: in one transaction, the case loaded and locked, the permission checked on it, the
 * step's change saved (version raised), its history line and its audit row (the fields before and after);
 * then the case as the caller now sees it.
 */
async function step(
  s: AppServices,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  action: string,
  make: (c: { row: CaseRow; tx: Db; now: Date }) => Step | Promise<Step>,
) {
  await inTransaction(s.db, async (tx) => {
    const { row, subject } = await load(s, tx, actor, id, true);
    authorize(actor, action, subject);
    const now = s.now();
    const st = await make({ row, tx, now });
    await tx
      .updateTable('feedbackCase')
      .set({ ...st.patch, updatedAt: now, version: sql`version + 1` } as never)
      .where('id', '=', id)
      .execute();
    await repo.addEvent(tx, { caseId: id, at: now, unitId: st.unitId, userId: actor.userId, ...st.event });
    await recordAudit(tx, ctx, st.auditAction ?? action, {
      entityType: 'feedback_case',
      entityId: row.code,
      unitId: st.unitId,
      before: Object.fromEntries(Object.keys(st.patch).map((k) => [k, row[k as keyof CaseRow]])),
      after: { ...st.patch, ...st.auditExtra },
    });
    await st.after?.(tx);
  });
  return getCaseView(s, actor, id);
}

/** The clocks of the case's category (a category is never deleted, so it is there). */
const clockOf = async (s: AppServices, tx: Db, row: CaseRow) => (await repo.category(tx, s.provinceCode, row.categoryCode))!;

export interface AssignInput {
  unitCode: string;
  coordinators?: string[];
  category?: string;
  kind?: 'phan_anh' | 'kien_nghi';
  note?: string;
}

/** Assigns the lead unit (and coordinating units); a second assignment is a transfer, counted. */
export async function assignCase(s: AppServices, ctx: RequestContext, actor: Actor, id: number, input: AssignInput) {
  return step(s, ctx, actor, id, 'feedback.assign', async ({ row, tx, now }) => {
    const unit = await provinceUnit(s, tx, input.unitCode);
    const coordinators: Awaited<ReturnType<typeof provinceUnit>>[] = [];
    for (const code of new Set(input.coordinators ?? []))
      if (code !== unit.code) coordinators.push(await provinceUnit(s, tx, code, 'coordinators'));
    let categoryCode = row.categoryCode;
    if (input.category && input.category !== row.categoryCode) {
      const cat = await repo.category(tx, s.provinceCode, input.category);
      if (!cat?.isActive)
        throw new AppError('VALIDATION', `Lĩnh vực "${input.category}" không có trong danh mục (trường "category").`, 400, {
          field: 'category',
        });
      categoryCode = cat!.code;
    }
    const transfer = row.leadUnitId !== null && Number(row.leadUnitId) !== Number(unit.id);
    const others = coordinators.length ? `, phối hợp: ${coordinators.map((c) => c.name).join(', ')}` : '';
    return {
      patch: {
        status: transition(caseFlow, row.status, 'assign'),
        leadUnitId: Number(unit.id),
        assignedAt: now,
        classifiedAt: row.classifiedAt ?? now,
        categoryCode,
        kind: (input.kind as CaseKind | undefined) ?? row.kind,
        transfers: row.transfers + (transfer ? 1 : 0),
        // A transferred case is answered afresh by its new unit.
        ...(transfer && { draftAnswer: null, draftedBy: null, returnNote: null }),
      },
      event: {
        kind: transfer ? 'transferred' : 'assigned',
        isPublic: true,
        note: `${transfer ? 'Chuyển' : 'Giao'} ${unit.name} chủ trì xử lý${others}.${input.note?.trim() ? ` ${input.note.trim()}` : ''}`,
      },
      unitId: Number(unit.id),
      auditAction: transfer ? 'feedback.transfer' : 'feedback.assign',
      auditExtra: { coordinators: coordinators.map((c) => c.code) },
      async after(tx) {
        await tx.deleteFrom('feedbackCoordinator').where('caseId', '=', id).execute();
        if (coordinators.length)
          await tx
            .insertInto('feedbackCoordinator')
            .values(coordinators.map((c) => ({ caseId: id, unitId: Number(c.id) })))
            .execute();
        await tell(
          s,
          tx,
          { unitId: Number(unit.id), roles: ['focal_point', 'unit_head'] },
          row,
          'feedback_assigned',
          `Phản ánh ${row.code} giao đơn vị xử lý`,
          `${unit.name} được giao chủ trì xử lý phản ánh ${row.code}; hạn trả lời ${shortDate(row.dueDate)}.`,
        );
        for (const c of coordinators)
          await tell(
            s,
            tx,
            { unitId: Number(c.id), roles: ['focal_point'] },
            row,
            'feedback_coordinate',
            `Phối hợp xử lý phản ánh ${row.code}`,
            `${unit.name} chủ trì; đơn vị phối hợp xử lý.`,
          );
      },
    };
  });
}

/** The office refuses a case that does not meet the requirements (the sender is told why). */
export async function rejectCase(s: AppServices, ctx: RequestContext, actor: Actor, id: number, reason: string | undefined) {
  const why = reasonOf(reason, 'reason', 'lý do không tiếp nhận');
  return step(s, ctx, actor, id, 'feedback.reject', ({ row, now }) => ({
    patch: { status: transition(caseFlow, row.status, 'reject'), rejectReason: why, classifiedAt: now, closedAt: now },
    event: { kind: 'rejected', isPublic: true, note: `Không tiếp nhận: ${why}` },
    unitId: null,
  }));
}

/** A complaint or denunciation, or a matter outside the province's competence, goes to the competent body. */
export async function redirectCase(
  s: AppServices,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: { note?: string; complaint?: boolean },
) {
  const note = reasonOf(input.note, 'note', 'cơ quan nhận và lý do chuyển');
  return step(s, ctx, actor, id, 'feedback.redirect', ({ row, now }) => ({
    patch: {
      status: transition(caseFlow, row.status, 'redirect'),
      kind: input.complaint ? 'khieu_nai_to_cao' : row.kind,
      rejectReason: note,
      classifiedAt: now,
      closedAt: now,
    },
    event: {
      kind: 'redirected',
      isPublic: true,
      note: `${input.complaint ? 'Là khiếu nại, tố cáo: xử lý theo Luật Khiếu nại, Luật Tố cáo. ' : ''}${note}`,
    },
    unitId: null,
  }));
}

/**
 * The answer: from the unit's focal point it saves the draft (its head is told); from the unit's head it
 * approves the answer, edited or not (the office is told and must publish within the category's days).
 */
export async function answerCase(s: AppServices, ctx: RequestContext, actor: Actor, id: number, text: string | undefined) {
  const approving = actor.roles.includes('unit_head');
  return step(s, ctx, actor, id, approving ? 'feedback.approve' : 'feedback.draft', async ({ row, tx, now }) => {
    const written = (text ?? '').trim() || (approving ? (row.draftAnswer ?? '') : '');
    if (written.length < 10)
      throw new AppError('VALIDATION', 'Nội dung trả lời (trường "text") cần ít nhất 10 ký tự.', 400, { field: 'text' });
    if (written.length > 20_000)
      throw new AppError('VALIDATION', 'Nội dung trả lời (trường "text") dài quá 20.000 ký tự.', 400, { field: 'text' });
    const lead = leadOf(row)!;
    return approving
      ? {
          patch: {
            status: transition(caseFlow, row.status, 'approve'),
            draftAnswer: written,
            answer: written,
            approvedBy: actor.userId,
            approvedAt: now,
            publishDue: publishDueFor(s.calendar(), now, await clockOf(s, tx, row)),
          },
          event: { kind: 'approved', isPublic: true, note: 'Đơn vị đã có văn bản trả lời; đang kiểm tra để công khai.' },
          unitId: lead,
          after: (tx) =>
            tell(
              s,
              tx,
              { office: true },
              row,
              'feedback_approved',
              `Phản ánh ${row.code}: đơn vị đã duyệt trả lời`,
              'Kiểm tra trả lời đúng nội dung phản ánh rồi công khai, hoặc trả lại.',
            ),
        }
      : {
          patch: { status: transition(caseFlow, row.status, 'draft'), draftAnswer: written, draftedBy: actor.userId },
          event: { kind: 'drafted', isPublic: false },
          unitId: lead,
          after: (tx) =>
            tell(
              s,
              tx,
              { unitId: lead, roles: ['unit_head'] },
              row,
              'feedback_drafted',
              `Phản ánh ${row.code}: chờ thủ trưởng duyệt trả lời`,
              'Cán bộ đầu mối đã dự thảo trả lời phản ánh.',
            ),
        };
  });
}

/** The office returns an answer that does not match the question (before publication). */
export async function returnAnswer(s: AppServices, ctx: RequestContext, actor: Actor, id: number, note: string | undefined) {
  const why = reasonOf(note, 'note', 'lý do trả lại');
  return step(s, ctx, actor, id, 'feedback.return', ({ row }) => ({
    patch: { status: transition(caseFlow, row.status, 'return'), returnNote: why, approvedAt: null, approvedBy: null, publishDue: null },
    event: { kind: 'returned', isPublic: false, note: why },
    unitId: leadOf(row),
    after: (tx) =>
      tell(
        s,
        tx,
        { unitId: leadOf(row)!, roles: ['focal_point', 'unit_head'] },
        row,
        'feedback_returned',
        `Phản ánh ${row.code}: trả lời bị trả lại`,
        why,
      ),
  }));
}

/** The office publishes the approved answer: the sender sees it and may rate it. */
export async function publishCase(s: AppServices, ctx: RequestContext, actor: Actor, id: number) {
  return step(s, ctx, actor, id, 'feedback.publish', ({ row, now }) => ({
    patch: { status: transition(caseFlow, row.status, 'publish'), publishedAt: now, publishedBy: actor.userId, closedAt: now },
    event: { kind: 'published', isPublic: true, note: 'Kết quả trả lời đã được công khai.' },
    unitId: leadOf(row),
  }));
}

/** The one extension of an open case, with a reason told to the sender. */
export async function extendCase(s: AppServices, ctx: RequestContext, actor: Actor, id: number, input: { days: number; reason?: string }) {
  const why = reasonOf(input.reason, 'reason', 'lý do gia hạn');
  return step(s, ctx, actor, id, 'feedback.extend', async ({ row, tx }) => {
    const dueDate = extendedDue(s.calendar(), row.dueDate, input.days, await clockOf(s, tx, row), row.extendedDays !== null);
    return {
      patch: { dueDate, extendedDays: input.days, extensionReason: why },
      event: {
        kind: 'extended',
        isPublic: true,
        note: `Gia hạn ${input.days} ngày làm việc, đến ngày ${shortDate(dueDate)}. Lý do: ${why}`,
      },
      unitId: leadOf(row),
    };
  });
}

/**
 * Hides a case that breaks the content rules from the public pages (it stays in every list, figure and
 * clock: hiding does not take it out of anyone's responsibility), or shows it again.
 */
export async function hideCase(s: AppServices, ctx: RequestContext, actor: Actor, id: number, input: { hidden: boolean; reason?: string }) {
  const why = input.hidden ? reasonOf(input.reason, 'reason', 'lý do ẩn khỏi trang công khai') : null;
  return step(s, ctx, actor, id, 'feedback.hide', ({ now }) => ({
    patch: { hidden: input.hidden, hiddenReason: why, hiddenAt: input.hidden ? now : null },
    event: { kind: input.hidden ? 'hidden' : 'shown', isPublic: false, note: why },
    unitId: null,
    auditAction: input.hidden ? 'feedback.hide' : 'feedback.show',
  }));
}

/** Marks a photo fit for the public pages (the office checked faces and plates) or not. */
export async function setPhotoPublic(s: AppServices, ctx: RequestContext, actor: Actor, id: number, photoId: number, isPublic: boolean) {
  await inTransaction(s.db, async (tx) => {
    const { row, subject } = await load(s, tx, actor, id, true);
    authorize(actor, 'feedback.photos', subject);
    const photo = await tx
      .updateTable('feedbackPhoto')
      .set({ isPublic })
      .where('id', '=', photoId)
      .where('caseId', '=', id)
      .returning(['id', 'sortOrder'])
      .executeTakeFirst();
    if (!photo) throw new AppError('NOT_FOUND', `Phản ánh ${row.code} không có ảnh số ${photoId}.`, 404);
    await recordAudit(tx, ctx, 'feedback.photo', {
      entityType: 'feedback_case',
      entityId: row.code,
      before: { photo: photo.sortOrder, isPublic: !isPublic },
      after: { photo: photo.sortOrder, isPublic },
    });
  });
  return getCaseView(s, actor, id);
}

/** A photo's bytes for staff who see the case. */
export async function casePhoto(s: AppServices, actor: Actor, id: number, photoId: number) {
  await load(s, s.db, actor, id);
  const [link] = await s.files.linksOf(s.db, PHOTO_OWNER, [photoId]);
  const photo = await s.db.selectFrom('feedbackPhoto').select('caseId').where('id', '=', photoId).executeTakeFirst();
  if (!link || !photo || Number(photo.caseId) !== id) throw notFound();
  return { filename: link.filename, data: await s.files.read(link) };
}

/** The scanned letter, for the receiving office. */
export async function caseLetter(s: AppServices, actor: Actor, id: number) {
  const { subject } = await load(s, s.db, actor, id);
  authorize(actor, 'feedback.viewSender', subject);
  const [link] = await s.files.linksOf(s.db, LETTER_OWNER, [id]);
  if (!link) throw new AppError('NOT_FOUND', 'Phản ánh không có thư, đơn đính kèm.', 404);
  return { filename: link.filename, mime: link.mime, data: await s.files.read(link) };
}

/**
 * "You said, we did": the office turns a case into a task for a unit (by default the lead unit), through
 * core's task seam; the task then follows the task list's report workflow, and the case shows its state.
 */
export async function createTaskFromCase(
  s: AppServices,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: { content: string; dueDate: string; unitCode?: string },
) {
  const intake = s.taskIntake;
  if (!intake) throw new AppError('NO_TASKS', 'Phân hệ chỉ đạo, điều hành chưa được cài: không tạo được nhiệm vụ.', 409);
  return step(s, ctx, actor, id, 'feedback.task', async ({ row, tx }) => {
    if (row.taskRef) throw new AppError('TASK_EXISTS', `Phản ánh ${row.code} đã có nhiệm vụ khắc phục.`, 409);
    const unitId = input.unitCode ? Number((await provinceUnit(s, tx, input.unitCode)).id) : leadOf(row);
    if (unitId === null)
      throw new AppError('VALIDATION', 'Chọn đơn vị thực hiện nhiệm vụ (trường "unitCode").', 400, { field: 'unitCode' });
    const year = s.today().slice(0, 4);
    const task = await intake.create(s, tx, ctx, actor, {
      unitId,
      content: input.content,
      dueDate: input.dueDate,
      source: { kind: 'feedback', ref: row.code, link: `/feedback/${row.id}` },
      container: {
        number: `PAKN-${year}`,
        title: `Nhiệm vụ khắc phục từ phản ánh, kiến nghị của người dân, doanh nghiệp năm ${year}`,
        issuer: 'Sở Nội vụ',
      },
    });
    return {
      patch: { taskRef: String(task.taskId) },
      event: { kind: 'task', isPublic: true, note: `Đã giao nhiệm vụ khắc phục, hạn ${shortDate(input.dueDate)}: ${input.content.trim()}` },
      unitId,
    };
  });
}
