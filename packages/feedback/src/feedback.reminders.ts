/**
 * Reminders (core's scheduler runs this source): the lead unit before an answer is due and once it is
 * overdue; the office once a day with the counts — overdue answers, cases past their classification or
 * publication time — rather than one message per case, which would bury its bell. One query per kind over the province, one notification per (user,
 * case, kind, due date).
 */
import { sql } from 'kysely';
import { addWorkingDays, formatDate, type ReminderContext, type ReminderSource } from '@cchc/core';

async function remindFeedback(ctx: ReminderContext): Promise<number> {
  const s = ctx.services;
  const today = s.today();
  const horizon = addWorkingDays(s.calendar(), today, ctx.remindDays);
  let created = 0;
  const open = await s.db
    .selectFrom('feedbackCase')
    .select(['id', 'code', 'leadUnitId', 'dueDate'])
    .where('provinceCode', '=', s.provinceCode)
    .where('status', 'in', ['assigned', 'drafted', 'returned'])
    .where('dueDate', '<=', horizon)
    .orderBy('dueDate')
    .limit(5000)
    .execute();
  for (const c of open) {
    const overdue = c.dueDate < today;
    const users = await ctx.recipients({ unitId: Number(c.leadUnitId) }, ['unit_head', 'focal_point']);
    for (const userId of users) {
      const isNew = await ctx.notify({
        userId,
        kind: overdue ? 'feedback_overdue' : 'feedback_due',
        subjectType: 'feedback_case',
        subjectId: Number(c.id),
        periodKey: c.dueDate,
        title: overdue ? `Phản ánh ${c.code} quá hạn trả lời` : `Phản ánh ${c.code} đến hạn trả lời ngày ${formatDate(c.dueDate)}`,
        body: overdue
          ? `Phản ánh ${c.code} đã quá hạn trả lời (hạn ${formatDate(c.dueDate)}): đơn vị cần trả lời ngay.`
          : `Hạn trả lời phản ánh ${c.code} là ngày ${formatDate(c.dueDate)}.`,
        link: `/feedback/${c.id}`,
      });
      if (isNew) created++;
    }
  }
  const waiting = await s.db
    .selectFrom('feedbackCase')
    .select([
      sql<number>`count(*) filter (where status in ('assigned', 'drafted', 'returned') and due_date < ${today})`.as('overdue'),
      sql<number>`count(*) filter (where status = 'received' and classify_due < ${today})`.as('unclassified'),
      sql<number>`count(*) filter (where status = 'approved' and publish_due < ${today})`.as('unpublished'),
    ])
    .where('provinceCode', '=', s.provinceCode)
    .executeTakeFirstOrThrow();
  const digest = [
    Number(waiting.overdue) ? `${Number(waiting.overdue)} phản ánh quá hạn trả lời` : null,
    Number(waiting.unclassified) ? `${Number(waiting.unclassified)} phản ánh quá hạn phân loại` : null,
    Number(waiting.unpublished) ? `${Number(waiting.unpublished)} trả lời quá hạn công khai` : null,
  ].filter(Boolean);
  if (digest.length)
    for (const userId of await ctx.recipients('province', ['cchc_office'])) {
      const isNew = await ctx.notify({
        userId,
        kind: 'feedback_office_digest',
        subjectType: null,
        subjectId: null,
        periodKey: today,
        title: `Phản ánh, kiến nghị: ${digest.join(', ')}`,
        body: 'Phân loại, giao xử lý các phản ánh mới và công khai các trả lời đã được đơn vị duyệt.',
        link: '/feedback?overdue=true',
      });
      if (isNew) created++;
    }
  return created;
}

export const feedbackReminders: ReminderSource = { name: 'feedback', run: remindFeedback };
