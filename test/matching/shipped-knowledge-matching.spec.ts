import { beforeAll, describe, expect, it } from '@jest/globals';
import { resolve } from 'node:path';
import { loadAppConfig } from '@app/common';
import { KnowledgeSnapshot, readKnowledgeFolder } from '@app/knowledge';
import { AnswerIndex, matchQuestion, type DecisionThresholds } from '@app/matching';

// The shipped knowledge and the calibrated bands: what a resident meets on a fresh install.
let index: AnswerIndex;
let thresholds: DecisionThresholds;
beforeAll(async () => {
  const { bundle } = await readKnowledgeFolder(resolve('knowledge'));
  index = AnswerIndex.build(new KnowledgeSnapshot(bundle, 1));
  thresholds = loadAppConfig({ NODE_ENV: 'test' }).matching.thresholds;
}, 60_000);

const outcome = (text: string) => {
  const m = matchQuestion(index, text, thresholds);
  return { decision: m.decision, first: m.chosen[0]?.id, chosen: m.chosen.map((c) => c.id), followUp: m.followUp?.id ?? null };
};

describe('a question told inside a longer story', () => {
  it.each([
    {
      one: '我妈今年75了，能领高龄津贴吗',
      three: '领导您好！我在外地打工，老家就她一个人。我妈今年75了，能领高龄津贴吗？谢谢！',
      six: '尊敬的领导：您好！我是城关镇的，常年在外地打工。我妈今年75了，身体还行，一个人住在乡下老家。前几天村里的人说县里给老人发高龄津贴。我妈今年75了，能领高龄津贴吗？麻烦您了，谢谢！',
    },
    {
      one: '低保怎么申请',
      three: '你好。我家就我和闺女两个人，我打零工挣不了几个钱。请问低保怎么申请？',
      six: '尊敬的书记：您好！我是村里的困难户。去年老伴走了，家里就剩我和闺女。闺女还在上学，我腰不好只能打零工，一个月挣不了几个钱。村里人让我问问政府。请问低保怎么申请？盼复，谢谢！',
    },
  ])('reaches the same concern and decision in 1, 3 and 6 sentences: $one', ({ one, three, six }) => {
    const short = outcome(one);
    expect(short.decision).not.toBe('none');
    for (const story of [three, six]) {
      const long = outcome(story);
      expect(long.decision).toBe(short.decision);
      expect(long.first).toBe(short.first);
    }
  });

  it('answers the first of two asks and offers the second', () => {
    const result = outcome('领导您好，我想问一下低保怎么申请，还有医保报销比例是多少，谢谢');
    expect(result.decision).toBe('answer');
    expect(result.first).toBe('C-social-assistance-dibao-apply');
    expect(result.followUp).not.toBeNull();
    expect(result.followUp).not.toBe(result.first);
  });
});

describe('the object asked about', () => {
  it.each([
    ['临时号牌有效期是多久', 'C-household-registration-idcard-renew'],
    ['个体户营业执照怎么注销', 'C-tax-first-registration'],
  ])('never answers %s with a concern about another object (%s)', (text, neighbour) => {
    const result = outcome(text);
    expect(result.decision === 'answer' && result.first === neighbour).toBe(false);
  });

  it('sends matters of other channels to their referral', () => {
    expect(outcome('驾驶证到期了去哪换').first).toBe('C-referral-traffic-police');
    expect(outcome('高考报名什么时候开始').first).toBe('C-referral-exam-authority');
  });
});

describe('real words are not typos', () => {
  it('leaves 实施 alone and does not answer with 死亡注销户口', () => {
    const m = matchQuestion(index, '这个规定什么时候实施', thresholds);
    expect(m.query.corrections).toEqual({});
    expect(m.decision === 'answer' && /死亡/.test(m.chosen[0].title)).toBe(false);
  });

  it('corrects 认正 to 认证 next to 养老金', () => {
    const m = matchQuestion(index, '养老金认正怎么弄', thresholds);
    expect(m.query.corrections).toEqual({ 认正: '认证' });
    expect(m.concerns[0].title).toMatch(/认证/);
  });
});
