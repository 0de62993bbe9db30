import type { TermWeights } from './term-weights.js';

/**
 * Weighted overlap between a query and a document's terms: the F-measure of how much of the
 * query the document explains and how much of the document the query covers, with the query side
 * weighted by `queryEmphasis` (β²). 1 = same terms, 0 = none shared. Both totals are precomputed.
 */
export function weightedOverlap(
  weights: TermWeights, queryTerms: readonly string[], queryWeight: number,
  documentTerms: ReadonlySet<string>, documentWeight: number, queryEmphasis: number,
): number {
  let shared = 0;
  for (const t of queryTerms) if (documentTerms.has(t)) shared += weights.weight(t);
  if (shared === 0 || queryWeight === 0 || documentWeight === 0) return 0;
  const queryCoverage = shared / queryWeight;
  const documentCoverage = Math.min(1, shared / documentWeight);
  return ((1 + queryEmphasis) * queryCoverage * documentCoverage) / (queryEmphasis * documentCoverage + queryCoverage);
}
