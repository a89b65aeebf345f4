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
});
