import { defineModule } from '@cchc/core';
import { initiativesMigrations } from './initiatives.migrations';
import { initiativesGlobalActions, initiativesRules } from './initiatives.policy';
import { registerInitiativesRoutes } from './initiatives.routes';
import { initiativesDemo } from './initiatives.demo';
import { initiativesReminders } from './initiatives.reminders';
import { INITIATIVES_METRICS } from './initiatives.metrics';
import { ensureCriteria } from './initiative.service';

/** Reform initiatives: registry, council scoring, recognition, awards, adoption, effect, public catalogue. */
export const initiativesModule = defineModule({
  name: 'initiatives',
  label: 'Sáng kiến CCHC',
  migrations: initiativesMigrations,
  rules: initiativesRules,
  globalActions: initiativesGlobalActions,
  routes: registerInitiativesRoutes,
  demo: initiativesDemo,
  reminders: [initiativesReminders],
  metrics: INITIATIVES_METRICS,
  jobs: [
    {
      name: 'initiatives-criteria',
      atStart: true,
      async run(s) {
        const n = await ensureCriteria(s.db, s.provinceCode);
        return n ? `Đã tạo ${n} tiêu chí chấm sáng kiến mặc định` : undefined;
      },
    },
  ],
  auditLabels: {
    actions: {
      'initiative.create': 'Đăng ký sáng kiến',
      'initiative.update': 'Sửa sáng kiến',
      'initiative.submit': 'Gửi sáng kiến',
      'initiative.return': 'Trả lại sáng kiến',
      'initiative.score': 'Chấm điểm sáng kiến',
      'initiative.decide': 'Quyết định công nhận sáng kiến',
      'initiative.award': 'Khen thưởng sáng kiến',
      'initiative.adopt': 'Ghi nhận áp dụng sáng kiến',
      'initiative.criteria.update': 'Sửa tiêu chí chấm sáng kiến',
      'initiative.document.add': 'Đính kèm tài liệu sáng kiến',
      'initiative.document.remove': 'Gỡ tài liệu sáng kiến',
    },
    entities: { initiative: 'Sáng kiến', initiative_criteria: 'Tiêu chí chấm sáng kiến' },
    fields: { criteria: 'Tiêu chí', adoptedOn: 'Ngày áp dụng' },
  },
});
