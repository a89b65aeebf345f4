import { defineGlobalActions, defineRules, hasRole, type Actor } from '@cchc/core';

const office = (a: Actor) => hasRole(a, 'admin', 'cchc_office');

defineRules<undefined>({
  'index_result.read': () => true,
  'index_result.import': office,
  'index_result.update': office,
  'index_scheme.update': office,
});
defineGlobalActions(['index_result.import', 'index_result.update', 'index_scheme.update']);
