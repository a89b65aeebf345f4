/**
 * Units with no initiative this year are reminded, once a week, in the 30 working days before the
 * reporting deadline (30 November); the office gets one digest of how many are still without.
 */
import { addWorkingDays, formatDate, formatNumber, type ReminderSource } from '@cchc/core';
import { reportingDeadline } from './initiatives.domain';
import { countsByUnit, provinceUnits } from './coverage.service';

export const initiativesReminders: ReminderSource = {
  name: 'initiatives',
  async run(ctx) {
    const s = ctx.services;
    const today = s.today();
    const year = Number(today.slice(0, 4));
    const deadline = reportingDeadline(year);
    if (today > deadline || addWorkingDays(s.calendar(), today, 30) < deadline) return 0;
    const [units, counts] = await Promise.all([provinceUnits(s.db, s.provinceCode, today, null), countsByUnit(s.db, s.provinceCode, year)]);
    const without = units.filter((u) => !counts.has(Number(u.id)));
    const week = `${year}-w${Math.floor((Date.parse(today) - Date.parse(`${year}-01-01`)) / (7 * 86_400_000))}`;
    let n = 0;
    for (const u of without)
      for (const userId of await ctx.recipients({ unitId: Number(u.id) }, ['unit_head', 'focal_point']))
        if (
          await ctx.notify({
            userId,
            kind: 'initiative.missing',
            subjectType: 'unit',
            subjectId: Number(u.id),
            periodKey: week,
            title: `Đơn vị chưa đăng ký sáng kiến CCHC năm ${year}`,
            body: `Mỗi cơ quan, đơn vị, địa phương cần ít nhất 1 sáng kiến, giải pháp CCHC trong năm; hạn báo cáo ${formatDate(deadline)}.`,
            link: '/initiatives?tab=new',
          })
        )
          n++;
    if (without.length)
      for (const userId of await ctx.recipients('province', ['cchc_office']))
        if (
          await ctx.notify({
            userId,
            kind: 'initiative.coverage',
            subjectType: 'initiative_digest',
            subjectId: year,
            periodKey: week,
            title: `${formatNumber(without.length)} đơn vị chưa có sáng kiến CCHC năm ${year}`,
            body: `Hạn báo cáo ${formatDate(deadline)}.`,
            link: '/initiatives?tab=coverage',
          })
        )
          n++;
    return n;
  },
};
