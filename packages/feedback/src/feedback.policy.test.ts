import { describe, expect, it } from 'vitest';
import { can, installRules, type Actor, type Role } from '@cchc/core';
import { feedbackGlobalActions, feedbackRules, type CaseSubject } from './feedback.policy';

installRules(feedbackRules, feedbackGlobalActions);

const actor = (roles: Role[], unitIds: number[] | 'province'): Actor => ({
  userId: 1,
  username: 'u',
  fullName: 'U',
  unitId: unitIds === 'province' ? 1 : unitIds[0]!,
  unitCode: 'x',
  unitName: 'x',
  provinceCode: '86',
  roles,
  scope: unitIds === 'province' ? { kind: 'province', provinceCode: '86' } : { kind: 'units', unitIds },
});
const at = (status: CaseSubject['status'], extended = false): CaseSubject => ({
  unitId: 7,
  provinceCode: '86',
  status,
  leadUnitId: 7,
  extended,
});

describe('feedback policy', () => {
  const office = actor(['cchc_office'], 'province');
  const focal = actor(['focal_point'], [7]);
  const head = actor(['unit_head'], [7]);
  const otherHead = actor(['unit_head'], [8]);
  const leader = actor(['leader'], 'province');

  it('lets only the receiving office see the sender, classify, publish and hide', () => {
    for (const a of ['feedback.viewSender', 'feedback.manage']) {
      expect(can(office, a)).toBe(true);
      expect(can(leader, a)).toBe(false);
      expect(can(head, a)).toBe(false);
    }
    expect(can(office, 'feedback.assign', at('received'))).toBe(true);
    expect(can(office, 'feedback.publish', at('approved'))).toBe(true);
    expect(can(office, 'feedback.publish', at('drafted'))).toBe(false);
    expect(can(head, 'feedback.publish', at('approved'))).toBe(false);
  });

  it('lets the lead unit draft (focal point) and approve (head) while the case is with it', () => {
    expect(can(focal, 'feedback.draft', at('assigned'))).toBe(true);
    expect(can(focal, 'feedback.approve', at('drafted'))).toBe(false);
    expect(can(head, 'feedback.approve', at('returned'))).toBe(true);
    expect(can(head, 'feedback.approve', at('published'))).toBe(false);
    expect(can(otherHead, 'feedback.approve', at('drafted'))).toBe(false);
    expect(can(office, 'feedback.draft', at('assigned'))).toBe(false);
  });

  it('allows one extension of an open case, by the office or the lead unit’s head', () => {
    expect(can(head, 'feedback.extend', at('assigned'))).toBe(true);
    expect(can(focal, 'feedback.extend', at('assigned'))).toBe(false);
    expect(can(office, 'feedback.extend', at('assigned', true))).toBe(false);
    expect(can(office, 'feedback.extend', at('published'))).toBe(false);
  });
});
