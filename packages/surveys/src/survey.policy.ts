import { hasRole, ruleSet, type Actor } from '@cchc/core';
import type { SurveyStatus } from './survey.tables';

export interface SurveySubject {
  status: SurveyStatus;
}

/** The CCHC office runs surveys (DOMAIN §1: it owns the internal index, inspections, surveys). */
const office = (a: Actor) => hasRole(a, 'admin', 'cchc_office');
/** Who keys returned paper forms, interviews and runs the counter kiosk: the office, focal points, one-stop officials. */
const enters = (a: Actor) => office(a) || hasRole(a, 'focal_point', 'one_stop_officer');

export const surveysRules = ruleSet<SurveySubject | undefined>({
  // Every staff role reads surveys; results are limited to the caller's units in the service.
  'survey.read': () => true,
  'survey.manage': (a) => office(a),
  'survey.edit': (a, s) => office(a) && !!s && s.status !== 'closed',
  'survey.sample': (a, s) => office(a) && !!s && s.status !== 'closed',
  'survey.publish': (a, s) => office(a) && s?.status === 'draft',
  'survey.close': (a, s) => office(a) && s?.status === 'published',
  'survey.publishResults': (a, s) => office(a) && !!s && s.status !== 'draft',
  'survey.enter': (a, s) => enters(a) && s?.status === 'published',
  'survey.review': (a) => office(a),
});

export const surveysGlobalActions = ['survey.manage'];
export const SURVEY_ACTIONS = [
  'survey.edit',
  'survey.sample',
  'survey.publish',
  'survey.close',
  'survey.publishResults',
  'survey.enter',
  'survey.review',
];
