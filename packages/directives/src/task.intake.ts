/**
 * Tasks handed over by other modules through core's seam (a feedback case's remedy, an inspection
 * finding): each goes under a yearly container plan of its source ("Nhiệm vụ từ phản ánh, kiến nghị năm
 * 2026"), for the unit, with its due date, and then has the task list's report workflow like any task.
 */
import { sql } from 'kysely';
import { AppError, recordAudit, type AppServices, type Db, type TaskIntake, type TaskRequest } from '@cchc/core';
import { syncObligations } from './task.obligations';
import { taskStatuses } from './task.status';
import { STATUS_LABELS, type TaskStatus } from './task.domain';

/** The yearly container plan of a source (created on first use) and its one section. */
async function containerOf(s: AppServices, tx: Db, c: TaskRequest['container'], issuedOn: string, createdBy: number | null) {
  let container = await tx
    .selectFrom('directive')
    .select('id')
    .where('provinceCode', '=', s.provinceCode)
    .where('number', '=', c.number)
    .where('kind', '=', 'tong_hop')
    .executeTakeFirst();
  if (!container) {
    container = await tx
      .insertInto('directive')
      .values({
        provinceCode: s.provinceCode,
        number: c.number,
        kind: 'tong_hop',
        issuedOn,
        issuer: c.issuer,
        title: c.title,
        createdBy,
        createdAt: s.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('directiveSection')
      .values({ directiveId: container.id, number: '1.', heading: c.title, leadUnitId: null, groupKind: null, sortOrder: 1 })
      .execute();
  }
  const section = await tx
    .selectFrom('directiveSection')
    .select('id')
    .where('directiveId', '=', container.id)
    .orderBy('sortOrder')
    .executeTakeFirstOrThrow();
  return { id: Number(container.id), sectionId: Number(section.id) };
}

export const directivesTaskIntake: TaskIntake = {
  async create(s, tx, ctx, actor, t) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(t.dueDate) || t.dueDate < s.today())
      throw new AppError('VALIDATION', `Hạn của nhiệm vụ (trường "dueDate") phải là một ngày từ hôm nay trở đi: "${t.dueDate}".`, 400, {
        field: 'dueDate',
      });
    const content = t.content.trim();
    if (content.length < 10)
      throw new AppError('VALIDATION', 'Nội dung nhiệm vụ (trường "content") cần ít nhất 10 ký tự.', 400, { field: 'content' });
    const { id: containerId, sectionId } = await containerOf(s, tx, t.container, s.today(), actor.userId || null);
    const n = await tx
      .selectFrom('task')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('directiveId', '=', containerId)
      .executeTakeFirstOrThrow();
    const task = await tx
      .insertInto('task')
      .values({
        directiveId: containerId,
        sectionId,
        groupKey: null,
        label: `${Number(n.n) + 1}.`,
        content: `${content} (Nguồn: ${t.source.ref})`,
        leadUnitId: t.unitId,
        expectedOutput: null,
        dueDate: t.dueDate,
        recurrence: null,
        reportDays: null,
        recurUntil: null,
        createdAt: s.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await syncObligations(tx, s.calendar(), [Number(task.id)]);
    await recordAudit(tx, ctx, 'task.create', {
      entityType: 'task',
      entityId: Number(task.id),
      unitId: t.unitId,
      after: { directive: t.container.number, content, dueDate: t.dueDate, source: t.source },
    });
    s.cache.bump('tasks');
    return { taskId: Number(task.id), link: `/directives/tasks/${task.id}` };
  },

  async states(s, taskIds) {
    if (!taskIds.length) return new Map();
    const rows = await sql<{
      taskId: number;
      status: TaskStatus;
    }>`select task_id as "taskId", status from ${taskStatuses(s.today(), [...taskIds])} t`.execute(s.db);
    return new Map(rows.rows.map((r) => [Number(r.taskId), { status: r.status, label: STATUS_LABELS[r.status] }]));
  },

  async seed(s, tx, tasks) {
    const ids: number[] = [];
    const byContainer = new Map<string, typeof tasks>();
    for (const t of tasks) byContainer.set(t.container.number, [...(byContainer.get(t.container.number) ?? []), t]);
    const idOf = new Map<(typeof tasks)[number], number>();
    for (const group of byContainer.values()) {
      const first = group.reduce((a, t) => (t.issuedOn < a ? t.issuedOn : a), group[0]!.issuedOn);
      const c = await containerOf(s, tx, group[0]!.container, first, null);
      const rows = await tx
        .insertInto('task')
        .values(
          group.map((t, i) => ({
            directiveId: c.id,
            sectionId: c.sectionId,
            groupKey: null,
            label: `${i + 1}.`,
            content: `${t.content} (Nguồn: ${t.source.ref})`,
            leadUnitId: t.unitId,
            expectedOutput: null,
            dueDate: t.dueDate,
            recurrence: null,
            reportDays: null,
            recurUntil: null,
            createdAt: s.now(),
          })),
        )
        .returning('id')
        .execute();
      group.forEach((t, i) => idOf.set(t, Number(rows[i]!.id)));
      await syncObligations(
        tx,
        s.calendar(),
        rows.map((r) => Number(r.id)),
      );
      const reports = group.flatMap((t, i) =>
        t.report
          ? [
              {
                taskId: Number(rows[i]!.id),
                periodKey: 'once',
                content: t.report.content,
                percent: t.report.state === 'accepted' ? 100 : 60,
                state: t.report.state,
                writtenBy: null,
                updatedAt: t.report.at,
                submittedBy: null,
                submittedAt: t.report.state === 'draft' ? null : t.report.at,
                reviewedBy: null,
                reviewedAt: t.report.state === 'accepted' ? t.report.at : null,
                reviewNote: null,
              },
            ]
          : [],
      );
      if (reports.length) await tx.insertInto('taskReport').values(reports).execute();
    }
    for (const t of tasks) ids.push(idOf.get(t)!);
    return ids;
  },
};
