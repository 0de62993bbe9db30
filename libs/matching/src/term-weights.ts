/** Inverse document frequency over a set of term sets: rare terms say more about a topic. */
export class TermWeights {
  private readonly documentFrequency = new Map<string, number>();
  private readonly cache = new Map<string, number>();
  private documents = 0;

  addDocument(terms: Iterable<string>): void {
    this.documents++;
    this.cache.clear();
    for (const term of new Set(terms)) this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
  }

  get documentCount(): number {
    return this.documents;
  }

  frequency(term: string): number {
    return this.documentFrequency.get(term) ?? 0;
  }

  has(term: string): boolean {
    return this.documentFrequency.has(term);
  }

  /** Smoothed IDF; a term never seen gets the weight of a term seen once. */
  weight(term: string): number {
    let w = this.cache.get(term);
    if (w === undefined) {
      const df = this.documentFrequency.get(term) ?? 1;
      w = Math.log(1 + (this.documents + 1) / (df + 0.5));
      // Unknown terms are not cached: queries would grow the cache without bound.
      if (this.documentFrequency.has(term)) this.cache.set(term, w);
    }
    return w;
  }

  /** Sum of weights of the terms, counting each term once. */
  totalWeight(terms: Iterable<string>): number {
    let sum = 0;
    for (const t of new Set(terms)) sum += this.weight(t);
    return sum;
  }

  vocabulary(): IterableIterator<string> {
    return this.documentFrequency.keys();
  }
}
