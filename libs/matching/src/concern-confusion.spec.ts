import { describe, expect, it } from '@jest/globals';
import { emptyBundle, KnowledgeSnapshot, type ConcernRecord } from '@app/knowledge';
import { AnswerIndex } from './answer-index.js';
import { findConfusableConcerns, formatConfusionReport, isConfusable } from './concern-confusion.js';

function concern(id: string, title: string, question: string, paraphrases: string[]): ConcernRecord {
  return {
    id, title, question, paraphrases, keywords: [], answer: '以县有关部门公布的为准。', areaCode: null,
    itemIds: [], interpretationIds: [], status: 'published', extra: {}, sourceFile: 'x.yaml',
  };
}

describe('findConfusableConcerns', () => {
  it('reports two concerns asked in the same words, and not a distinct one', () => {
    const bundle = emptyBundle();
    bundle.concerns = [
      concern('C-pension-a', '养老金领取', '养老金每月什么时候发到卡上', ['养老金啥时候到账', '退休金几号发', '养老金到账时间']),
      concern('C-pension-b', '养老金发放', '每个月养老金几号发放到账', ['养老金哪天发', '退休金到账时间', '养老金几号到卡上']),
      concern('C-idcard', '身份证补办', '身份证丢了怎么补办', ['身份证掉了去哪补', '补办身份证要带什么']),
    ];
    const pairs = findConfusableConcerns(AnswerIndex.build(new KnowledgeSnapshot(bundle, 1)));
    const pension = pairs.find((p) => p.a.id === 'C-pension-a' && p.b.id === 'C-pension-b');
    expect(pension).toBeDefined();
    expect(isConfusable(pension!)).toBe(true);
    expect(pairs.some((p) => p.a.id === 'C-idcard' || p.b.id === 'C-idcard')).toBe(false);
    expect(formatConfusionReport(pairs, 5)[0]).toContain('C-pension-a「养老金领取」 ↔ C-pension-b「养老金发放」');
  });
});
