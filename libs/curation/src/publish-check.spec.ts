import { describe, expect, it } from '@jest/globals';
import type { ConcernRecord } from '@app/knowledge';
import { DRAFT_ANSWER_PLACEHOLDER, publishProblems } from './publish-check.js';

const concern = (changes: Partial<ConcernRecord>): ConcernRecord => ({
  id: 'C-x', title: '标题', question: '问题？', paraphrases: [], keywords: [], answer: '答复口径。', areaCode: null,
  itemIds: ['item-1'], interpretationIds: [], status: 'draft', kind: 'concern', extra: {}, sourceFile: 'x.yaml', ...changes,
});

describe('publishProblems', () => {
  it('refuses an empty or placeholder answer and a concern resting on no catalogue item', () => {
    expect(publishProblems(concern({}))).toEqual([]);
    expect(publishProblems(concern({ answer: '  ' }))).toEqual(['答复口径还没有填写']);
    expect(publishProblems(concern({ answer: DRAFT_ANSWER_PLACEHOLDER }))).toEqual(['答复口径还没有填写（仍是“待填写”的占位文字）']);
    expect(publishProblems(concern({ itemIds: [] }))).toEqual(['没有关联公开事项：请在“依据的目录事项”中至少选一项']);
  });

  it('lets a referral concern (kind: referral) rest on no item, but not go without an answer', () => {
    expect(publishProblems(concern({ itemIds: [], kind: 'referral' }))).toEqual([]);
    expect(publishProblems(concern({ itemIds: [], kind: 'referral', answer: '' }))).toEqual(['答复口径还没有填写']);
  });
});
