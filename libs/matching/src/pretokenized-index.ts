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
  /** Terms found in more than this fraction of documents are not used to retrieve (they still score). */
  maxDocumentFraction: number;
  /** …but a query always keeps at least this many of its rarest terms. */
  minRetrievalTerms: number;
}

export interface RetrievedDocument {
  id: string;
  bm25: number;
  terms: ReadonlySet<string>;
}

// Terms are joined with a separator no analysed term contains; MiniSearch splits on it again.
const SEPARATOR = '\u0001';
const splitTerms = (text: string): string[] => (text ? text.split(SEPARATOR) : []);

/**
 * MiniSearch over documents that were analysed once, outside it: indexing and querying then
 * share one analyzer by construction, and a snapshot never depends on the tokenizer's code.
 * Keeps each document's term set and the collection's term weights for reranking.
 */
export class PretokenizedIndex {
  readonly weights = new TermWeights();
  private readonly termSets = new Map<string, ReadonlySet<string>>();
  private readonly search: MiniSearch<{ id: string } & Record<string, string>>;

  constructor(private readonly fieldNames: string[], private readonly tuning: IndexTuning) {
    const options = {
      fields: fieldNames,
      idField: 'id',
      tokenize: splitTerms,
      processTerm: (term: string) => term,
      searchOptions: { boost: tuning.boost, combineWith: 'OR' as const, prefix: false, fuzzy: false },
    };
    this.search = new MiniSearch(options);
  }

  addAll(documents: PretokenizedDocument[]): void {
    const rows = documents.map((doc) => {
      const all = new Set<string>();
      const row: { id: string } & Record<string, string> = { id: doc.id };
      for (const field of this.fieldNames) {
        const terms = doc.fields[field] ?? [];
        for (const t of terms) all.add(t);
        row[field] = terms.join(SEPARATOR);
      }
      this.termSets.set(doc.id, all);
      this.weights.addDocument(all);
      return row;
    });
    this.search.addAll(rows);
  }

  get size(): number {
    return this.termSets.size;
  }

  termSet(id: string): ReadonlySet<string> | undefined {
    return this.termSets.get(id);
  }

  /** The query terms worth retrieving with: frequent ones pruned, the rarest always kept. */
  retrievalTerms(queryTerms: string[]): string[] {
    const known = queryTerms.filter((t) => this.weights.has(t));
    const limit = this.tuning.maxDocumentFraction * this.weights.documentCount;
    const selective = known.filter((t) => this.weights.frequency(t) <= limit);
    if (selective.length >= Math.min(this.tuning.minRetrievalTerms, known.length)) return selective;
    return [...known].sort((a, b) => this.weights.frequency(a) - this.weights.frequency(b)).slice(0, this.tuning.minRetrievalTerms);
  }

  retrieve(queryTerms: string[], limit: number, filter?: (id: string) => boolean): RetrievedDocument[] {
    const terms = this.retrievalTerms(queryTerms);
    if (terms.length === 0) return [];
    const results = this.search.search(terms.join(SEPARATOR), filter ? { filter: (r) => filter(r.id as string) } : undefined);
    return results.slice(0, limit).map((r) => ({ id: r.id as string, bm25: r.score, terms: this.termSets.get(r.id as string)! }));
  }

  /** Sum of weights of the terms, counting each term once. */
  totalWeight(terms: Iterable<string>): number {
    let sum = 0;
    for (const t of new Set(terms)) sum += this.weights.weight(t);
    return sum;
  }
}
