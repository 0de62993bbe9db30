import { describe, expect, it } from '@jest/globals';
import type { AnswerIndex } from './answer-index.js';
import { concernFixture, indexOfConcerns } from './concern.fixture.js';
import { DEFAULT_CONCERN_TUNING } from './concern-matcher.js';

describe('question intents in concern matching', () => {
  // Neighbours of one topic: the same words, asked for different things.
  const concerns = [
    concernFixture('C-amount', '低保每月发多少', ['低保一个月发多少']),
    concernFixture('C-where', '低保在哪里发', ['低保发到哪里']),
    concernFixture('C-when', '低保什么时候发', ['低保几号发']),
    concernFixture('C-other', '路灯坏了找谁修', ['路灯不亮']),
  ];
  const withIntents = indexOfConcerns(concerns);
  const without = indexOfConcerns(concerns, { ...DEFAULT_CONCERN_TUNING, intentWeight: 0 });
  const top = (index: AnswerIndex, text: string) => index.concerns.match(index.analyse(text), 3);

  it('tells apart neighbours whose words are the same', () => {
    expect(withIntents.analyse('俺家低保能发多少').intents).toEqual(['amount']);
    expect(top(withIntents, '俺家低保能发多少')[0].id).toBe('C-amount');
    expect(top(withIntents, '俺家低保去哪儿发')[0].id).toBe('C-where');
  });

  it('is what separates them: without intents the words alone pick the wrong neighbour', () => {
    expect(top(without, '俺家低保能发多少')[0].id).not.toBe('C-amount');
  });

  it('does not outweigh the topic', () => {
    // 多少 alone does not pull a question about street lights to 低保.
    expect(top(withIntents, '路灯坏了多少天没人修')[0].id).toBe('C-other');
  });

  it('leaves questions without intent cues as they were', () => {
    const a = top(withIntents, '低保发放');
    const b = top(without, '低保发放');
    expect(a.map((c) => c.id)).toEqual(b.map((c) => c.id));
  });

  it('marks a concern whose phrasing has exactly the question\'s words and intents', () => {
    const [best, second] = top(withIntents, '低保一个月发多少？');
    expect(best).toMatchObject({ id: 'C-amount', exactPhrasing: true });
    expect(second.exactPhrasing).toBeUndefined();
    // Another intent, or one more word, is no longer the same question.
    expect(top(withIntents, '低保一个月几号发')[0].exactPhrasing).toBeUndefined();
    expect(top(withIntents, '城里低保一个月发多少')[0].exactPhrasing).toBeUndefined();
  });
});
