/**
 * Tasks handed over by other modules through core's seam (a feedback case's remedy, an inspection
 * finding): each goes under a yearly container plan of its source ("Nhiệm vụ từ phản ánh, kiến nghị năm
 * 2026"), for the unit, with its due date, and then has the task list's report workflow like any task.
 */
import { sql } from 'kysely';
import { AppError, recordAudit, type TaskIntake } from '@cchc/core';
import { syncObligations } from './task.obligations';
import { taskStatuses } from './task.status';
import { STATUS_LABELS, type TaskStatus } from './task.domain';

export const directivesTaskIntake: TaskIntake = {
  async create(s, tx, ctx, actor, t) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(t.dueDate) || t.dueDate < s.today())
      throw new AppError('VALIDATION', `Hạn của nhiệm vụ (trường "dueDate") phải là một ngày từ hôm nay trở đi: "${t.dueDate}".`, 400, {
        field: 'dueDate',
      });
    const content = t.content.trim();
    if (content.length < 10)
      throw new AppError('VALIDATION', 'Nội dung nhiệm vụ (trường "content") cần ít nhất 10 ký tự.', 400, { field: 'content' });
    let container = await tx
      .selectFrom('directive')
      .select('id')
      .where('provinceCode', '=', s.provinceCode)
      .where('number', '=', t.container.number)
      .where('kind', '=', 'tong_hop')
      .executeTakeFirst();
    if (!container) {
      container = await tx
        .insertInto('directive')
        .values({
          provinceCode: s.provinceCode,
          number: t.container.number,
          kind: 'tong_hop',
          issuedOn: s.today(),
          issuer: t.container.issuer,
          title: t.container.title,
          createdBy: actor.userId || null,
          createdAt: s.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('directiveSection')
        .values({ directiveId: container.id, number: '1.', heading: t.container.title, leadUnitId: null, groupKind: null, sortOrder: 1 })
        .execute();
    }
    const section = await tx
      .selectFrom('directiveSection')
      .select('id')
      .where('directiveId', '=', container.id)
      .orderBy('sortOrder')
      .executeTakeFirstOrThrow();
    const n = await tx
      .selectFrom('task')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('directiveId', '=', container.id)
      .executeTakeFirstOrThrow();
    const task = await tx
      .insertInto('task')
      .values({
        directiveId: container.id,
        sectionId: section.id,
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
};
