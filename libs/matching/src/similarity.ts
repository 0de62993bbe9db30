import type { TermWeights } from './term-weights.js';

/** A query's terms with their weights looked up once, for scoring it against many phrasings. */
export interface WeightedQuery {
  terms: readonly string[];
  /** weights[i] is the weight of terms[i]. */
  weights: Float64Array;
  /** Sum of the weights of the distinct terms. */
  total: number;
}

export function weighQuery(weights: TermWeights, terms: readonly string[], partWeight = 1): WeightedQuery {
  const parts = partWeight === 1 ? undefined : wordParts(terms);
  const w = Float64Array.from(terms, (t) => weights.weight(t) * (parts?.has(t) ? partWeight : 1));
  let total = 0;
  const seen = new Set<string>();
  terms.forEach((t, i) => {
    if (!seen.has(t)) total += w[i];
    seen.add(t);
  });
  return { terms, weights: w, total };
}

/**
 * The terms that are part of a longer term of the same text (交上 and 上去 of 交上去; 调解 of
 * 人民调解委员会): search-mode segmentation emits both, and counting each in full would let one
 * long word outweigh the rest of the question.
 */
export function wordParts(terms: readonly string[]): Set<string> {
  const parts = new Set<string>();
  for (const t of terms) for (const u of terms) if (u.length > t.length && u.includes(t)) parts.add(t);
  return parts;
}

/** Total weight of a text's distinct terms, with parts of longer terms discounted. */
export function partAwareWeight(weights: TermWeights, terms: readonly string[], partWeight: number): number {
  return weighQuery(weights, terms, partWeight).total;
}

/**
 * Weighted overlap between a query and a document's terms: the F-measure of how much of the
 * query the document explains and how much of the document the query covers, with the query side
 * weighted by `queryEmphasis` (β²). 1 = same terms, 0 = none shared. Both totals are precomputed.
 */
export function weightedOverlap(query: WeightedQuery, documentTerms: ReadonlySet<string>, documentWeight: number, queryEmphasis: number): number {
  let shared = 0;
  const { terms, weights } = query;
  for (let i = 0; i < terms.length; i++) if (documentTerms.has(terms[i])) shared += weights[i];
  if (shared === 0 || query.total === 0 || documentWeight === 0) return 0;
  const queryCoverage = shared / query.total;
  const documentCoverage = Math.min(1, shared / documentWeight);
  return ((1 + queryEmphasis) * queryCoverage * documentCoverage) / (queryEmphasis * documentCoverage + queryCoverage);
}
