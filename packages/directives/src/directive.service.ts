import mammoth from 'mammoth';
import { sql } from 'kysely';
import {
  AppError,
  LOADED_OFFICE_LIMITS,
  authorize,
  foldedLike,
  foldedSql,
  checkZipBuffer,
  resolveScopedUnit,
  inTransaction,
  recordAudit,
  isIsoDate,
  formatLocalDateTime,
  type Actor,
  type AppServices,
  type Db,
  type RequestContext,
  type UploadedFile,
  formatDate,
} from '@cchc/core';
import { parseDirective, KIND_LABELS, type DirectiveKind, type ParsedDirective } from './parser/directive-parser';
import type { MatchableUnit } from './parser/unit-matcher';
import { deadlineProblem, isDone, type TaskStatus } from './task.domain';
import { loadTasks, type TaskView } from './task.service';
import { syncObligations } from './task.obligations';
import * as status from './task.status';
import type { Counts } from './task.status';
import type { GroupKind, Recurrence } from './directives.tables';

const DEPARTMENT_TYPES = ['department', 'service_centre'];
const COMMUNE_TYPES = ['commune', 'ward', 'special_zone'];

/** The deployment's departments and communes, as the parser matches them. */
export async function provinceUnits(db: Db, provinceCode: string, date: string) {
  const province = await db
    .selectFrom('unit')
    .select(['id', 'code', 'name'])
    .where('code', '=', provinceCode)
    .where('type', '=', 'province')
    .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>=', date)]))
    .orderBy('validFrom', 'desc')
    .executeTakeFirstOrThrow();
  const children = await db
    .selectFrom('unit')
    .select(['id', 'code', 'name', 'shortName', 'type'])
    .where('parentId', '=', province.id)
    .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>=', date)]))
    .orderBy('code')
    .execute();
  return { province, children };
}

// ---- parse ----------------------------------------------------------------------------------------

export async function extractText(file: UploadedFile): Promise<string> {
  const name = file.filename.toLowerCase();
  if (!file.data.length) throw new AppError('EMPTY_FILE', `Tệp "${file.filename}" rỗng.`);
  if (name.endsWith('.docx') || file.data.subarray(0, 2).toString() === 'PK') {
    checkZipBuffer(file.data, file.filename, LOADED_OFFICE_LIMITS);
    try {
      return (await mammoth.extractRawText({ buffer: file.data })).value;
    } catch {
      throw new AppError('UNREADABLE_FILE', `Không đọc được tệp "${file.filename}": tệp không phải DOCX hợp lệ hoặc bị hỏng.`);
    }
  }
  if (name.endsWith('.pdf') || file.data.subarray(0, 4).toString() === '%PDF') {
    throw new AppError(
      'PDF_NOT_PARSED',
      'Chưa đọc được nội dung tệp PDF: hãy dán văn bản hoặc tải tệp DOCX; tệp PDF có thể đính kèm làm bản gốc sau khi lưu.',
      415,
    );
  }
  const text = file.data.toString('utf8');
  if (text.includes('\uFFFD')) throw new AppError('UNREADABLE_FILE', `Tệp "${file.filename}" không phải văn bản UTF-8 hay DOCX.`);
  return text;
}

export async function parseDirectiveText(s: AppServices, actor: Actor, text: string): Promise<ParsedDirective> {
  authorize(actor, 'directive.parse');
  if (!text.trim()) throw new AppError('EMPTY_TEXT', 'Văn bản rỗng: hãy dán nội dung chỉ thị, kế hoạch hoặc tải tệp DOCX.');
  const { children } = await provinceUnits(s.db, s.provinceCode, s.today());
  const units: MatchableUnit[] = children.map((u) => ({
    code: u.code,
    name: u.name,
    shortName: u.shortName,
    kind: COMMUNE_TYPES.includes(u.type) ? 'commune' : 'department',
  }));
  const parsed = parseDirective(text, units);
  if (!parsed.sections.length) {
    throw new AppError(
      'NO_SECTIONS',
      'Không nhận ra mục nhiệm vụ nào trong văn bản (các mục đánh số 1., 2.1., I., nhiệm vụ a), b) hoặc các đoạn “Lĩnh vực: nội dung”). Hãy kiểm tra lại nội dung đã dán.',
      422,
    );
  }
  return parsed;
}

// ---- create ---------------------------------------------------------------------------------------

export interface TaskInput {
  label: string;
  text: string;
  dueDate?: string | null;
  recurrence?: Recurrence | null;
  reportDays?: number | null;
  recurUntil?: string | null;
  expectedOutput?: string | null;
  priority?: 'normal' | 'high';
  coordinatingUnitCodes?: string[];
  indexLinks?: { index: string; component: string }[];
}

export interface SectionInput {
  number: string;
  heading: string;
  leadUnitCode: string | null;
  isGroup: boolean;
  group?: GroupKind | null;
  tasks: TaskInput[];
}

export interface DirectiveInput {
  number: string;
  kind: DirectiveKind;
  date: string;
  issuer: string;
  title: string;
  sourceText?: string | null;
  /** Applied to tasks that have no deadline of their own. */
  deadline?: Pick<TaskInput, 'dueDate' | 'recurrence' | 'reportDays' | 'recurUntil'> | null;
  sections: SectionInput[];
}

export async function createDirective(
  s: AppServices,
  ctx: RequestContext,
  actor: Actor,
  input: DirectiveInput,
): Promise<{ id: number; tasks: number }> {
  authorize(actor, 'directive.create');
  const errors: string[] = [];
  if (!isIsoDate(input.date)) errors.push(`Trường "ngày ban hành": "${input.date}" không phải ngày hợp lệ (YYYY-MM-DD).`);
  if (!input.sections.length) errors.push('Văn bản chưa có mục nhiệm vụ nào.');
  const { province, children } = await provinceUnits(s.db, s.provinceCode, s.today());
  const byCode = new Map(children.map((u) => [u.code, u]));
  const groupUnits = (g: GroupKind) =>
    children.filter(
      (u) => (g !== 'communes' && DEPARTMENT_TYPES.includes(u.type)) || (g !== 'departments' && COMMUNE_TYPES.includes(u.type)),
    );
  const findUnit = (code: string, where: string) => {
    const u = byCode.get(code) ?? (code === province.code ? { ...province, type: 'province', shortName: null } : undefined);
    if (!u) errors.push(`${where}: mã đơn vị "${code}" không có trong tỉnh.`);
    return u;
  };
  type Planned = {
    section: SectionInput;
    sectionIndex: number;
    leads: { id: number }[];
    tasks: (TaskInput & { coordinatorIds: number[] })[];
  };
  const plan: Planned[] = [];
  input.sections.forEach((sec, i) => {
    const where = `Mục ${sec.number || i + 1} "${sec.heading}"`;
    let leads: { id: number }[] = [];
    if (sec.isGroup) {
      if (!sec.group) errors.push(`${where}: hãy chọn nhóm đơn vị (các sở, ngành / các xã, phường / tất cả).`);
      else leads = groupUnits(sec.group);
    } else if (!sec.leadUnitCode) {
      errors.push(`${where}: chưa chọn đơn vị chủ trì ("${sec.heading}" không khớp đơn vị nào).`);
    } else {
      const u = findUnit(sec.leadUnitCode, where);
      if (u) leads = [u];
    }
    if (!sec.tasks.length) errors.push(`${where}: chưa có nhiệm vụ nào.`);
    const tasks = sec.tasks.map((t, j) => {
      const tw = `${where}, nhiệm vụ ${t.label || j + 1}`;
      const d = t.dueDate || t.recurrence ? t : { ...t, ...(input.deadline ?? {}) };
      const problem = deadlineProblem(d, input.date);
      if (problem) errors.push(`${tw}: ${problem}.`);
      if (!t.text.trim()) errors.push(`${tw}: nội dung nhiệm vụ trống.`);
      const coordinatorIds = (t.coordinatingUnitCodes ?? []).map((c) => findUnit(c, tw)?.id).filter((x): x is number => !!x);
      return { ...d, coordinatorIds };
    });
    plan.push({ section: sec, sectionIndex: i, leads, tasks });
  });
  if (errors.length) throw new AppError('INVALID_DIRECTIVE', errors.join(' '), 400, { errors });

  return inTransaction(s.db, async (tx) => {
    const dup = await tx
      .selectFrom('directive')
      .select('id')
      .where('provinceCode', '=', s.provinceCode)
      .where('number', '=', input.number)
      .where('issuedOn', '=', input.date)
      .executeTakeFirst();
    if (dup)
      throw new AppError(
        'DUPLICATE_DIRECTIVE',
        `Văn bản số ${input.number} ngày ${formatDate(input.date)} đã có trong hệ thống (mã ${dup.id}).`,
        409,
      );
    const { id } = await tx
      .insertInto('directive')
      .values({
        provinceCode: s.provinceCode,
        number: input.number.trim(),
        kind: input.kind,
        issuedOn: input.date,
        issuer: input.issuer.trim(),
        title: input.title.trim(),
        sourceText: input.sourceText ?? null,
        createdBy: actor.userId || null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    let count = 0;
    const newTaskIds: number[] = [];
    for (const p of plan) {
      const { id: sectionId } = await tx
        .insertInto('directiveSection')
        .values({
          directiveId: id,
          number: p.section.number,
          heading: p.section.heading,
          sortOrder: p.sectionIndex + 1,
          leadUnitId: p.section.isGroup ? null : (p.leads[0]?.id ?? null),
          groupKind: p.section.isGroup ? (p.section.group ?? null) : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const [j, t] of p.tasks.entries()) {
        const groupKey = p.section.isGroup ? `${id}-${p.sectionIndex + 1}-${j + 1}` : null;
        for (const lead of p.leads) {
          const { id: taskId } = await tx
            .insertInto('task')
            .values({
              directiveId: id,
              sectionId,
              groupKey,
              label: t.label,
              content: t.text.trim(),
              leadUnitId: lead.id,
              priority: t.priority ?? 'normal',
              expectedOutput: t.expectedOutput ?? null,
              dueDate: t.dueDate ?? null,
              recurrence: t.dueDate ? null : (t.recurrence ?? null),
              reportDays: t.dueDate ? null : (t.reportDays ?? 0),
              recurUntil: t.dueDate ? null : (t.recurUntil ?? null),
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          count++;
          newTaskIds.push(taskId);
          const coords = t.coordinatorIds.filter((c) => c !== lead.id);
          if (coords.length)
            await tx
              .insertInto('taskCoordinator')
              .values(coords.map((unitId) => ({ taskId, unitId })))
              .execute();
          if (t.indexLinks?.length) {
            await tx
              .insertInto('taskIndexLink')
              .values(t.indexLinks.map((l) => ({ taskId, indexCode: l.index, componentCode: l.component })))
              .onConflict((oc) => oc.doNothing())
              .execute();
          }
        }
      }
    }
    await recordAudit(tx, ctx, 'directive.create', {
      entityType: 'directive',
      entityId: id,
      after: {
        number: input.number,
        kind: input.kind,
        date: input.date,
        title: input.title,
        sections: input.sections.length,
        tasks: count,
      },
    });
    await syncObligations(tx, s.calendar(), newTaskIds);
    return { id, tasks: count };
  });
}

/** A directive's original document is a file in core's store linked to the directive. */
export const SOURCE_OWNER = 'directive_source';

/** Stores the file as the directive's source, replacing the previous one; returns the previous name. */
export async function storeSource(s: AppServices, tx: Db, directiveId: number, file: UploadedFile, userId: number | null) {
  const previous = await s.files.linksOf(tx, SOURCE_OWNER, [directiveId]);
  const link = await s.files.attach(tx, {
    data: file.data,
    filename: file.filename,
    mime: file.mimetype,
    ownerType: SOURCE_OWNER,
    ownerId: directiveId,
    unitId: null,
    uploadedBy: userId,
  });
  for (const p of previous) await s.files.detach(tx, p.id);
  await tx
    .updateTable('directive')
    .set({ sourceFilename: file.filename, sourceMime: file.mimetype })
    .where('id', '=', directiveId)
    .execute();
  return link;
}

export async function attachSource(s: AppServices, ctx: RequestContext, actor: Actor, id: number, file: UploadedFile) {
  authorize(actor, 'directive.create');
  const d = await s.db
    .selectFrom('directive')
    .select(['id', 'sourceFilename'])
    .where('id', '=', id)
    .where('provinceCode', '=', s.provinceCode)
    .executeTakeFirst();
  if (!d) throw new AppError('NOT_FOUND', `Không có văn bản số ${id}.`, 404);
  if (!file.data.length) throw new AppError('EMPTY_FILE', `Tệp "${file.filename}" rỗng.`);
  await inTransaction(s.db, async (tx) => {
    const link = await storeSource(s, tx, id, file, actor.userId);
    await recordAudit(tx, ctx, 'directive.source', {
      entityType: 'directive',
      entityId: id,
      before: { file: d.sourceFilename },
      after: { file: file.filename, size: file.data.length, sha256: link.sha256 },
    });
  });
  return { ok: true };
}

export async function getSource(s: AppServices, actor: Actor, id: number) {
  authorize(actor, 'directive.read');
  await assertVisible(s, actor, id);
  const link = (await s.files.linksOf(s.db, SOURCE_OWNER, [id])).at(-1); // the newest
  if (!link) throw new AppError('NOT_FOUND', 'Văn bản này chưa có tệp gốc.', 404);
  return { filename: link.filename, mime: link.mime, data: await s.files.read(link) };
}

// ---- read -----------------------------------------------------------------------------------------

export type { Counts } from './task.status';

export function countStatuses(tasks: TaskView[]): Counts {
  const c: Counts = { tasks: tasks.length, done: 0, doneOnTime: 0, overdue: 0, inProgress: 0, notStarted: 0 };
  for (const t of tasks) {
    if (isDone(t.status)) c.done++;
    if (t.status === 'done_on_time') c.doneOnTime++;
    if (t.status === 'overdue') c.overdue++;
    if (t.status === 'in_progress') c.inProgress++;
    if (t.status === 'not_started') c.notStarted++;
  }
  return c;
}

export function byUnit(tasks: TaskView[]) {
  const m = new Map<string, { unitCode: string; unitName: string; list: TaskView[] }>();
  for (const t of tasks) {
    const e = m.get(t.leadUnitCode) ?? { unitCode: t.leadUnitCode, unitName: t.leadUnitName, list: [] };
    e.list.push(t);
    m.set(t.leadUnitCode, e);
  }
  return [...m.values()]
    .map((e) => ({ unitCode: e.unitCode, unitName: e.unitName, ...countStatuses(e.list) }))
    .sort((a, b) => b.overdue - a.overdue || a.unitName.localeCompare(b.unitName, 'vi'));
}

/**
 * A directive is visible to the province's roles, and to a unit when it gives the unit (or a unit under
 * it) a task to lead or to coordinate; otherwise it answers 404 like a directive that does not exist.
 */
async function assertVisible(s: AppServices, actor: Actor, id: number): Promise<void> {
  const d = await s.db
    .selectFrom('directive')
    .select('id')
    .where('id', '=', id)
    .where('provinceCode', '=', s.provinceCode)
    .executeTakeFirst();
  if (!d) throw new AppError('NOT_FOUND', `Không có văn bản số ${id}.`, 404);
  if (actor.scope.kind === 'province') return;
  const ids = actor.scope.unitIds.length ? [...actor.scope.unitIds] : [-1];
  const hit = await s.db
    .selectFrom('task as t')
    .select('t.id')
    .where('t.directiveId', '=', id)
    .where((eb) =>
      eb.or([
        eb('t.leadUnitId', 'in', ids),
        eb.exists(eb.selectFrom('taskCoordinator as c').select('c.taskId').whereRef('c.taskId', '=', 't.id').where('c.unitId', 'in', ids)),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  if (!hit) throw new AppError('NOT_FOUND', `Không có văn bản số ${id} hoặc văn bản không giao nhiệm vụ cho đơn vị của bạn.`, 404);
}

async function loadDirective(s: AppServices, id: number) {
  const d = await s.db
    .selectFrom('directive')
    .select(['id', 'number', 'kind', 'issuedOn', 'issuer', 'title', 'status', 'sourceFilename', 'createdAt'])
    .where('id', '=', id)
    .where('provinceCode', '=', s.provinceCode)
    .executeTakeFirst();
  if (!d) throw new AppError('NOT_FOUND', `Không có văn bản số ${id}.`, 404);
  return d;
}

export async function directiveProgress(s: AppServices, actor: Actor, id: number, asOf?: string) {
  authorize(actor, 'directive.read');
  await loadDirective(s, id);
  await assertVisible(s, actor, id);
  return byUnit(await loadTasks(s, actor, { directiveId: id }, asOf));
}

export async function getDirective(s: AppServices, actor: Actor, id: number) {
  authorize(actor, 'directive.read');
  const d = await loadDirective(s, id);
  await assertVisible(s, actor, id);
  const tasks = await loadTasks(s, actor, { directiveId: id });
  const sections = await s.db
    .selectFrom('directiveSection as s')
    .leftJoin('unit as u', 'u.id', 's.leadUnitId')
    .select(['s.id', 's.number', 's.heading', 's.groupKind', 'u.code as leadUnitCode', 'u.name as leadUnitName'])
    .where('s.directiveId', '=', id)
    .orderBy('s.sortOrder')
    .execute();
  return {
    ...d,
    kindLabel: KIND_LABELS[d.kind as DirectiveKind] ?? d.kind,
    createdAt: formatLocalDateTime(d.createdAt),
    counts: countStatuses(tasks),
    progress: byUnit(tasks),
    sections: sections
      .map((sec) => ({ ...sec, tasks: tasks.filter((t) => t.sectionId === sec.id).map(presentTaskSummary) }))
      .filter((sec) => sec.tasks.length),
  };
}

export function presentTaskSummary(t: TaskView) {
  const current = t.obligations.find((o) => !isDone(o.status)) ?? t.obligations[t.obligations.length - 1];
  return {
    id: t.id,
    label: t.label,
    content: t.content,
    leadUnitCode: t.leadUnitCode,
    leadUnitName: t.leadUnitName,
    groupKey: t.groupKey,
    status: t.status,
    statusLabel: t.statusLabel,
    dueDate: t.dueDate,
    recurrence: t.recurrence,
    nextDueDate: t.nextDueDate,
    daysLate: Math.max(0, ...t.obligations.map((o) => o.daysLate)),
    reportState: current?.report?.state ?? null,
    directiveId: t.directiveId,
    directiveNumber: t.directiveNumber,
    indexLinks: t.indexLinks,
  };
}

/**
 * One page of the directives the actor sees (the province's roles: all; a unit: those giving it a task),
 * newest first, searched by number or title without accents, with task counts from SQL.
 */
export async function listDirectives(
  s: AppServices,
  actor: Actor,
  q: { q?: string; limit: number; offset: number } = { limit: 50, offset: 0 },
) {
  authorize(actor, 'directive.read');
  let query = s.db.selectFrom('directive as d').where('d.provinceCode', '=', s.provinceCode);
  if (actor.scope.kind === 'units') {
    const ids = actor.scope.unitIds.length ? [...actor.scope.unitIds] : [-1];
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('task as t')
          .select('t.id')
          .whereRef('t.directiveId', '=', 'd.id')
          .where((e) =>
            e.or([
              e('t.leadUnitId', 'in', ids),
              e.exists(
                e.selectFrom('taskCoordinator as c').select('c.taskId').whereRef('c.taskId', '=', 't.id').where('c.unitId', 'in', ids),
              ),
            ]),
          ),
      ),
    );
  }
  if (q.q?.trim()) {
    const like = foldedLike(q.q);
    query = query.where((eb) => eb.or([eb(foldedSql('d.number'), 'like', like), eb(foldedSql('d.title'), 'like', like)]));
  }
  const rows = await query
    .select([
      'd.id',
      'd.number',
      'd.kind',
      'd.issuedOn',
      'd.issuer',
      'd.title',
      'd.status',
      'd.sourceFilename',
      sql<number>`count(*) over ()`.as('total'),
    ])
    .orderBy('d.issuedOn', 'desc')
    .orderBy('d.id', 'desc')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  const ids = rows.map((r) => Number(r.id));
  const counts = ids.length
    ? await status.countByDirective(s.db, { scope: actor.scope, provinceCode: s.provinceCode, asOf: s.today(), directiveIds: ids })
    : [];
  const byId = new Map(counts.map((c) => [Number(c.id), c]));
  const none = { tasks: 0, done: 0, doneOnTime: 0, overdue: 0, inProgress: 0, notStarted: 0 };
  return {
    total: rows.length ? Number(rows[0]!.total) : 0,
    rows: rows.map(({ total: _total, ...d }) => {
      const c = byId.get(Number(d.id));
      return { ...d, kindLabel: KIND_LABELS[d.kind as DirectiveKind] ?? d.kind, ...none, ...(c && pickCounts(c)) };
    }),
  };
}

const { pickCounts } = status;

/** The overdue tasks a dashboard lists (the most days late first); the rest are one click away in the task list. */
export const DASHBOARD_OVERDUE = 20;

/**
 * What a leader sees: totals, per unit, per directive, the most overdue tasks and the monthly trend —
 * all SQL aggregates over the derived status; only the listed overdue tasks are loaded.
 */
export async function dashboard(s: AppServices, actor: Actor, q: { asOf?: string; unitCode?: string }) {
  authorize(actor, 'directive.read');
  const asOf = q.asOf ?? s.today();
  const f: status.TaskQuery = { scope: actor.scope, provinceCode: s.provinceCode, asOf };
  if (q.unitCode) {
    const unit = await resolveScopedUnit(s, actor, q.unitCode);
    if (unit.code !== s.provinceCode) f.leadUnitId = Number(unit.id);
  }
  const [groups, overdue, trend] = await Promise.all([
    status.countGroups(s.db, f),
    status.pageTaskIds(s.db, { ...f, status: 'overdue' }, { limit: DASHBOARD_OVERDUE, offset: 0, sort: 'overdue' }),
    status.acceptedTrend(s.db, f),
  ]);
  return {
    asOf,
    totals: groups.totals,
    byUnit: groups.byUnit.sort((a, b) => b.overdue - a.overdue || a.unitName.localeCompare(b.unitName, 'vi')),
    byDirective: groups.byDirective,
    overdue: (await tasksInOrder(s, actor, overdue.ids, asOf)).map(presentTaskSummary),
    overdueTotal: overdue.total,
    trend,
  };
}

/** Full task views for a page of ids, in the page's order. */
export async function tasksInOrder(s: AppServices, actor: Actor, ids: number[], asOf?: string): Promise<TaskView[]> {
  if (!ids.length) return [];
  const views = await loadTasks(s, actor, { taskIds: ids }, asOf);
  const byId = new Map(views.map((t) => [t.id, t]));
  return ids.map((id) => byId.get(id)).filter((t): t is TaskView => !!t);
}

/** `GET /api/tasks`: one page of the caller's tasks, filtered, searched and sorted in SQL. */
export async function listTaskPage(
  s: AppServices,
  actor: Actor,
  q: { status?: TaskStatus; unit?: string; directive?: number; q?: string; sort?: status.TaskSort; limit: number; offset: number },
) {
  authorize(actor, 'directive.read');
  const asOf = s.today();
  const f: status.TaskQuery = {
    scope: actor.scope,
    provinceCode: s.provinceCode,
    asOf,
    directiveId: q.directive,
    status: q.status,
    q: q.q?.trim() || undefined,
  };
  if (q.unit) {
    const unit = await resolveScopedUnit(s, actor, q.unit);
    if (unit.code !== s.provinceCode) f.leadUnitId = Number(unit.id);
  }
  const page = await status.pageTaskIds(s.db, f, {
    limit: q.limit,
    offset: q.offset,
    sort: q.sort ?? (q.status === 'overdue' ? 'overdue' : 'directive'),
  });
  return { total: page.total, rows: (await tasksInOrder(s, actor, page.ids, asOf)).map(presentTaskSummary) };
}
