import type { CchcModule } from '@cchc/core';
import { indicesModule } from '@cchc/indices';
import { directivesModule } from '@cchc/directives';
import { dossiersModule } from '@cchc/dossiers';
import { assessmentModule } from '@cchc/assessment';
import { feedbackModule } from '@cchc/feedback';
import { inspectionsModule } from '@cchc/inspections';
import { initiativesModule } from '@cchc/initiatives';
import { surveysModule } from '@cchc/surveys';

/**
 * The one list of business modules. Adding a module is a package exporting a `defineModule(...)` and a
 * line here; the server takes migrations, rules, routes, demo data, reminders, jobs and metrics from it.
 */
export const MODULES: readonly CchcModule[] = [
  indicesModule,
  directivesModule,
  dossiersModule,
  assessmentModule,
  feedbackModule,
  inspectionsModule,
  initiativesModule,
  surveysModule,
];
