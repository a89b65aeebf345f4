import { describe, expect, it } from 'vitest';
import { ALL, NONE, policyMatrix, rows } from '@cchc/test-kit/policy';
import { indicesRules } from './indices.policy';

describe('indices policy matrix', () => {
  it('lets everyone read the national results and only Sở Nội vụ change them or their methodologies', () => {
    expect(policyMatrix(indicesRules, 'index_result.read', null)).toEqual(rows(ALL));
    for (const action of ['index_result.import', 'index_result.update', 'index_scheme.update']) {
      expect(policyMatrix(indicesRules, action, null)).toEqual(rows(NONE, { admin: ALL, cchc_office: ALL }));
    }
  });
});
