import type { ScoredCandidate } from './match-types.js';

export type Decision = 'answer' | 'clarify' | 'none';

export interface DecisionThresholds {
  /** Minimum similarity of the best concern to answer without asking back. */
  answer: number;
  /** Minimum lead of the best concern over the second to answer without asking back. */
  margin: number;
  /** Minimum similarity for a concern to be offered as a choice. */
  clarify: number;
  /** Choices offered when asking back. */
  maxChoices: number;
  /**
   * answer and clarify for a long message matched as an ask within its story: its scores run lower
   * (the ask is longer, the story only context), so it has bands of its own. Absent: the same bands.
   */
  storyAnswer?: number;
  storyClarify?: number;
}

export const DEFAULT_THRESHOLDS: DecisionThresholds = { answer: 0.55, margin: 0.08, clarify: 0.3, maxChoices: 3 };

export interface DecisionResult {
  decision: Decision;
  /** The concern answered with, or the choices offered (best first). */
  concerns: ScoredCandidate[];
}

/**
 * answer: one concern is clearly best; clarify: a few are close or the best is only plausible;
 * none: nothing is plausible. A confident wrong answer is the worst outcome, so "answer" needs
 * both a high score and a lead over the runner-up.
 */
export function decide(candidates: ScoredCandidate[], bands: DecisionThresholds, story = false): DecisionResult {
  const thresholds = story ? { ...bands, answer: bands.storyAnswer ?? bands.answer, clarify: bands.storyClarify ?? bands.clarify } : bands;
  const [best, second] = candidates;
  if (!best || best.score < thresholds.clarify) return { decision: 'none', concerns: [] };
  const lead = best.score - (second?.score ?? 0);
  // A one-word question (低保) that the runner-up matches just as well gives no reason to prefer
  // the best concern (its lead comes from phrasing length alone): ask back.
  const sameEvidence = second !== undefined && second.score >= thresholds.clarify && best.matchedTerms.length <= 1
    && sameTerms(best.matchedTerms, second.matchedTerms);
  // Asked in exactly the words of a curated phrasing of the best concern and of no other: the staff
  // already said what this question means, however close a neighbour scores (低保怎么申请 vs 低保停发).
  const onlyExact = best.exactPhrasing === true && second?.exactPhrasing !== true;
  if (best.score >= thresholds.answer && (lead >= thresholds.margin || onlyExact) && !sameEvidence && !best.objectConflict) return { decision: 'answer', concerns: [best] };
  const choices = candidates.filter((c) => c.score >= thresholds.clarify).slice(0, thresholds.maxChoices);
  return { decision: 'clarify', concerns: choices };
}

function sameTerms(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((t) => b.includes(t));
}
