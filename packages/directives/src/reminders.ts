/**
 * Reminders and escalation of tasks, as a reminder source of core's scheduler. A pass looks at every open
 * obligation and creates the notifications it calls for; core's once-key (user, kind, task, period)
 * makes each reminder happen once, whatever restarts or overlapping passes do.
 */
import { addWorkingDays, formatDate, formatNumber, systemActor, type ReminderContext, type ReminderSource } from '@cchc/core';
import { reminderFor, type ReminderKind } from './task.domain';
import { loadTasks } from './task.service';
import { countGroups } from './task.status';

const KIND_TEXT: Record<ReminderKind, (task: string, due: string, unit: string) => { title: string; body: string }> = {
  due_soon: (task, due, unit) => ({
    title: `Sắp đến hạn: ${task}`,
    body: `Nhiệm vụ của ${unit} đến hạn ngày ${due}. Hãy cập nhật tiến độ và gửi báo cáo.`,
  }),
  due_today: (task, due, unit) => ({
    title: `Đến hạn hôm nay: ${task}`,
    body: `Hôm nay (${due}) là hạn của nhiệm vụ giao ${unit}. Thủ trưởng đơn vị cần duyệt và gửi báo cáo.`,
  }),
  overdue: (task, due, unit) => ({ title: `Quá hạn: ${task}`, body: `${unit} chưa hoàn thành nhiệm vụ, hạn ngày ${due}.` }),
};

/** Who hears of an obligation: the focal point before, the unit head (and focal point) on the day and after. */
const UNIT_ROLES: Record<ReminderKind, string[]> = {
  due_soon: ['focal_point'],
  due_today: ['unit_head', 'focal_point'],
  overdue: ['unit_head'],
};

/** Tasks loaded at a time by a reminder pass. */
const REMINDER_CHUNK = 200;

/**
 * One pass: returns how many notifications it created. Units hear of each of their tasks; Sở Nội vụ
 * and the leaders get one digest a day of what is overdue, not one message per task.
 */
async function remindTasks(ctx: ReminderContext): Promise<number> {
  const s = ctx.services;
  const settings = { remindDays: ctx.remindDays };
  const today = s.today();
  // Only tasks with an obligation not yet accepted and due within the reminder window (or past) matter;
  // they are found in SQL and handled in chunks, so a pass never holds the event loop for long.
  const horizon = addWorkingDays(s.calendar(), today, settings.remindDays + 1); // one day of margin; reminderFor decides
  const due = await s.db
    .selectFrom('taskObligation as o')
    .innerJoin('task as t', 't.id', 'o.taskId')
    .innerJoin('directive as d', 'd.id', 't.directiveId')
    .leftJoin('taskReport as r', (j) => j.onRef('r.taskId', '=', 'o.taskId').onRef('r.periodKey', '=', 'o.periodKey'))
    .select('o.taskId')
    .distinct()
    .where('d.provinceCode', '=', s.provinceCode)
    .where('o.dueDate', '<=', horizon)
    .where((eb) => eb.or([eb('r.state', 'is', null), eb('r.state', '!=', 'accepted')]))
    .orderBy('o.taskId')
    .execute();
  const ids = due.map((d) => Number(d.taskId));
  let created = 0;
  const insert = async (draft: Parameters<ReminderContext['notify']>[0]) => {
    if (await ctx.notify(draft)) created++;
  };
  const usersCache = new Map<string, number[]>();
  const usersOf = async (unitId: number, kind: ReminderKind) => {
    const key = `${unitId}|${kind}`;
    if (!usersCache.has(key)) usersCache.set(key, await ctx.recipients({ unitId }, UNIT_ROLES[kind]));
    return usersCache.get(key)!;
  };
  for (let i = 0; i < ids.length; i += REMINDER_CHUNK) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    for (const t of await loadTasks(s, systemActor(s.provinceCode), { taskIds: ids.slice(i, i + REMINDER_CHUNK) }, today)) {
      for (const o of t.obligations) {
        if (o.status === 'done_on_time' || o.status === 'done_late') continue;
        // A report sent in time waits for Sở Nội vụ: the unit is not reminded (its status is not overdue).
        if (o.report?.state === 'submitted' && o.status !== 'overdue') continue;
        const kind = reminderFor(s.calendar(), o.dueDate, today, settings.remindDays);
        if (!kind) continue;
        const due = formatDate(o.dueDate);
        const short = `${t.directiveNumber} – ${t.label ? `${t.sectionNumber} ${t.label}` : t.sectionNumber} ${t.content.slice(0, 80)}${t.content.length > 80 ? '…' : ''}`;
        const text = KIND_TEXT[kind](short, due, t.leadUnitName);
        for (const userId of await usersOf(t.leadUnitId, kind)) {
          await insert({
            userId,
            kind,
            subjectType: 'task',
            subjectId: t.id,
            periodKey: o.periodKey,
            title: text.title,
            body: text.body,
            link: `/directives/tasks/${t.id}`,
          });
        }
      }
    }
  }
  // The digest counts overdue tasks exactly as the dashboard does (one definition, one number).
  const groups = await countGroups(s.db, {
    scope: { kind: 'province', provinceCode: s.provinceCode },
    provinceCode: s.provinceCode,
    asOf: today,
  });
  const late = groups.byUnit.filter((u) => u.overdue > 0); // most overdue first (countGroups' order)
  if (groups.totals.overdue > 0) {
    const worst = late
      .slice(0, 5)
      .map((u) => `${u.unitName}: ${formatNumber(u.overdue)}`)
      .join('; ');
    for (const userId of await ctx.recipients('province', ['cchc_office', 'leader'])) {
      await insert({
        userId,
        kind: 'overdue_digest',
        subjectType: null,
        subjectId: null,
        periodKey: today,
        title: `${formatNumber(groups.totals.overdue)} nhiệm vụ quá hạn chưa hoàn thành (${formatNumber(late.length)} đơn vị)`,
        body: `Nhiều nhất: ${worst}.`,
        link: '/directives?tab=overdue',
      });
    }
  }
  return created;
}

export const taskReminders: ReminderSource = { name: 'tasks', run: remindTasks };
