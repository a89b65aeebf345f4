import './indices.policy';

export { indicesMigrations, INDEX_CODES, type IndexCode } from './indices.schema';
export { registerIndicesRoutes } from './indices.routes';
export { indicesDemo } from './indices.demo';
export { CATALOGUE, INDEX_LABELS } from './scheme.catalogue';
