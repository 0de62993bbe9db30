import type { TextAnalyzer } from '@app/analysis';
import type { ConcernRecord } from '@app/knowledge';
import type { ScoredCandidate } from './match-types.js';
import { PretokenizedIndex } from './pretokenized-index.js';
import { weightedOverlap } from './similarity.js';
import type { TermWeights } from './term-weights.js';

export interface ConcernMatcherTuning {
  /** Phrasings retrieved by BM25 before reranking. */
  retrievalDepth: number;
  /** β² of the similarity: > 1 favours covering the whole question over covering the phrasing. */
  queryEmphasis: number;
  /** Extra similarity when the question contains one of the concern's keywords. */
  keywordBonus: number;
  maxDocumentFraction: number;
}

export const DEFAULT_CONCERN_TUNING: ConcernMatcherTuning = {
  retrievalDepth: 60,
  queryEmphasis: 2,
  keywordBonus: 0.05,
  maxDocumentFraction: 0.08,
};

/** A concern analysed once: the terms of each phrasing and of its keywords. */
export interface PreparedConcern {
  id: string;
  title: string;
  phrasings: { text: string; terms: string[] }[];
  keywordTerms: string[];
}

export function prepareConcern(concern: ConcernRecord, analyzer: TextAnalyzer): PreparedConcern {
  return {
    id: concern.id,
    title: concern.title,
    phrasings: [concern.title, concern.question, ...concern.paraphrases].map((text) => ({ text, terms: analyzer.terms(text) })),
    keywordTerms: concern.keywords.flatMap((k) => analyzer.terms(k)),
  };
}

const SEPARATOR = '#';

/**
 * Finds the concerns a question is about. Each phrasing of a concern (title, standard question,
 * paraphrases) is a document; BM25 finds candidates and a weighted overlap with the best
 * phrasing scores each concern, so scores compare across questions and thresholds calibrate.
 */
export class ConcernMatcher {
  private readonly index: PretokenizedIndex;
  private readonly concerns = new Map<string, PreparedConcern>();

  constructor(prepared: PreparedConcern[], private readonly tuning: ConcernMatcherTuning = DEFAULT_CONCERN_TUNING) {
    this.index = new PretokenizedIndex(['phrasing'], {
      boost: { phrasing: 1 },
      maxDocumentFraction: tuning.maxDocumentFraction,
      minRetrievalTerms: 3,
    });
    for (const concern of prepared) this.concerns.set(concern.id, concern);
    this.index.addAll(
      prepared.flatMap((c) => c.phrasings.map((p, k) => ({ id: `${c.id}${SEPARATOR}${k}`, fields: { phrasing: p.terms } }))),
    );
  }

  get size(): number {
    return this.concerns.size;
  }

  get weights(): TermWeights {
    return this.index.weights;
  }

  match(queryTerms: string[], limit = 5): ScoredCandidate[] {
    const queryWeight = this.index.totalWeight(queryTerms);
    const best = new Map<string, ScoredCandidate>();
    for (const hit of this.index.retrieve(queryTerms, this.tuning.retrievalDepth)) {
      const cut = hit.id.lastIndexOf(SEPARATOR);
      const concern = this.concerns.get(hit.id.slice(0, cut));
      if (!concern) continue;
      const { score, matched } = weightedOverlap(this.index, queryTerms, queryWeight, hit.terms, this.tuning.queryEmphasis);
      const bonus = concern.keywordTerms.some((t) => queryTerms.includes(t)) ? this.tuning.keywordBonus : 0;
      const total = Math.min(1, score + bonus);
      const previous = best.get(concern.id);
      if (!previous || total > previous.score) {
        best.set(concern.id, {
          type: 'concern', id: concern.id, title: concern.title, score: total, matchedTerms: matched,
          matchedPhrasing: concern.phrasings[Number(hit.id.slice(cut + 1))]?.text,
        });
      }
    }
    return [...best.values()].sort((a, b) => b.score - a.score).slice(0, limit);
  }
}
