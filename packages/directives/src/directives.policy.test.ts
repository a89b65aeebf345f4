import { describe, expect, it } from 'vitest';
import { ALL, IN_PROVINCE, NONE, OWN_SUBTREE, policyMatrix, rows, unitAt } from '@cchc/test-kit/policy';
import { directivesRules, type TaskSubject } from './directives.policy';

const task =
  (reportState: TaskSubject['reportState']) =>
  (p: Parameters<typeof unitAt>[0]): TaskSubject => ({ ...unitAt(p), reportState });

describe('directives policy matrix (role × position of the task’s lead unit)', () => {
  it('lets everyone read the tasks of their scope: the province, or their unit and its children', () => {
    expect(policyMatrix(directivesRules, 'directive.read', task(null))).toEqual(
      rows(IN_PROVINCE, { unit_head: OWN_SUBTREE, focal_point: OWN_SUBTREE, one_stop_officer: OWN_SUBTREE }),
    );
  });

  it('lets the unit write (focal point, head) and submit (head) its own reports while draft or returned', () => {
    for (const state of ['draft', 'returned', null] as const) {
      expect(policyMatrix(directivesRules, 'task.report', task(state))).toEqual(
        rows(NONE, { unit_head: OWN_SUBTREE, focal_point: OWN_SUBTREE }),
      );
    }
    for (const state of ['draft', 'returned'] as const) {
      expect(policyMatrix(directivesRules, 'task.submit', task(state))).toEqual(rows(NONE, { unit_head: OWN_SUBTREE }));
    }
    // Nothing written yet: nothing to submit (the button is not shown).
    expect(policyMatrix(directivesRules, 'task.submit', task(null))).toEqual(rows(NONE));
  });

  it('freezes a report once submitted or accepted', () => {
    for (const state of ['submitted', 'accepted'] as const) {
      expect(policyMatrix(directivesRules, 'task.report', task(state))).toEqual(rows(NONE));
      expect(policyMatrix(directivesRules, 'task.submit', task(state))).toEqual(rows(NONE));
    }
  });

  it('lets Sở Nội vụ (and the administrator) review submitted reports only, anywhere in the province', () => {
    expect(policyMatrix(directivesRules, 'task.review', task('submitted'))).toEqual(
      rows(NONE, { admin: IN_PROVINCE, cchc_office: IN_PROVINCE }),
    );
    expect(policyMatrix(directivesRules, 'task.review', task('draft'))).toEqual(rows(NONE));
  });

  it('keeps issuing directives to Sở Nội vụ and compiled reports to it and the leaders', () => {
    expect(policyMatrix(directivesRules, 'directive.create', null)).toEqual(rows(NONE, { admin: ALL, cchc_office: ALL }));
    expect(policyMatrix(directivesRules, 'directive.parse', null)).toEqual(rows(NONE, { admin: ALL, cchc_office: ALL }));
    expect(policyMatrix(directivesRules, 'directive.report', null)).toEqual(rows(NONE, { admin: ALL, cchc_office: ALL, leader: ALL }));
  });

  it('lets only Sở Nội vụ (and the administrator) correct, withdraw or delete what it saved', () => {
    for (const action of ['directive.edit', 'directive.withdraw', 'directive.delete', 'task.edit'])
      expect(policyMatrix(directivesRules, action, null)).toEqual(rows(NONE, { admin: ALL, cchc_office: ALL }));
  });
});
