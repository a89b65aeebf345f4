import { describe, expect, it } from 'vitest';
import { ALL, IN_PROVINCE, NONE, OWN_SUBTREE, policyMatrix, rows, unitAt, type Position } from '@cchc/test-kit/policy';
import { assessmentRules, type SheetSubject } from './assessment.policy';
import type { SheetState } from './assessment.tables';

const sheet =
  (state: SheetState | null) =>
  (p: Position): SheetSubject => ({ ...unitAt(p), state });

describe('internal index policy matrix (role × position of the sheet’s unit)', () => {
  it('lets the unit self-score its own sheet and the head submit it, while the stage allows', () => {
    expect(policyMatrix(assessmentRules, 'assessment.selfScore', sheet('self_draft'))).toEqual(
      rows(NONE, { focal_point: OWN_SUBTREE, unit_head: OWN_SUBTREE }),
    );
    expect(policyMatrix(assessmentRules, 'assessment.submit', sheet('self_draft'))).toEqual(rows(NONE, { unit_head: OWN_SUBTREE }));
    expect(policyMatrix(assessmentRules, 'assessment.selfScore', sheet('submitted'))).toEqual(rows(NONE));
    expect(policyMatrix(assessmentRules, 'assessment.withdraw', sheet('submitted'))).toEqual(rows(NONE, { unit_head: OWN_SUBTREE }));
  });

  it('lets appraisers and Sở Nội vụ appraise any unit but their own, only once submitted', () => {
    // actorWith() sits in unit 10 (the "own" position): never their own sheet.
    const others: Position[] = ['child', 'sibling', 'otherProvince'];
    expect(policyMatrix(assessmentRules, 'assessment.appraise', sheet('submitted'))).toEqual(
      rows(NONE, { appraiser: IN_PROVINCE.filter((p) => others.includes(p)), cchc_office: IN_PROVINCE.filter((p) => others.includes(p)) }),
    );
    expect(policyMatrix(assessmentRules, 'assessment.appraise', sheet('self_draft'))).toEqual(rows(NONE));
    // Appraisers assigned to the round: only they (actorWith() is user 1) and Sở Nội vụ.
    const assigned = (ids: number[]) => (p: Position) => ({ ...sheet('submitted')(p), appraisers: ids });
    expect(policyMatrix(assessmentRules, 'assessment.appraise', assigned([99]))).toEqual(
      rows(NONE, { cchc_office: IN_PROVINCE.filter((p) => others.includes(p)) }),
    );
    expect(policyMatrix(assessmentRules, 'assessment.appraise', assigned([1]))).toEqual(
      rows(NONE, { appraiser: IN_PROVINCE.filter((p) => others.includes(p)), cchc_office: IN_PROVINCE.filter((p) => others.includes(p)) }),
    );
    expect(policyMatrix(assessmentRules, 'assessment.finalize', sheet('appraised2'))).toEqual(
      rows(NONE, { admin: IN_PROVINCE, cchc_office: IN_PROVINCE }),
    );
  });

  it('keeps frameworks and rounds to Sở Nội vụ, results to the provincial roles that use them', () => {
    expect(policyMatrix(assessmentRules, 'assessment.manage', null)).toEqual(rows(NONE, { admin: ALL, cchc_office: ALL }));
    expect(policyMatrix(assessmentRules, 'assessment.results', null)).toEqual(
      rows(NONE, { admin: ALL, cchc_office: ALL, leader: ALL, appraiser: ALL }),
    );
  });
});
