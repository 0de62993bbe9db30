import { decide, type Decision, type DecisionThresholds } from './answer-decider.js';
import type { AnswerIndex } from './answer-index.js';
import type { AnalysedQuery, ScoredCandidate } from './match-types.js';

export interface QuestionMatch {
  query: AnalysedQuery;
  decision: Decision;
  /** Concerns ranked best first (up to `limit`). */
  concerns: ScoredCandidate[];
  /** The concern answered with, or the choices to offer. */
  chosen: ScoredCandidate[];
  /** Catalogue items and interpretations ranked best first (up to `limit`). */
  documents: ScoredCandidate[];
}

/** The whole matching step for one question: analyse, rank concerns and documents, decide. */
export function matchQuestion(index: AnswerIndex, text: string, thresholds: DecisionThresholds, limit = 5): QuestionMatch {
  const query = index.analyse(text);
  const concerns = index.concerns.match(query, limit);
  const documents = index.documents.match(query.terms, limit);
  const { decision, concerns: chosen } = decide(concerns, thresholds);
  return { query, decision, concerns, chosen, documents };
}
