import { beforeAll, describe, expect, it } from '@jest/globals';
import { resolve } from 'node:path';
import { AnswerIndex } from '@app/matching';
import { loadKnowledgeSnapshot } from '../../../test/benchmark/knowledge-loader.js';
import { MatchCache } from './match-cache.js';

const thresholds = { answer: 0.5, margin: 0.1, clarify: 0.35, maxChoices: 3 };

describe('MatchCache', () => {
  let index: AnswerIndex;
  let rebuilt: AnswerIndex;

  beforeAll(async () => {
    const snapshot = await loadKnowledgeSnapshot(resolve('test/fixtures/knowledge-mini'));
    index = AnswerIndex.build(snapshot);
    rebuilt = AnswerIndex.build(snapshot);
  });

  it('returns the same match for the same text and index, and starts afresh when the index is rebuilt', () => {
    const cache = new MatchCache(10);
    const one = cache.match(index, '被旅行社坑了，去哪里投诉？', thresholds, 5);
    expect(one.decision).toBe('answer');
    expect(cache.match(index, '被旅行社坑了，去哪里投诉？', thresholds, 5)).toBe(one);
    expect(cache.hits).toBe(1);
    const fresh = cache.match(rebuilt, '被旅行社坑了，去哪里投诉？', thresholds, 5);
    expect(fresh).not.toBe(one);
    expect(fresh.chosen[0].id).toBe(one.chosen[0].id);
  });

  it('keeps at most its capacity, dropping the least recently used', () => {
    const cache = new MatchCache(2);
    const a = cache.match(index, '景区几点开门', thresholds, 5);
    cache.match(index, '低保', thresholds, 5);
    cache.match(index, '景区几点开门', thresholds, 5); // now the most recent
    cache.match(index, '旅游投诉', thresholds, 5); // evicts 低保
    expect(cache.match(index, '景区几点开门', thresholds, 5)).toBe(a);
    const missesBefore = cache.misses;
    cache.match(index, '低保', thresholds, 5);
    expect(cache.misses).toBe(missesBefore + 1);
  });
});
