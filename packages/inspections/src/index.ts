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
  auditLabels: {
    actions: {
      'inspection.plan.create': 'Lập kế hoạch kiểm tra',
      'inspection.plan.update': 'Sửa kế hoạch kiểm tra',
      'inspection.draw': 'Bốc thăm đơn vị kiểm tra',
      'inspection.create': 'Lên lịch kiểm tra',
      'inspection.update': 'Sửa cuộc kiểm tra',
      'inspection.cancel': 'Hủy cuộc kiểm tra',
      'inspection.checklist': 'Cập nhật phiếu kiểm tra',
      'inspection.conclude': 'Kết luận kiểm tra',
      'inspection.finding.create': 'Ghi kiến nghị sau kiểm tra',
      'inspection.finding.verify': 'Xác nhận khắc phục kiến nghị',
      'inspection.template.update': 'Sửa mẫu phiếu kiểm tra',
      'inspection.evidence.add': 'Đính kèm tài liệu kiểm tra',
      'inspection.evidence.remove': 'Gỡ tài liệu kiểm tra',
    },
    entities: {
      inspection: 'Cuộc kiểm tra',
      inspection_draw: 'Lần bốc thăm',
      inspection_finding: 'Kiến nghị sau kiểm tra',
      inspection_plan: 'Kế hoạch kiểm tra',
      inspection_template: 'Mẫu phiếu kiểm tra',
    },
    fields: {
      template: 'Mẫu phiếu',
      teamLeader: 'Trưởng đoàn',
      severity: 'Mức độ',
      remedied: 'Đã khắc phục',
      scheduledOn: 'Ngày kiểm tra',
    },
  },
});
