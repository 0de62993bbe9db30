import MiniSearch from 'minisearch';
import { TermWeights } from './term-weights.js';

export interface PretokenizedDocument {
  id: string;
  /** Field name → analysed terms (already normalised, segmented, synonym-mapped). */
  fields: Record<string, string[]>;
}

export interface IndexTuning {
  /** Field boosts for BM25 retrieval. */
  boost: Record<string, number>;
  /**
   * Terms in more than max(minPrunedFrequency, maxDocumentFraction × documents) documents are not
   * used to retrieve: in a large collection they touch thousands of postings and say little.
   */
  maxDocumentFraction: number;
  minPrunedFrequency: number;
  /** …but a query of only frequent terms still retrieves with this many of its rarest. */
  minRetrievalTerms: number;
}

export interface RetrievedDocument {
  id: string;
  bm25: number;
  /** Query terms found in the document, and the fields each was found in. */
  matched: Record<string, string[]>;
}

/** One term's documents as MiniSearch scores them for that term alone. */
interface TermHit {
  id: string;
  score: number;
  fields: string[];
}

// Terms kept with their documents, bounded by documents held (least recently used term goes first;
// ~200,000 hits is a few tens of MB). Residents' questions are new texts made of the same few
// thousand words: each word is searched once, not once per question.
const CACHED_HITS = 200_000;

// Terms are joined with a separator no analysed term contains; MiniSearch splits on it again.
const SEPARATOR = '\u0001';
const splitTerms = (text: string): string[] => (text ? text.split(SEPARATOR) : []);

/**
 * MiniSearch over documents analysed once, outside it: indexing and querying then share one
 * analyzer by construction. Keeps document frequencies for pruning and weighting.
 */
export class PretokenizedIndex {
  readonly weights = new TermWeights();
  private readonly search: MiniSearch<{ id: string } & Record<string, string>>;
  private readonly termHits = new Map<string, TermHit[]>();
  private cachedHits = 0;

  constructor(private readonly fieldNames: string[], private readonly tuning: IndexTuning) {
    this.search = new MiniSearch({
      fields: fieldNames,
      idField: 'id',
      tokenize: splitTerms,
      processTerm: (term: string) => term,
      searchOptions: { boost: tuning.boost, combineWith: 'OR', prefix: false, fuzzy: false },
    });
  }

  addAll(documents: PretokenizedDocument[]): void {
    const rows = documents.map((doc) => {
      const row: { id: string } & Record<string, string> = { id: doc.id };
      const counted = new Set<string>();
      for (const field of this.fieldNames) {
        const terms = doc.fields[field] ?? [];
        for (const t of terms) counted.add(t);
        row[field] = terms.join(SEPARATOR);
      }
      this.weights.addDocument(counted);
      return row;
    });
    this.search.addAll(rows);
  }

  get size(): number {
    return this.weights.documentCount;
  }

  /** The query terms worth retrieving with: frequent ones pruned, the rarest always kept. */
  retrievalTerms(queryTerms: string[]): string[] {
    const known = queryTerms.filter((t) => this.weights.has(t));
    const limit = Math.max(this.tuning.minPrunedFrequency, this.tuning.maxDocumentFraction * this.weights.documentCount);
    const selective = known.filter((t) => this.weights.frequency(t) <= limit);
    if (selective.length > 0) return selective;
    return [...known].sort((a, b) => this.weights.frequency(a) - this.weights.frequency(b)).slice(0, this.tuning.minRetrievalTerms);
  }

  /**
   * BM25 over the retrieval terms, combined as MiniSearch combines an OR query — each document's
   * per-term scores summed, times the number of query terms it matched — from per-term results
   * that are searched once and cached.
   */
  retrieve(queryTerms: string[], limit: number, filter?: (id: string) => boolean): RetrievedDocument[] {
    const terms = [...new Set(this.retrievalTerms(queryTerms))];
    if (terms.length === 0) return [];
    const combined = new Map<string, { score: number; terms: number; matched: Record<string, string[]> }>();
    for (const term of terms) {
      for (const hit of this.hitsFor(term)) {
        let doc = combined.get(hit.id);
        if (!doc) combined.set(hit.id, (doc = { score: 0, terms: 0, matched: {} }));
        doc.score += hit.score;
        doc.terms++;
        doc.matched[term] = hit.fields;
      }
    }
    const results: RetrievedDocument[] = [];
    for (const [id, doc] of combined) if (!filter || filter(id)) results.push({ id, bm25: doc.score * doc.terms, matched: doc.matched });
    return results.sort((a, b) => b.bm25 - a.bm25).slice(0, limit);
  }

  private hitsFor(term: string): TermHit[] {
    let hits = this.termHits.get(term);
    if (hits) {
      this.termHits.delete(term);
    } else {
      hits = this.search.search(term).map((r) => ({ id: r.id as string, score: r.score, fields: r.match[term] ?? [] }));
      this.cachedHits += hits.length;
      for (const [oldest, oldHits] of this.termHits) {
        if (this.cachedHits <= CACHED_HITS) break;
        this.termHits.delete(oldest);
        this.cachedHits -= oldHits.length;
      }
    }
    this.termHits.set(term, hits);
    return hits;
  }

  /** Sum of weights of the terms, counting each term once. */
  totalWeight(terms: Iterable<string>): number {
    return this.weights.totalWeight(terms);
  }
}
