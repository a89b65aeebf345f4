import { defineGlobalActions, defineRules, hasRole, type Actor } from '@cchc/core';

const office = (a: Actor) => hasRole(a, 'admin', 'cchc_office');

defineRules<undefined>({
  // Statistics are scoped in the query: provincial roles see every unit, the others their own units.
  'dossier.read': () => true,
  'dossier.import': (a) => office(a) || hasRole(a, 'one_stop_officer'),
  'dossier.official766': (a) => office(a),
});
defineGlobalActions(['dossier.import', 'dossier.official766']);
