import { syntheticKnowledge, syntheticQuestions } from '../../../test/benchmark/synthetic-knowledge.js';
import { AnswerIndex } from './answer-index.js';

describe('AnswerIndex.buildInSlices', () => {
  const knowledge = syntheticKnowledge(1200, 2500);

  it('lets the event loop run while it builds, and builds the same index as build', async () => {
    let turns = 0;
    let counting = true;
    const tick = () => {
      turns++;
      if (counting) setImmediate(tick);
    };
    setImmediate(tick);
    const sliced = await AnswerIndex.buildInSlices(knowledge);
    counting = false;
    // 1,200 concerns and 2,500 items in slices of 500: the loop ran between at least ten of them.
    expect(turns).toBeGreaterThanOrEqual(10);

    const whole = AnswerIndex.build(knowledge);
    expect(sliced.concerns.size).toBe(whole.concerns.size);
    expect(sliced.documents.size).toBe(whole.documents.size);
    for (const question of syntheticQuestions(50)) {
      expect(sliced.search(question, 5)).toEqual(whole.search(question, 5));
    }
  });
});
