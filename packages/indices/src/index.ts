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
  auditLabels: {
    actions: {
      'index_result.import': 'Nhập kết quả chỉ số',
      'index_result.update': 'Sửa kết quả chỉ số',
      'index_scheme.update': 'Sửa cấu trúc chỉ số',
      'province_alias.update': 'Sửa tên gọi khác của tỉnh',
    },
    entities: {
      index_result: 'Kết quả chỉ số',
      index_result_import: 'Lần nhập kết quả chỉ số',
      index_scheme: 'Cấu trúc chỉ số',
      province_alias: 'Tên gọi khác của tỉnh',
    },
    fields: {
      index: 'Chỉ số',
      indexCode: 'Chỉ số',
      component: 'Thành phần',
      componentCode: 'Thành phần',
      rank: 'Thứ hạng',
      value: 'Giá trị',
    },
  },
});

export { INDEX_CODES, type IndexCode } from './indices.tables';
export { CATALOGUE, INDEX_LABELS } from './scheme.catalogue';
