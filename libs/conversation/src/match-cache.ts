import type { AnswerIndex, DecisionThresholds, QuestionMatch } from '@app/matching';
import { matchQuestion } from '@app/matching';

/**
 * Residents ask the same few hundred things again and again (低保怎么申请, 医保怎么报销): the match for
 * an exact question text is kept, per index. A rebuilt index (knowledge changed) starts an empty
 * cache, so a published change is never hidden behind an old answer. Least recently used goes first.
 */
export class MatchCache {
  private index: AnswerIndex | null = null;
  private readonly entries = new Map<string, QuestionMatch>();
  hits = 0;
  misses = 0;

  constructor(private readonly capacity = 20_000) {}

  match(index: AnswerIndex, text: string, thresholds: DecisionThresholds, limit: number): QuestionMatch {
    if (index !== this.index) {
      this.index = index;
      this.entries.clear();
    }
    const key = `${limit}\u0000${text}`;
    const cached = this.entries.get(key);
    if (cached) {
      this.hits++;
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    this.misses++;
    const result = matchQuestion(index, text, thresholds, limit);
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, result);
    return result;
  }
}
