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
  auditLabels: {
    actions: {
      'directive.create': 'Lưu văn bản chỉ đạo và giao nhiệm vụ',
      'directive.update': 'Sửa thông tin văn bản chỉ đạo',
      'directive.withdraw': 'Thu hồi văn bản chỉ đạo',
      'directive.delete': 'Xóa văn bản chỉ đạo',
      'directive.source': 'Đính kèm tệp gốc của văn bản',
      'task.create': 'Giao nhiệm vụ',
      'task.add': 'Thêm nhiệm vụ',
      'task.update': 'Sửa nhiệm vụ',
      'task.cancel': 'Hủy nhiệm vụ',
      'task.delete': 'Xóa nhiệm vụ',
      'task.report': 'Cập nhật báo cáo nhiệm vụ',
      'task.submit': 'Gửi báo cáo nhiệm vụ',
      'task.review.accept': 'Chấp nhận báo cáo nhiệm vụ',
      'task.review.return': 'Trả lại báo cáo nhiệm vụ',
      'task.evidence.add': 'Đính kèm minh chứng',
      'task.evidence.remove': 'Gỡ minh chứng',
    },
    entities: { directive: 'Văn bản chỉ đạo', task: 'Nhiệm vụ' },
    fields: { evidenceId: 'Mã tệp minh chứng', leadUnitId: 'Đơn vị chủ trì (mã)', cancelReason: 'Lý do hủy' },
  },
});

export { parseDirective } from './parser/directive-parser';
export { createDirective } from './directive.service';
