import { defineModule } from '@cchc/core';
import { inspectionsMigrations } from './inspections.migrations';
import { inspectionsGlobalActions, inspectionsRules } from './inspections.policy';
import { registerInspectionsRoutes } from './inspections.routes';
import { inspectionsDemo } from './inspections.demo';
import { inspectionsReminders } from './inspections.reminders';
import { INSPECTIONS_METRICS } from './inspections.metrics';
import { ensureTemplate } from './inspections.repository';

/** CCHC inspections: yearly plan and coverage, risk-based choice, sealed draws, checklists, findings to the end. */
export const inspectionsModule = defineModule({
  name: 'inspections',
  label: 'Kiểm tra CCHC',
  migrations: inspectionsMigrations,
  rules: inspectionsRules,
  globalActions: inspectionsGlobalActions,
  routes: registerInspectionsRoutes,
  demo: inspectionsDemo,
  reminders: [inspectionsReminders],
  metrics: INSPECTIONS_METRICS,
  jobs: [
    {
      name: 'inspections-template',
      atStart: true,
      async run(s) {
        const n = await ensureTemplate(s.db, s.provinceCode);
        return n ? `Đã tạo mẫu nội dung kiểm tra CCHC mặc định (${n} nội dung)` : undefined;
      },
    },
  ],
});
