/**
 * Reminders before each stage's deadline of a round (core's scheduler runs this source): units that have
 * not sent their self-assessment, units asked to explain, and the appraisers before an appraisal deadline.
 * Each reminder happens once per (user, stage of the round) — core's once-key.
 */
import { addWorkingDays, formatDate, type ReminderContext, type ReminderSource } from '@cchc/core';
import * as repo from './assessment.repository';
import type { SheetState } from './assessment.tables';

const WAITING_SELF: (SheetState | null)[] = [null, 'self_draft'];
const WAITING_EXPLANATION: (SheetState | null)[] = ['appraised1', 'explaining'];

async function remindRounds(ctx: ReminderContext): Promise<number> {
  const s = ctx.services;
  const today = s.today();
  const horizon = addWorkingDays(s.calendar(), today, ctx.remindDays);
  let created = 0;
  for (const r of await repo.listRounds(s.db, s.provinceCode)) {
    const units = await repo.groupUnits(s.db, s.provinceCode, r.unitGroup, r.selfEnd);
    const states = new Map((await repo.sheetsOf(s.db, Number(r.id))).map((x) => [Number(x.unitId), x.state as SheetState]));
    const stages = [
      { key: 'self', end: r.selfEnd, waiting: WAITING_SELF, what: 'gửi tự đánh giá' },
      { key: 'explanation', end: r.explanationEnd, waiting: WAITING_EXPLANATION, what: 'gửi giải trình' },
    ];
    for (const st of stages) {
      if (st.end < today || st.end > horizon) continue;
      for (const u of units) {
        if (!st.waiting.includes(states.get(Number(u.id)) ?? null)) continue;
        for (const userId of await ctx.recipients({ unitId: Number(u.id) }, ['unit_head', 'focal_point'])) {
          const isNew = await ctx.notify({
            userId,
            kind: `assessment_${st.key}_due`,
            subjectType: 'assessment_round',
            subjectId: Number(r.id),
            periodKey: st.key,
            title: `Chỉ số CCHC ${r.year}: hạn ${st.what} ngày ${formatDate(st.end)}`,
            body: `${u.name} chưa ${st.what} trong đợt đánh giá chỉ số CCHC năm ${r.year}. Hạn: ${formatDate(st.end)}.`,
            link: `/assessment?tab=sheet`,
          });
          if (isNew) created++;
        }
      }
    }
    for (const st of [
      { key: 'appraisal1', end: r.appraisal1End, label: 'thẩm định lần 1' },
      { key: 'appraisal2', end: r.appraisal2End, label: 'thẩm định lần 2' },
    ]) {
      if (st.end < today || st.end > horizon) continue;
      for (const userId of await ctx.recipients('province', ['appraiser'])) {
        const isNew = await ctx.notify({
          userId,
          kind: `assessment_${st.key}_due`,
          subjectType: 'assessment_round',
          subjectId: Number(r.id),
          periodKey: st.key,
          title: `Chỉ số CCHC ${r.year}: hạn ${st.label} ngày ${formatDate(st.end)}`,
          body: `Đợt đánh giá chỉ số CCHC năm ${r.year} (${r.name}): hạn ${st.label} là ngày ${formatDate(st.end)}.`,
          link: `/assessment?tab=results`,
        });
        if (isNew) created++;
      }
    }
  }
  return created;
}

export const assessmentReminders: ReminderSource = { name: 'rounds', run: remindRounds };
