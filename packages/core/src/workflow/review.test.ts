import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { actionsFrom, canTransition, defineReviewFlow, roleMayTransition, transition } from './review';

// The internal index's machine (DOMAIN §8): self-assessment → first appraisal → explanation → second
// appraisal → published, written with the same helper the task reports use.
const assessment = defineReviewFlow({
  states: {
    self_draft: 'Đang tự đánh giá',
    submitted: 'Đã gửi tự đánh giá',
    appraised: 'Đã thẩm định lần 1',
    explaining: 'Đang giải trình',
    explained: 'Đã gửi giải trình',
    final: 'Đã thẩm định lần 2',
  },
  transitions: {
    save: { from: [null, 'self_draft'], to: 'self_draft', roles: ['focal_point', 'unit_head'], label: 'lưu tự đánh giá' },
    submit: { from: ['self_draft'], to: 'submitted', roles: ['unit_head'], label: 'gửi tự đánh giá' },
    appraise: { from: ['submitted'], to: 'appraised', roles: ['appraiser', 'cchc_office'], label: 'thẩm định lần 1' },
    explain: { from: ['appraised', 'explaining'], to: 'explaining', roles: ['focal_point', 'unit_head'], label: 'giải trình' },
    sendExplanation: { from: ['explaining'], to: 'explained', roles: ['unit_head'], label: 'gửi giải trình' },
    reappraise: { from: ['explained', 'appraised'], to: 'final', roles: ['appraiser', 'cchc_office'], label: 'thẩm định lần 2' },
  },
});

describe('review workflow', () => {
  it('walks the two rounds of appraisal with an explanation between them', () => {
    let s = transition(assessment, null, 'save');
    s = transition(assessment, s, 'submit');
    s = transition(assessment, s, 'appraise');
    s = transition(assessment, s, 'explain');
    s = transition(assessment, s, 'sendExplanation');
    expect(transition(assessment, s, 'reappraise')).toBe('final');
  });

  it('refuses a transition from the wrong state with a 409 naming the state in Vietnamese', () => {
    expect(canTransition(assessment, 'final', 'save')).toBe(false);
    try {
      transition(assessment, 'final', 'save');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).status).toBe(409);
      expect((err as AppError).message).toBe('Không thể lưu tự đánh giá khi đang ở trạng thái "Đã thẩm định lần 2".');
    }
    expect(() => transition(assessment, null, 'submit')).toThrow('Không thể gửi tự đánh giá khi chưa có nội dung.');
  });

  it('lists the actions of a state and says which roles take them', () => {
    expect(actionsFrom(assessment, 'appraised')).toEqual(['explain', 'reappraise']);
    expect(roleMayTransition(assessment, ['appraiser'], 'appraise')).toBe(true);
    expect(roleMayTransition(assessment, ['focal_point'], 'appraise')).toBe(false);
  });

  it('refuses a table that names a state it does not have', () => {
    expect(() =>
      defineReviewFlow({ states: { a: 'A' }, transitions: { go: { from: ['a'], to: 'b' as 'a', roles: [], label: 'đi' } } }),
    ).toThrow(/unknown target/);
  });
});
