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
});

export * as surveyDomain from './survey.domain';
export { TEMPLATES as SURVEY_TEMPLATES, SATISFACTION_ITEM_IDS } from './survey.templates';
