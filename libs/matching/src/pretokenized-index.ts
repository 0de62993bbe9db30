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
  /** Fields whose terms count towards document frequency (default: all). */
  frequencyFields?: string[];
}

export interface RetrievedDocument {
  id: string;
  bm25: number;
  /** Query terms found in the document, and the fields each was found in. */
  matched: Record<string, string[]>;
}

// Terms are joined with a separator no analysed term contains; MiniSearch splits on it again.
const SEPARATOR = '\u0001';
const splitTerms = (text: string): string[] => (text ? text.split(SEPARATOR) : []);

/**
 * MiniSearch over documents analysed once, outside it: indexing and querying then share one
 * analyzer by construction. Keeps document frequencies for pruning and weighting.
 */
export class PretokenizedIndex {
  readonly weights = new TermWeights();
  private readonly frequencyFields: ReadonlySet<string>;
  private readonly search: MiniSearch<{ id: string } & Record<string, string>>;

  constructor(private readonly fieldNames: string[], private readonly tuning: IndexTuning) {
    this.frequencyFields = new Set(tuning.frequencyFields ?? fieldNames);
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
        if (this.frequencyFields.has(field)) for (const t of terms) counted.add(t);
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
    // A term counted in no frequency field (only in context, say) is rare enough to keep.
    const known = queryTerms.filter((t) => this.weights.has(t) || this.frequencyFields.size < this.fieldNames.length);
    const limit = Math.max(this.tuning.minPrunedFrequency, this.tuning.maxDocumentFraction * this.weights.documentCount);
    const selective = known.filter((t) => this.weights.frequency(t) <= limit);
    if (selective.length > 0) return selective;
    return [...known].sort((a, b) => this.weights.frequency(a) - this.weights.frequency(b)).slice(0, this.tuning.minRetrievalTerms);
  }

  retrieve(queryTerms: string[], limit: number, filter?: (id: string) => boolean): RetrievedDocument[] {
    const terms = this.retrievalTerms(queryTerms);
    if (terms.length === 0) return [];
    const results = this.search.search(terms.join(SEPARATOR), filter ? { filter: (r) => filter(r.id as string) } : undefined);
    return results.slice(0, limit).map((r) => ({ id: r.id as string, bm25: r.score, matched: r.match }));
  }

  /** Sum of weights of the terms, counting each term once. */
  totalWeight(terms: Iterable<string>): number {
    return this.weights.totalWeight(terms);
  }
}
