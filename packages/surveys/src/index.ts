import { defineModule } from '@cchc/core';
import { surveysMigrations } from './survey.migrations';
import { surveysGlobalActions, surveysRules } from './survey.policy';
import { registerSurveyRoutes } from './survey.routes';
import { registerPublicSurveyRoutes } from './public.routes';
import { surveysDemo } from './survey.demo';
import { surveysSatisfaction } from './survey.metrics';

/** Satisfaction surveys: SIPAS-style questionnaires, samples from dossiers, every channel, quality control, results. */
export const surveysModule = defineModule({
  name: 'surveys',
  label: 'Khảo sát sự hài lòng',
  migrations: surveysMigrations,
  rules: surveysRules,
  globalActions: surveysGlobalActions,
  routes(app) {
    registerSurveyRoutes(app);
    registerPublicSurveyRoutes(app);
  },
  demo: surveysDemo,
  metrics: [surveysSatisfaction],
  auditLabels: {
    actions: {
      'survey.create': 'Tạo cuộc khảo sát',
      'survey.questionnaire': 'Sửa bảng hỏi',
      'survey.sample': 'Chọn mẫu khảo sát',
      'survey.publish': 'Phát hành cuộc khảo sát',
      'survey.close': 'Kết thúc cuộc khảo sát',
      'survey.publishResults': 'Công bố kết quả khảo sát',
      'survey.nonResponse': 'Ghi nhận không trả lời',
      'survey.response.enter': 'Nhập phiếu khảo sát',
      'survey.response.doubleEntry': 'Nhập phiếu lần hai (kiểm tra)',
      'survey.response.exclude': 'Loại phiếu khảo sát',
      'survey.response.restore': 'Khôi phục phiếu khảo sát',
    },
    entities: { survey: 'Cuộc khảo sát', survey_response: 'Phiếu khảo sát', survey_token: 'Người được chọn khảo sát' },
    fields: {
      channel: 'Kênh',
      refused: 'Từ chối',
      poolSize: 'Số người trong khung mẫu',
      chosen: 'Số người được chọn',
      seed: 'Hạt giống chọn mẫu',
    },
  },
});

export * as surveyDomain from './survey.domain';
export { TEMPLATES as SURVEY_TEMPLATES, SATISFACTION_ITEM_IDS } from './survey.templates';
