import { ruleSet, hasRole, type Actor } from '@cchc/core';

const office = (a: Actor) => hasRole(a, 'admin', 'cchc_office');

export const indicesRules = ruleSet<undefined>({
  'index_result.read': () => true,
  'index_result.import': office,
  'index_result.update': office,
  'index_scheme.update': office,
});
export const indicesGlobalActions = ['index_result.import', 'index_result.update', 'index_scheme.update'];
