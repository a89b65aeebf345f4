/**
 * Reminders of the inspections module: a finding's remedy coming due goes to the unit; an overdue one to
 * the unit again and, once a day in one digest, to the office. (The remedy task itself is reminded by
 * the task list like any task; these name the inspection.)
 */
import { addWorkingDays, formatDate, formatNumber, type ReminderSource } from '@cchc/core';

export const inspectionsReminders: ReminderSource = {
  name: 'inspections',
  async run(ctx) {
    const s = ctx.services;
    const today = s.today();
    const soon = addWorkingDays(s.calendar(), today, ctx.remindDays);
    const rows = await s.db
      .selectFrom('inspectionFinding as f')
      .innerJoin('inspection as i', 'i.id', 'f.inspectionId')
      .select(['f.id', 'f.unitId', 'f.text', 'f.dueDate', 'f.inspectionId'])
      .where('i.provinceCode', '=', s.provinceCode)
      .where('f.status', '!=', 'remedied')
      .where('f.dueDate', '<=', soon)
      .orderBy('f.dueDate')
      .limit(5000)
      .execute();
    let n = 0;
    for (const f of rows) {
      const late = f.dueDate < today;
      for (const userId of await ctx.recipients({ unitId: Number(f.unitId) }, ['unit_head', 'focal_point']))
        if (
          await ctx.notify({
            userId,
            kind: late ? 'inspection.finding.overdue' : 'inspection.finding.due',
            subjectType: 'inspection_finding',
            subjectId: Number(f.id),
            periodKey: late ? `overdue:${today}` : `due:${f.dueDate}`,
            title: late
              ? `Quá hạn khắc phục kiến nghị sau kiểm tra (hạn ${formatDate(f.dueDate)})`
              : `Sắp đến hạn khắc phục kiến nghị sau kiểm tra (${formatDate(f.dueDate)})`,
            body: f.text,
            link: `/inspections/${f.inspectionId}`,
          })
        )
          n++;
    }
    const overdue = rows.filter((f) => f.dueDate < today).length;
    if (overdue)
      for (const userId of await ctx.recipients('province', ['cchc_office']))
        if (
          await ctx.notify({
            userId,
            kind: 'inspection.findings.digest',
            subjectType: 'inspection_digest',
            subjectId: 0,
            periodKey: today,
            title: `${formatNumber(overdue)} kiến nghị sau kiểm tra quá hạn khắc phục`,
            body: 'Xem danh sách kiến nghị quá hạn để đôn đốc hoặc kiểm tra lại.',
            link: '/inspections?tab=findings&state=overdue',
          })
        )
          n++;
    return n;
  },
};
