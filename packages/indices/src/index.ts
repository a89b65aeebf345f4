import { defineModule } from '@cchc/core';
import { indicesMigrations } from './indices.migrations';
import { indicesGlobalActions, indicesRules } from './indices.policy';
import { registerIndicesRoutes } from './indices.routes';
import { indicesDemo } from './indices.demo';
import { indicesOfficialResult } from './indices.metrics';

/** National index results (PAR INDEX, SIPAS, PAPI, 766) by year and component: gaps, peers, what-if. */
export const indicesModule = defineModule({
  name: 'indices',
  label: 'Chỉ số PAR, SIPAS, PAPI',
  migrations: indicesMigrations,
  rules: indicesRules,
  globalActions: indicesGlobalActions,
  routes: registerIndicesRoutes,
  demo: indicesDemo,
  metrics: [indicesOfficialResult],
});

export { INDEX_CODES, type IndexCode } from './indices.tables';
export { CATALOGUE, INDEX_LABELS } from './scheme.catalogue';
