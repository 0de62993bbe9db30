import { describe, expect, it } from '@jest/globals';
import { decide, type DecisionThresholds } from './answer-decider.js';
import type { ScoredCandidate } from './match-types.js';

const thresholds: DecisionThresholds = { answer: 0.6, margin: 0.1, clarify: 0.3, maxChoices: 3 };
const c = (id: string, score: number): ScoredCandidate => ({ type: 'concern', id, title: id, score, matchedTerms: [id] });

describe('decide', () => {
  it('answers when the best is high and clearly ahead', () => {
    expect(decide([c('a', 0.8), c('b', 0.5)], thresholds)).toEqual({ decision: 'answer', concerns: [c('a', 0.8)] });
  });

  it('asks back when the best two are close', () => {
    const result = decide([c('a', 0.8), c('b', 0.75), c('c', 0.5), c('d', 0.4), c('e', 0.1)], thresholds);
    expect(result.decision).toBe('clarify');
    expect(result.concerns.map((x) => x.id)).toEqual(['a', 'b', 'c']);
  });

  it('asks back when the best is only plausible', () => {
    expect(decide([c('a', 0.45)], thresholds).decision).toBe('clarify');
  });

  it('asks back when the runner-up matched the same words of the question', () => {
    const a = { ...c('a', 0.9), matchedTerms: ['低保'] };
    const b = { ...c('b', 0.5), matchedTerms: ['低保'] };
    expect(decide([a, b], thresholds).decision).toBe('clarify');
    expect(decide([a, { ...b, matchedTerms: ['标准'] }], thresholds).decision).toBe('answer');
  });

  it('answers a question asked in exactly the words of one concern\'s phrasing, however close the runner-up', () => {
    const exact = { ...c('a', 0.9), exactPhrasing: true };
    expect(decide([exact, c('b', 0.85)], thresholds).decision).toBe('answer');
    // …but not when the runner-up has such a phrasing too, nor below the answer threshold.
    expect(decide([exact, { ...c('b', 0.85), exactPhrasing: true }], thresholds).decision).toBe('clarify');
    expect(decide([{ ...exact, score: 0.5 }, c('b', 0.45)], thresholds).decision).toBe('clarify');
  });

  it('declines when nothing is plausible, or there is nothing', () => {
    expect(decide([c('a', 0.2)], thresholds)).toEqual({ decision: 'none', concerns: [] });
    expect(decide([], thresholds)).toEqual({ decision: 'none', concerns: [] });
  });
});
