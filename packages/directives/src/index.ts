import { defineModule } from '@cchc/core';
import { directivesMigrations } from './directives.migrations';
import { directivesGlobalActions, directivesRules } from './directives.policy';
import { registerDirectiveRoutes } from './directives.routes';
import { directivesDemo } from './directives.demo';
import { taskReminders } from './reminders';
import { moveLegacyFiles } from './legacy-files';
import { tasksByIndexComponent, tasksOnTimeRate } from './task.metrics';
import { directivesTaskIntake } from './task.intake';

/** Directives and plans → tasks per unit → progress reports, reminders and escalation. */
export const directivesModule = defineModule({
  name: 'directives',
  label: 'Chỉ đạo, điều hành',
  metricPrefix: 'tasks',
  migrations: directivesMigrations,
  rules: directivesRules,
  globalActions: directivesGlobalActions,
  routes: registerDirectiveRoutes,
  demo: directivesDemo,
  reminders: [taskReminders],
  jobs: [{ name: 'legacy-files', atStart: true, run: moveLegacyFiles }],
  metrics: [tasksOnTimeRate, tasksByIndexComponent],
  taskIntake: directivesTaskIntake,
});

export { parseDirective } from './parser/directive-parser';
export { createDirective } from './directive.service';
