import { describe, expect, it } from 'vitest';
import { ALL, NONE, policyMatrix, rows } from '@cchc/test-kit/policy';
import { dossiersRules } from './dossiers.policy';

// Dossier figures are scoped in the query by unit code (swept route by route in sweep.db.test.ts); the
// rules here decide who may do what at all.
describe('dossiers policy matrix', () => {
  it('lets every role read the statistics of its scope', () => {
    expect(policyMatrix(dossiersRules, 'dossier.read', null)).toEqual(rows(ALL));
  });

  it('lets Sở Nội vụ and the one-stop officers import; only Sở Nội vụ moves dossiers or enters the official 766', () => {
    expect(policyMatrix(dossiersRules, 'dossier.import', null)).toEqual(
      rows(NONE, { admin: ALL, cchc_office: ALL, one_stop_officer: ALL }),
    );
    expect(policyMatrix(dossiersRules, 'dossier.move', null)).toEqual(rows(NONE, { admin: ALL, cchc_office: ALL }));
    expect(policyMatrix(dossiersRules, 'dossier.official766', null)).toEqual(rows(NONE, { admin: ALL, cchc_office: ALL }));
  });

  it('shows an import’s rejected rows to the officer who ran it and to Sở Nội vụ only', () => {
    // actorWith() is user 1.
    expect(policyMatrix(dossiersRules, 'dossier.importReport', () => ({ userId: 1 }))).toEqual(
      rows(NONE, { admin: ALL, cchc_office: ALL, one_stop_officer: ALL }),
    );
    expect(policyMatrix(dossiersRules, 'dossier.importReport', () => ({ userId: 2 }))).toEqual(
      rows(NONE, { admin: ALL, cchc_office: ALL }),
    );
  });
});
