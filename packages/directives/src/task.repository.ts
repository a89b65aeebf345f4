import type { Db, Scope } from '@cchc/core';

export interface TaskRow {
  id: number;
  directiveId: number;
  directiveNumber: string;
  directiveTitle: string;
  issuedOn: string;
  sectionId: number;
  sectionNumber: string;
  sectionHeading: string;
  groupKey: string | null;
  label: string;
  content: string;
  leadUnitId: number;
  leadUnitCode: string;
  leadUnitName: string;
  provinceCode: string;
  priority: string;
  expectedOutput: string | null;
  dueDate: string | null;
  recurrence: 'monthly' | 'quarterly' | 'half_yearly' | 'yearly' | null;
  reportDays: number | null;
  recurUntil: string | null;
  cancelledAt: Date | null;
  cancelReason: string | null;
}

export interface TaskFilter {
  scope: Scope;
  directiveId?: number;
  unitId?: number;
  taskIds?: number[];
  /** Removed tasks too (a directive's history, the page of a removed task). */
  includeCancelled?: boolean;
}

export async function listTasks(db: Db, f: TaskFilter): Promise<TaskRow[]> {
  let q = db
    .selectFrom('task as t')
    .innerJoin('directive as d', 'd.id', 't.directiveId')
    .innerJoin('directiveSection as s', 's.id', 't.sectionId')
    .innerJoin('unit as u', 'u.id', 't.leadUnitId')
    .select([
      't.id',
      't.directiveId',
      'd.number as directiveNumber',
      'd.title as directiveTitle',
      'd.issuedOn',
      't.sectionId',
      's.number as sectionNumber',
      's.heading as sectionHeading',
      't.groupKey',
      't.label',
      't.content',
      't.leadUnitId',
      'u.code as leadUnitCode',
      'u.name as leadUnitName',
      'd.provinceCode',
      't.priority',
      't.expectedOutput',
      't.dueDate',
      't.recurrence',
      't.reportDays',
      't.recurUntil',
      't.cancelledAt',
      't.cancelReason',
    ])
    .orderBy('d.issuedOn', 'desc')
    .orderBy('s.sortOrder')
    .orderBy('t.id');
  if (f.scope.kind === 'province') q = q.where('d.provinceCode', '=', f.scope.provinceCode);
  else {
    const ids = f.scope.unitIds.length ? [...f.scope.unitIds] : [-1];
    q = q.where((eb) =>
      eb.or([
        eb('t.leadUnitId', 'in', ids),
        eb.exists(eb.selectFrom('taskCoordinator as c').select('c.taskId').whereRef('c.taskId', '=', 't.id').where('c.unitId', 'in', ids)),
      ]),
    );
  }
  if (f.directiveId !== undefined) q = q.where('t.directiveId', '=', f.directiveId);
  if (f.unitId !== undefined) q = q.where('t.leadUnitId', '=', f.unitId);
  if (f.taskIds) q = q.where('t.id', 'in', f.taskIds.length ? f.taskIds : [-1]);
  if (!f.includeCancelled) q = q.where('t.cancelledAt', 'is', null);
  return (await q.execute()) as TaskRow[];
}

export interface ReportRow {
  id: number;
  taskId: number;
  periodKey: string;
  content: string;
  percent: number;
  state: 'draft' | 'submitted' | 'accepted' | 'returned';
  writtenByName: string | null;
  updatedAt: Date;
  submittedAt: Date | null;
  submittedByName: string | null;
  reviewedAt: Date | null;
  reviewedByName: string | null;
  reviewNote: string | null;
  version: number;
}

export async function reportsFor(db: Db, taskIds: number[]): Promise<ReportRow[]> {
  if (!taskIds.length) return [];
  return (await db
    .selectFrom('taskReport as r')
    .leftJoin('appUser as w', 'w.id', 'r.writtenBy')
    .leftJoin('appUser as sb', 'sb.id', 'r.submittedBy')
    .leftJoin('appUser as rv', 'rv.id', 'r.reviewedBy')
    .select([
      'r.id',
      'r.taskId',
      'r.periodKey',
      'r.content',
      'r.percent',
      'r.state',
      'w.fullName as writtenByName',
      'r.updatedAt',
      'r.submittedAt',
      'sb.fullName as submittedByName',
      'r.reviewedAt',
      'rv.fullName as reviewedByName',
      'r.reviewNote',
      'r.version',
    ])
    .where('r.taskId', 'in', taskIds)
    .execute()) as ReportRow[];
}

export async function coordinatorsFor(db: Db, taskIds: number[]) {
  if (!taskIds.length) return [];
  return db
    .selectFrom('taskCoordinator as c')
    .innerJoin('unit as u', 'u.id', 'c.unitId')
    .select(['c.taskId', 'u.id as unitId', 'u.code', 'u.name'])
    .where('c.taskId', 'in', taskIds)
    .execute();
}

export async function indexLinksFor(db: Db, taskIds: number[]) {
  if (!taskIds.length) return [];
  return db.selectFrom('taskIndexLink').select(['taskId', 'indexCode', 'componentCode']).where('taskId', 'in', taskIds).execute();
}

export async function tasksLinkedTo(db: Db, provinceCode: string, indexCode: string) {
  return db
    .selectFrom('taskIndexLink as l')
    .innerJoin('task as t', 't.id', 'l.taskId')
    .innerJoin('directive as d', 'd.id', 't.directiveId')
    .select(['l.componentCode', 't.id'])
    .where('d.provinceCode', '=', provinceCode)
    .where('l.indexCode', '=', indexCode)
    .execute();
}
