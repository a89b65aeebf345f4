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
  auditLabels: {
    actions: {
      'assessment.framework.edit': 'Sửa bộ tiêu chí chỉ số CCHC',
      'assessment.framework.import': 'Nhập bộ tiêu chí chỉ số CCHC',
      'assessment.round.create': 'Mở đợt đánh giá chỉ số CCHC',
      'assessment.round.appraisers': 'Phân công thẩm định',
      'assessment.round.publish': 'Công bố kết quả chỉ số CCHC',
      'assessment.withdraw': 'Rút lại bảng tự đánh giá',
      'assessment.evidence.add': 'Đính kèm tài liệu kiểm chứng',
      'assessment.evidence.remove': 'Gỡ tài liệu kiểm chứng',
      'assessment.score.self': 'Tự chấm điểm',
      'assessment.score.round1': 'Thẩm định vòng 1',
      'assessment.score.round2': 'Thẩm định vòng 2',
      'assessment.submit': 'Gửi bảng tự đánh giá',
    },
    entities: {
      assessment_framework: 'Bộ tiêu chí chỉ số CCHC',
      assessment_round: 'Đợt đánh giá chỉ số CCHC',
      assessment_sheet: 'Bảng đánh giá của đơn vị',
    },
    fields: { criterion: 'Tiêu chí', criterionCode: 'Tiêu chí', stage: 'Bước', points: 'Điểm', unitGroup: 'Nhóm đơn vị' },
  },
});

export { EXAMPLE_FRAMEWORK } from './assessment.demo';
