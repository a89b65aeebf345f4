import './directives.policy';

export { directivesMigrations } from './directives.schema';
export { registerDirectiveRoutes } from './directives.routes';
export { startReminderScheduler, runReminders, sendPendingEmails, smtpMailer, type Mailer } from './reminders';
export { directivesDemo } from './directives.demo';
export { tasksLinkedTo } from './task.repository';
export { loadTasks, linkedTasksByComponent } from './task.service';
export { parseDirective } from './parser/directive-parser';
export { createDirective } from './directive.service';
