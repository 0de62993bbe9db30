import type { TermWeights } from './term-weights.js';

/** A query's terms with their weights looked up once, for scoring it against many phrasings. */
export interface WeightedQuery {
  terms: readonly string[];
  /** weights[i] is the weight of terms[i]. */
  weights: Float64Array;
  /** Sum of the weights of the distinct terms. */
  total: number;
}

/**
 * @param parts terms that are only parts of a longer word of the same text (TextAnalyzer.analyse),
 *   weighted `partWeight` of a whole word
 */
export function weighQuery(weights: TermWeights, terms: readonly string[], parts?: ReadonlySet<string>, partWeight = 1): WeightedQuery {
  return withTotal(terms, Float64Array.from(terms, (t) => weights.weight(t) * (parts?.has(t) ? partWeight : 1)));
}

/** The weighted query of these weights, each distinct term counted once in the total. */
export function withTotal(terms: readonly string[], weights: Float64Array): WeightedQuery {
  let total = 0;
  const seen = new Set<string>();
  terms.forEach((t, i) => {
    if (!seen.has(t)) total += weights[i];
    seen.add(t);
  });
  return { terms, weights, total };
}


/**
 * Weighted overlap between a query and a document's terms, from the weight they share: the
 * F-measure of how much of the query the document explains and how much of the document the
 * query covers, with the query side weighted by `queryEmphasis` (β²). 1 = same terms, 0 = none shared.
 */
export function overlapScore(shared: number, queryWeight: number, documentWeight: number, queryEmphasis: number): number {
  if (shared === 0 || queryWeight === 0 || documentWeight === 0) return 0;
  const queryCoverage = shared / queryWeight;
  const documentCoverage = Math.min(1, shared / documentWeight);
  return ((1 + queryEmphasis) * queryCoverage * documentCoverage) / (queryEmphasis * documentCoverage + queryCoverage);
}
