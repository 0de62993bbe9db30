import type { PretokenizedIndex } from './pretokenized-index.js';

/**
 * Weighted overlap between a query and a document's terms: the harmonic blend of how much of
 * the query the document explains and how much of the document the query covers, with the
 * query side weighted by `queryEmphasis` (β² of an F-measure). 1 = same terms, 0 = none shared.
 */
export function weightedOverlap(
  index: PretokenizedIndex, queryTerms: readonly string[], queryWeight: number, documentTerms: ReadonlySet<string>,
  queryEmphasis: number,
): { score: number; matched: string[] } {
  const matched = queryTerms.filter((t) => documentTerms.has(t));
  if (matched.length === 0 || queryWeight === 0) return { score: 0, matched };
  const shared = index.totalWeight(matched);
  const queryCoverage = shared / queryWeight;
  const documentCoverage = shared / index.totalWeight(documentTerms);
  const b2 = queryEmphasis;
  const score = ((1 + b2) * queryCoverage * documentCoverage) / (b2 * documentCoverage + queryCoverage);
  return { score, matched };
}
