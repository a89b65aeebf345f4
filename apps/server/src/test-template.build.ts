/** The child process of the test setup (`test-template.ts`): builds the run's template database. */
import { installModules, metricsOf } from '@cchc/core';
import { buildTemplate, templateLocation } from '@cchc/test-kit';
import { MODULES } from './modules';

const location = templateLocation();
if (!location) throw new Error('CCHC_TEST_TEMPLATE is not set: this script is started by the test setup');
const t0 = Date.now();
const { migrations, seeders, seams } = installModules(MODULES);
await buildTemplate(location, { migrations, seeders, metrics: metricsOf(MODULES), seams });
console.info(`[test] template database (${location.kind}) ready in ${Date.now() - t0} ms`);
// Nothing is left to wait for; a handle a seeder left open must not keep the run waiting.
process.exit(0);
