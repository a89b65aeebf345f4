import { defineModule } from '@cchc/core';
import { assessmentMigrations } from './assessment.migrations';
import { assessmentGlobalActions, assessmentRules } from './assessment.policy';
import { registerAssessmentRoutes } from './assessment.routes';
import { assessmentDemo } from './assessment.demo';
import { assessmentReminders } from './assessment.reminders';
import { assessmentIndex } from './assessment.metrics';

/** The internal CCHC index of departments and communes: frameworks per year, rounds, self-assessment, appraisal, results. */
export const assessmentModule = defineModule({
  name: 'assessment',
  label: 'Chỉ số CCHC nội bộ',
  migrations: assessmentMigrations,
  rules: assessmentRules,
  globalActions: assessmentGlobalActions,
  routes: registerAssessmentRoutes,
  demo: assessmentDemo,
  reminders: [assessmentReminders],
  metrics: [assessmentIndex],
});

export { EXAMPLE_FRAMEWORK } from './assessment.demo';
