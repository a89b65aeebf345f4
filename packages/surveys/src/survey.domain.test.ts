import { describe, expect, it } from 'vitest';
import {
  checkAnswers,
  checkDefinition,
  compareEntries,
  drawSample,
  isShown,
  normalisePaperCode,
  qualityFlags,
  questionsOf,
  sampleSize,
  shareFigure,
  stratifiedShare,
  type Definition,
} from './survey.domain';
import { SATISFACTION_ITEM_IDS, TEMPLATES } from './survey.templates';

const sipas = TEMPLATES['sipas-1001']!.build();

describe('the SIPAS 1001 template', () => {
  it('has the 33 satisfaction items, 14 on policy and 19 on service, each a scale5 question with its aspect', () => {
    const items = questionsOf(sipas).filter((q) => q.type === 'scale5');
    expect(items.map((q) => q.id)).toEqual(SATISFACTION_ITEM_IDS);
    const count = (prefix: string) => items.filter((q) => q.aspect!.startsWith(prefix)).length;
    expect([count('CS'), count('DV')]).toEqual([14, 19]);
    const per = (a: string) => items.filter((q) => q.aspect === a).length;
    expect(['CS1', 'CS2', 'CS3', 'CS4'].map(per)).toEqual([2, 2, 8, 2]);
    expect(['DV1', 'DV2', 'DV3', 'DV4', 'DV5'].map(per)).toEqual([4, 4, 5, 3, 3]);
    expect(checkDefinition(sipas)).toEqual([]);
    expect(checkDefinition(TEMPLATES['cchc-noi-bo']!.build())).toEqual([]);
  });
});

describe('questionnaire checks', () => {
  it('names what is wrong: duplicate ids, missing options, a condition on a later question', () => {
    const bad: Definition = {
      title: 'T',
      sections: [
        {
          id: 's',
          title: 'Phần 1',
          questions: [
            { id: 'a', text: 'Câu a', type: 'single', options: [] },
            { id: 'a', text: 'Câu a lần hai', type: 'text' },
            { id: 'b', text: 'Câu b', type: 'text', showIf: { question: 'c', values: [1] } },
            { id: 'c', text: 'Câu c', type: 'single', options: [{ value: 1, label: 'Có' }] },
          ],
        },
      ],
    };
    const errors = checkDefinition(bad);
    expect(errors).toContain('Câu "a": cần ít nhất một phương án trả lời.');
    expect(errors).toContain('Câu "a": mã câu hỏi bị trùng.');
    expect(errors).toContain('Câu "b": điều kiện hiển thị dựa vào câu "c" không đứng trước nó.');
  });
});

describe('answers', () => {
  it('keeps valid answers, drops the ones skip logic hides, and names the question of a wrong value', () => {
    const ok = checkAnswers(sipas, { A4: 1, A4a: 'Khmer', C9_01: 5, C2: [3, 1, 3], C8: { '4': 1 } });
    expect(ok).toEqual({ answers: { A4: 1, C9_01: 5, C2: [1, 3], C8: { '4': 1 } } });
    const shown = checkAnswers(sipas, { A4: 2, A4a: 'Khmer' });
    expect(shown).toEqual({ answers: { A4: 2, A4a: 'Khmer' } });
    const wrong = checkAnswers(sipas, { C9_01: 6, X: 1 });
    expect('errors' in wrong && wrong.errors).toEqual([
      'Câu "X" không có trong bảng hỏi.',
      expect.stringMatching(/^Câu "C9_01" \(Cơ quan nhà nước cung cấp.*\): "6" không phải phương án nào \(1, 2, 3, 4, 5\)\.$/),
    ]);
    expect(checkAnswers(sipas, {})).toEqual({ errors: ['Phiếu chưa có câu trả lời nào.'] });
  });

  it('requires what is required, only when shown', () => {
    const def: Definition = {
      title: 'T',
      sections: [
        {
          id: 's',
          title: 'P',
          questions: [
            {
              id: 'q1',
              text: 'Đã từng nộp hồ sơ?',
              type: 'single',
              options: [
                { value: 1, label: 'Có' },
                { value: 2, label: 'Không' },
              ],
            },
            { id: 'q2', text: 'Hài lòng?', type: 'scale5', required: true, showIf: { question: 'q1', values: [1] } },
          ],
        },
      ],
    };
    expect(checkAnswers(def, { q1: 2 })).toEqual({ answers: { q1: 2 } });
    expect(checkAnswers(def, { q1: 1 })).toEqual({ errors: ['Câu "q2" (Hài lòng?): bắt buộc trả lời.'] });
    expect(isShown(def.sections[0]!.questions[1]!, { q1: 1 })).toBe(true);
  });
});

describe('sampling', () => {
  it('sizes the sample by n = N / (1 + N·e²), rounded up', () => {
    expect(sampleSize(0, 0.05)).toBe(0);
    expect(sampleSize(10, 0.05)).toBe(10);
    expect(sampleSize(1000, 0.05)).toBe(286);
    expect(sampleSize(20_000, 0.05)).toBe(393);
    expect(sampleSize(1000, 0.1)).toBe(91);
  });

  it('draws the same people from the same frame and seed, another draw with another seed, a person once', () => {
    const frame = Array.from({ length: 200 }, (_, i) => ({ key: `H${i}`, person: i % 50 === 0 ? 'p0' : `p${i}` }));
    const a = drawSample(frame, 20, 7).map((e) => e.key);
    expect(drawSample(frame, 20, 7).map((e) => e.key)).toEqual(a);
    expect(drawSample(frame, 20, 8).map((e) => e.key)).not.toEqual(a);
    const all = drawSample(frame, 200, 7);
    expect(all.filter((e) => e.person === 'p0')).toHaveLength(1);
    expect(all).toHaveLength(197);
    const taken = new Set(['p1', 'p2']);
    expect(drawSample(frame, 200, 7, taken).some((e) => e.person === 'p1' || e.person === 'p2')).toBe(false);
  });

  it('reads a paper code however it was typed', () => {
    expect(normalisePaperCode('ab2c d3ef')).toBe('AB2C-D3EF');
    expect(normalisePaperCode('AB2C-D3EF')).toBe('AB2C-D3EF');
  });
});

describe('figures', () => {
  it('gives the share satisfied, the mean and the 95 % margin 1,96·√(p(1−p)/n)', () => {
    // 100 answers: 60 satisfied (4 or 5), sum 380.
    expect(shareFigure(100, 60, 380)).toEqual({ n: 100, satisfied: 60, satisfiedShare: 0.6, mean: 3.8, marginOfError: 0.096 });
    expect(shareFigure(0, 0, 0).satisfiedShare).toBeNull();
  });

  it('weights strata by their populations', () => {
    const r = stratifiedShare([
      { population: 900, n: 100, satisfied: 90 },
      { population: 100, n: 100, satisfied: 50 },
    ]);
    expect(r.satisfiedShare).toBe(0.86);
    // √(0,81·0,09/100 + 0,01·0,25/100) = √0,000754 = 0,02746; ×1,96 = 0,0538.
    expect(r.marginOfError).toBe(0.0538);
    expect(stratifiedShare([{ population: 10, n: 0, satisfied: 0 }]).satisfiedShare).toBeNull();
  });

  it('flags straight-lining and forms answered faster than anyone reads', () => {
    const same = Object.fromEntries(SATISFACTION_ITEM_IDS.map((id) => [id, 4]));
    expect(qualityFlags(sipas, same, 600)).toEqual(['straight_line']);
    const varied = Object.fromEntries(SATISFACTION_ITEM_IDS.map((id, i) => [id, 1 + (i % 5)]));
    expect(qualityFlags(sipas, varied, 30)).toEqual(['too_fast']);
    expect(qualityFlags(sipas, varied, 600)).toEqual([]);
  });

  it('counts the answers a second keying differs on', () => {
    expect(compareEntries({ a: 1, b: [1, 2], c: 'x' }, { a: 1, b: [1, 3], d: 2 })).toEqual({
      fields: 4,
      mismatches: 3,
      differing: ['b', 'c', 'd'],
    });
  });
});
