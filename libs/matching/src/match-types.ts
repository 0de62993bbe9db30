import type { QuestionIntent } from '@app/analysis';

export type CandidateType = 'concern' | 'item' | 'interpretation';

export interface ScoredCandidate {
  type: CandidateType;
  id: string;
  title: string;
  /** Similarity in [0, 1]: how much of the question and of the best-matching phrasing agree. */
  score: number;
  /** The query terms that matched, for highlighting and for "why did this win". */
  matchedTerms: string[];
  /** For concerns: the phrasing (title, question or paraphrase) that matched best. */
  matchedPhrasing?: string;
  /** For concerns: the question has exactly the words (and intents) of one of its phrasings. */
  exactPhrasing?: boolean;
  /** For concerns: the question names another thing than the concern does (驾驶证 vs 身份证); never answered directly. */
  objectConflict?: boolean;
}

export interface AnalysedQuery {
  text: string;
  normalized: string;
  /** Distinct analysed terms after typo correction. */
  terms: string[];
  /** Those of the terms that occur only inside a longer word of the question (they count for less). */
  parts: string[];
  /** What the question asks for (how, where, when …): cue words the terms drop as stopwords. */
  intents: QuestionIntent[];
  /**
   * For a long message: the terms of its ask. The others come from the story around it, known to the
   * knowledge, and count for less (ConcernMatcherTuning.storyWeight). Absent: every term is the ask.
   */
  focus?: ReadonlySet<string>;
  /** Terms replaced by the homophone corrector: typo → known word. */
  corrections: Record<string, string>;
}
