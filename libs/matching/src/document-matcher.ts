import type { TextAnalyzer } from '@app/analysis';
import type { CatalogueItemRecord, InterpretationRecord } from '@app/knowledge';
import type { CandidateType, ScoredCandidate } from './match-types.js';
import { PretokenizedIndex, type PretokenizedDocument } from './pretokenized-index.js';

export interface DocumentMatcherTuning {
  retrievalDepth: number;
  maxDocumentFraction: number;
}

export const DEFAULT_DOCUMENT_TUNING: DocumentMatcherTuning = { retrievalDepth: 20, maxDocumentFraction: 0.002 };

// Interpretation bodies are long; their first part carries the topic.
const BODY_CHARACTERS = 2000;

export interface PreparedDocument extends PretokenizedDocument {
  type: Exclude<CandidateType, 'concern'>;
  title: string;
}

export function prepareItem(item: CatalogueItemRecord, areaName: string | null, analyzer: Pick<TextAnalyzer, 'terms'>): PreparedDocument {
  return {
    id: item.id,
    type: 'item',
    title: item.title,
    fields: {
      title: analyzer.terms(item.title),
      context: analyzer.terms([areaName ?? '', item.level1].join(' ')),
      // The publisher is on nearly every row (pruned at query time anyway) and costs memory: not indexed.
      body: analyzer.terms(item.content),
    },
  };
}

export function prepareInterpretation(record: InterpretationRecord, analyzer: Pick<TextAnalyzer, 'terms'>): PreparedDocument {
  return {
    id: record.id,
    type: 'interpretation',
    title: record.title,
    fields: {
      title: analyzer.terms([record.title, record.document ?? ''].join(' ')),
      context: analyzer.terms([record.docNumber ?? '', record.publisher ?? ''].join(' ')),
      body: analyzer.terms(record.body.slice(0, BODY_CHARACTERS)),
    },
  };
}

/**
 * Catalogue items and interpretations, the disclosure side of an answer. Catalogues repeat
 * themselves (every row cites 政府信息公开条例 and 20个工作日), so terms that most documents
 * share are pruned at query time and the candidate set is bounded.
 */
export class DocumentMatcher {
  private readonly index: PretokenizedIndex;
  private readonly documents = new Map<string, { type: PreparedDocument['type']; title: string }>();

  constructor(prepared: PreparedDocument[], private readonly tuning: DocumentMatcherTuning = DEFAULT_DOCUMENT_TUNING) {
    this.index = new PretokenizedIndex(['title', 'context', 'body'], {
      boost: { title: 3, context: 1, body: 1 },
      maxDocumentFraction: tuning.maxDocumentFraction,
      minPrunedFrequency: 100,
      minRetrievalTerms: 1,
    });
    this.add(prepared);
  }

  /** More documents: an index is built in several slices (AnswerIndex.buildInSlices). */
  add(prepared: PreparedDocument[]): void {
    for (const doc of prepared) this.documents.set(doc.id, { type: doc.type, title: doc.title });
    this.index.addAll(prepared);
  }

  get size(): number {
    return this.documents.size;
  }

  match(queryTerms: string[], limit = 5, type?: PreparedDocument['type']): ScoredCandidate[] {
    const weights = this.index.weights;
    const queryWeight = weights.totalWeight(queryTerms);
    if (queryWeight === 0) return [];
    const filter = type ? (id: string) => this.documents.get(id)?.type === type : undefined;
    return this.index
      .retrieve(queryTerms, this.tuning.retrievalDepth, filter)
      .map((hit) => {
        const doc = this.documents.get(hit.id)!;
        const matched = Object.keys(hit.matched);
        const inTitle = matched.filter((t) => hit.matched[t].includes('title'));
        // Documents are long: judge them by how much of the question they cover, titles most.
        const coverage = weights.totalWeight(matched) / queryWeight;
        const titleCoverage = weights.totalWeight(inTitle) / queryWeight;
        return { type: doc.type, id: hit.id, title: doc.title, score: 0.6 * coverage + 0.4 * titleCoverage, matchedTerms: matched };
      })
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
  }
}
