/** Reading directives and tasks: progress by unit, the directive list, the dashboard, task pages. */
import { sql } from 'kysely';
import {
  AppError,
  abilities,
  authorize,
  foldedLike,
  foldedSql,
  resolveScopedUnit,
  formatLocalDateTime,
  hasRole,
  type Actor,
  type AppServices,
} from '@cchc/core';
import { KIND_LABELS, type DirectiveKind } from './parser/directive-parser';
import { STATUS_LABELS, isDone, type TaskStatus } from './task.domain';
import { loadTasks, type TaskView } from './task.service';
import * as status from './task.status';
// ---- read -----------------------------------------------------------------------------------------

export type { Counts } from './task.status';

/**
 * A directive is visible to the province's roles, and to a unit when it gives the unit (or a unit under
 * it) a task to lead or to coordinate; otherwise it answers 404 like a directive that does not exist.
 */
/** A unit sees a directive only when it gives the unit (or a child) a task; 404 otherwise. */
export async function assertVisible(s: AppServices, actor: Actor, id: number): Promise<void> {
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
    .select([
      'id',
      'number',
      'kind',
      'issuedOn',
      'issuer',
      'title',
      'status',
      'sourceFilename',
      'createdAt',
      'withdrawnAt',
      'withdrawReason',
    ])
    .where('id', '=', id)
    .where('provinceCode', '=', s.provinceCode)
    .executeTakeFirst();
  if (!d) throw new AppError('NOT_FOUND', `Không có văn bản số ${id}.`, 404);
  return d;
}

/** The directive's tasks in the caller's scope as a task query (the figures of its page, in SQL). */
const directiveQuery = (s: AppServices, actor: Actor, id: number, asOf = s.today()): status.TaskQuery => ({
  scope: actor.scope,
  provinceCode: s.provinceCode,
  asOf,
  directiveId: id,
});

export async function directiveProgress(s: AppServices, actor: Actor, id: number, asOf?: string) {
  authorize(actor, 'directive.read');
  await loadDirective(s, id);
  await assertVisible(s, actor, id);
  return (await status.countGroups(s.db, directiveQuery(s, actor, id, asOf))).byUnit;
}

/**
 * A directive's page: its header, figures by lead unit and each section's counts — all aggregates; the
 * tasks of a section are paged from `GET /api/tasks?directive=&section=` when it is opened.
 */
export async function getDirective(s: AppServices, actor: Actor, id: number) {
  authorize(actor, 'directive.read');
  const d = await loadDirective(s, id);
  await assertVisible(s, actor, id);
  const f = directiveQuery(s, actor, id);
  const [groups, active, cancelled, sections, report] = await Promise.all([
    status.countGroups(s.db, f),
    status.countBySection(s.db, f),
    status.countBySection(s.db, { ...f, status: 'cancelled' }),
    s.db
      .selectFrom('directiveSection as s')
      .leftJoin('unit as u', 'u.id', 's.leadUnitId')
      .select(['s.id', 's.number', 's.heading', 's.groupKind', 'u.code as leadUnitCode', 'u.name as leadUnitName'])
      .where('s.directiveId', '=', id)
      .orderBy('s.sortOrder')
      .execute(),
    s.db
      .selectFrom('taskReport as r')
      .innerJoin('task as t', 't.id', 'r.taskId')
      .select('r.id')
      .where('t.directiveId', '=', id)
      .limit(1)
      .executeTakeFirst(),
  ]);
  return {
    ...d,
    kindLabel: KIND_LABELS[d.kind as DirectiveKind] ?? d.kind,
    createdAt: formatLocalDateTime(d.createdAt),
    withdrawnAt: d.withdrawnAt ? formatLocalDateTime(d.withdrawnAt) : null,
    counts: groups.totals,
    progress: groups.byUnit,
    sections: sections
      .map((sec) => ({
        ...sec,
        id: Number(sec.id),
        taskCount: active.get(Number(sec.id))?.tasks ?? 0,
        overdue: active.get(Number(sec.id))?.overdue ?? 0,
        cancelled: cancelled.get(Number(sec.id))?.tasks ?? 0,
      }))
      .filter((sec) => sec.taskCount + sec.cancelled > 0),
    /** Whether the office may still delete it (no report written yet), and what the caller may do. */
    hasReports: !!report,
    abilities: abilities(actor, undefined, ['directive.edit', 'directive.withdraw', 'directive.delete']),
  };
}

export function presentTaskSummary(t: TaskView) {
  const current = t.obligations.find((o) => !isDone(o.status)) ?? t.obligations[t.obligations.length - 1];
  // The period whose state gives the task its status (the first overdue one, else the latest of that state).
  const decisive =
    t.status === 'overdue' ? t.obligations.find((o) => o.status === 'overdue') : t.obligations.findLast((o) => o.status === t.status);
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
    daysLate: t.cancelledAt ? 0 : Math.max(0, ...t.obligations.map((o) => o.daysLate)),
    reportState: current?.report?.state ?? null,
    /** The period the next deadline and the report state belong to ("Quý III/2026"; "Một lần"). */
    periodLabel: current?.periodLabel ?? null,
    statusPeriodLabel: t.recurrence ? (decisive?.periodLabel ?? null) : null,
    cancelReason: t.cancelReason,
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

/** The tasks a leader's figures count: the caller's scope, as of a date, optionally one unit's (led by it). */
async function readingQuery(s: AppServices, actor: Actor, q: { asOf?: string; unitCode?: string }): Promise<status.TaskQuery> {
  authorize(actor, 'directive.read');
  const f: status.TaskQuery = { scope: actor.scope, provinceCode: s.provinceCode, asOf: q.asOf ?? s.today() };
  if (q.unitCode) {
    const unit = await resolveScopedUnit(s, actor, q.unitCode);
    if (unit.code !== s.provinceCode) f.leadUnitId = Number(unit.id);
  }
  return f;
}

/** The overdue tasks a dashboard lists (the most days late first); the rest are one click away in the task list. */
export const DASHBOARD_OVERDUE = 20;

/**
 * What a leader sees: totals, per unit, per directive, the most overdue tasks and the monthly trend —
 * all SQL aggregates over the derived status; only the listed overdue tasks are loaded.
 */
export async function dashboard(s: AppServices, actor: Actor, q: { asOf?: string; unitCode?: string }) {
  const f = await readingQuery(s, actor, q);
  const asOf = f.asOf;
  const [groups, overdue, trend] = await Promise.all([
    status.countGroups(s.db, f),
    status.pageTaskIds(s.db, { ...f, status: 'overdue' }, { limit: DASHBOARD_OVERDUE, offset: 0, sort: 'overdue' }),
    status.acceptedTrend(s.db, f),
  ]);
  return {
    asOf,
    totals: groups.totals,
    byUnit: groups.byUnit,
    byDirective: groups.byDirective,
    overdue: (await tasksInOrder(s, actor, overdue.ids, asOf)).map(presentTaskSummary),
    overdueTotal: overdue.total,
    trend,
  };
}

/** The totals alone (the home page's figures): one aggregate, none of the dashboard's lists. */
export async function summary(s: AppServices, actor: Actor, q: { asOf?: string; unitCode?: string }) {
  const f = await readingQuery(s, actor, q);
  return { asOf: f.asOf, totals: pickCounts(await status.countTotals(s.db, f)) };
}

/** Full task views for a page of ids, in the page's order. */
export async function tasksInOrder(s: AppServices, actor: Actor, ids: number[], asOf?: string): Promise<TaskView[]> {
  if (!ids.length) return [];
  // The ids were chosen by the scoped query (removed tasks only when asked for): load them as they are.
  const views = await loadTasks(s, actor, { taskIds: ids, includeCancelled: true }, asOf);
  const byId = new Map(views.map((t) => [t.id, t]));
  return ids.map((id) => byId.get(id)).filter((t): t is TaskView => !!t);
}

export interface TaskListQuery {
  status?: TaskStatus;
  unit?: string;
  directive?: number;
  /** A section of the directive (with `directive`). */
  section?: number;
  q?: string;
  dueFrom?: string;
  dueTo?: string;
  /** "PAPI" or "PAPI:D6": tasks protecting that index (component). */
  index?: string;
  reportState?: status.TaskQuery['reportState'];
  sort?: status.TaskSort;
}

/** The list's filters as a task query in the caller's scope. */
async function taskQueryOf(s: AppServices, actor: Actor, q: TaskListQuery, asOf: string): Promise<status.TaskQuery> {
  const [indexCode, componentCode] = q.index ? q.index.split(':') : [];
  const f: status.TaskQuery = {
    scope: actor.scope,
    provinceCode: s.provinceCode,
    asOf,
    directiveId: q.directive,
    sectionId: q.section,
    status: q.status,
    q: q.q?.trim() || undefined,
    dueFrom: q.dueFrom,
    dueTo: q.dueTo,
    indexCode: indexCode || undefined,
    componentCode: componentCode || undefined,
    reportState: q.reportState,
  };
  if (q.dueFrom && q.dueTo && q.dueFrom > q.dueTo)
    throw new AppError('INVALID_RANGE', `Khoảng thời hạn không hợp lệ: "từ ngày" ${q.dueFrom} sau "đến ngày" ${q.dueTo}.`);
  if (q.unit) {
    const unit = await resolveScopedUnit(s, actor, q.unit);
    if (unit.code !== s.provinceCode) f.leadUnitId = Number(unit.id);
  }
  return f;
}

const defaultSort = (q: TaskListQuery): status.TaskSort => q.sort ?? (q.status === 'overdue' ? 'overdue' : 'directive');

/** `GET /api/tasks`: one page of the caller's tasks, filtered, searched and sorted in SQL. */
export async function listTaskPage(s: AppServices, actor: Actor, q: TaskListQuery & { limit: number; offset: number }) {
  authorize(actor, 'directive.read');
  const asOf = s.today();
  const f = await taskQueryOf(s, actor, q, asOf);
  const page = await status.pageTaskIds(s.db, f, { limit: q.limit, offset: q.offset, sort: defaultSort(q) });
  return { total: page.total, rows: (await tasksInOrder(s, actor, page.ids, asOf)).map(presentTaskSummary) };
}

/** The most rows one export holds (the province has about 5.000 tasks a year). */
export const TASK_EXPORT_LIMIT = 20_000;

/** `GET /api/tasks.xlsx`: the filtered list as a workbook, read in one SQL query (no per-task loading). */
export async function exportTaskList(s: AppServices, actor: Actor, q: TaskListQuery) {
  authorize(actor, 'directive.read');
  const asOf = s.today();
  const f = await taskQueryOf(s, actor, q, asOf);
  const rows = await status.exportRows(s.db, f, defaultSort(q), TASK_EXPORT_LIMIT);
  return rows.map((r) => ({
    ...r,
    statusLabel: STATUS_LABELS[r.status] ?? r.status,
    reportStateLabel: REPORT_STATE_LABELS[r.reportState ?? 'none'],
  }));
}

export const REPORT_STATE_LABELS: Record<string, string> = {
  none: 'Chưa báo cáo',
  draft: 'Đang soạn',
  submitted: 'Chờ thẩm định',
  returned: 'Bị trả lại',
  accepted: 'Đã chấp nhận',
};

/**
 * What waits for the caller: reports to review (Sở Nội vụ), drafts to send (the unit head), returned
 * reports to rewrite (the unit) — counted in SQL over the caller's scope.
 */
export async function waitingForMe(s: AppServices, actor: Actor) {
  authorize(actor, 'directive.read');
  const base: status.TaskQuery = { scope: actor.scope, provinceCode: s.provinceCode, asOf: s.today() };
  const count = async (reportState: status.TaskQuery['reportState']) => (await status.countTotals(s.db, { ...base, reportState })).tasks;
  const reviews = hasRole(actor, 'admin', 'cchc_office');
  const unit = actor.scope.kind === 'units' && hasRole(actor, 'unit_head', 'focal_point');
  return {
    toReview: reviews ? await count('submitted') : 0,
    toSubmit: unit && hasRole(actor, 'unit_head') ? await count('draft') : 0,
    returned: unit ? await count('returned') : 0,
  };
}
