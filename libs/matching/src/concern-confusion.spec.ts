import { describe, expect, it } from '@jest/globals';
import { concernFixture, indexOfConcerns } from './concern.fixture.js';
import { findConfusableConcerns, formatConfusionReport, isConfusable } from './concern-confusion.js';

describe('findConfusableConcerns', () => {
  it('reports two concerns asked in the same words, and not a distinct one', () => {
    const concerns = [
      concernFixture('C-pension-a', '养老金每月什么时候发到卡上', ['养老金啥时候到账', '退休金几号发', '养老金到账时间'], '养老金领取'),
      concernFixture('C-pension-b', '每个月养老金几号发放到账', ['养老金哪天发', '退休金到账时间', '养老金几号到卡上'], '养老金发放'),
      concernFixture('C-idcard', '身份证丢了怎么补办', ['身份证掉了去哪补', '补办身份证要带什么'], '身份证补办'),
    ];
    const pairs = findConfusableConcerns(indexOfConcerns(concerns));
    const pension = pairs.find((p) => p.a.id === 'C-pension-a' && p.b.id === 'C-pension-b');
    expect(pension).toBeDefined();
    expect(isConfusable(pension!)).toBe(true);
    expect(pairs.some((p) => p.a.id === 'C-idcard' || p.b.id === 'C-idcard')).toBe(false);
    expect(formatConfusionReport(pairs, 5)[0]).toContain('C-pension-a「养老金领取」 ↔ C-pension-b「养老金发放」');
  });
});
