import { ruleSet, hasRole, type Actor } from '@cchc/core';

const office = (a: Actor) => hasRole(a, 'admin', 'cchc_office');

/** An import as the policy sees it: who ran it. */
export interface ImportSubject {
  userId: number | null;
}

export const dossiersRules = ruleSet<ImportSubject | undefined>({
  // Statistics are scoped in the query: provincial roles see every unit, the others their own units.
  'dossier.read': () => true,
  'dossier.import': (a) => office(a) || hasRole(a, 'one_stop_officer'),
  'dossier.official766': (a) => office(a),
  // Moving a dossier to another unit (a corrected ma_don_vi) changes two units' figures: province level.
  'dossier.move': (a) => office(a),
  // An import's rejected rows echo the file's cells: the importer and Sở Nội vụ only.
  'dossier.importReport': (a, i) => !!i && (office(a) || (hasRole(a, 'one_stop_officer') && i.userId === a.userId)),
});
export const dossiersGlobalActions = ['dossier.import', 'dossier.official766'];
