import { Injectable } from '@nestjs/common';
import type { CatalogueItemRecord, KnowledgeSnapshot } from '@app/knowledge';
import { AnswerIndexService } from '@app/matching';
import { highlight, highlightNeedles, snippet } from './highlight.js';
import type { ConcernHit, ConcernRef, InterpretationHit, ItemHit, LinkedItem, OperatorSearchResult } from './operator-search.types.js';

export type { ConcernHit, ConcernRef, InterpretationHit, ItemHit, LinkedItem, OperatorSearchResult };

export interface OperatorSearchOptions {
  concerns?: number;
  items?: number;
  interpretations?: number;
}

const round = (n: number) => Math.round(n * 1000) / 1000;
const RELATED = 5;

/**
 * The operator's as-you-type search over the live answer index: concerns first (they carry the
 * approved answer), then catalogue items and interpretations, each with the query's words marked.
 * Ranking is the matching lib's; this only shapes what an operator on a call needs to see.
 */
@Injectable()
export class OperatorSearchService {
  constructor(private readonly answerIndex: AnswerIndexService) {}

  search(text: string, options: OperatorSearchOptions = {}): OperatorSearchResult {
    const index = this.answerIndex.current();
    const knowledge = index.knowledge;
    const query = index.analyse(text);
    const needles = highlightNeedles(index.analyzer, query.terms, text);
    const result: OperatorSearchResult = {
      query: text, terms: query.terms, corrections: query.corrections, revision: index.revision, concerns: [], items: [], interpretations: [],
    };
    if (query.terms.length === 0) return result;
    const published = (ids: readonly string[] | undefined) => (ids ?? []).filter((id) => knowledge.concerns.get(id)?.status === 'published');
    const refs = (ids: string[]) => ids.slice(0, RELATED).map((id) => ({ id, title: knowledge.concerns.get(id)!.title }));

    result.concerns = index.concerns.match(query, options.concerns ?? 5).map((hit): ConcernHit => {
      const concern = knowledge.concerns.get(hit.id)!;
      const related = new Set([
        ...concern.itemIds.flatMap((id) => published(knowledge.concernsByItem.get(id))),
        ...concern.interpretationIds.flatMap((id) => published(knowledge.concernsByInterpretation.get(id))),
      ]);
      related.delete(concern.id);
      return {
        type: 'concern',
        id: concern.id,
        score: round(hit.score),
        title: highlight(concern.title, needles),
        matchedPhrasing: hit.matchedPhrasing && hit.matchedPhrasing !== concern.title ? highlight(hit.matchedPhrasing, needles) : null,
        answer: highlight(concern.answer, needles),
        area: knowledge.areaName(concern.areaCode),
        matchedTerms: hit.matchedTerms,
        items: concern.itemIds.map((id) => knowledge.items.get(id)).filter((i) => i !== undefined).map((i) => linkedItem(i, knowledge)),
        interpretations: concern.interpretationIds
          .map((id) => knowledge.interpretations.get(id))
          .filter((i) => i !== undefined)
          .map((i) => ({ id: i.id, title: i.title, docNumber: i.docNumber, publisher: i.publisher, date: i.date, url: i.url })),
        related: refs([...related]),
      };
    });
    result.items = index.documents.match(query.terms, options.items ?? 5, 'item').map((hit): ItemHit => {
      const item = knowledge.items.get(hit.id)!;
      return {
        type: 'item',
        ...linkedItem(item, knowledge),
        score: round(hit.score),
        titleHighlight: highlight(item.title, needles),
        content: snippet(item.content, needles),
        level1: item.level1,
        concerns: refs(published(knowledge.concernsByItem.get(item.id))),
      };
    });
    result.interpretations = index.documents.match(query.terms, options.interpretations ?? 3, 'interpretation').map((hit): InterpretationHit => {
      const record = knowledge.interpretations.get(hit.id)!;
      return {
        type: 'interpretation',
        id: record.id,
        score: round(hit.score),
        title: highlight(record.title, needles),
        body: snippet(record.body, needles, 160),
        docNumber: record.docNumber,
        publisher: record.publisher,
        date: record.date,
        form: record.form,
        url: record.url,
        concerns: refs(published(knowledge.concernsByInterpretation.get(record.id))),
      };
    });
    return result;
  }
}

function linkedItem(item: CatalogueItemRecord, knowledge: KnowledgeSnapshot): LinkedItem {
  return {
    id: item.id,
    title: item.title,
    area: knowledge.areaName(item.areaCode),
    basis: item.basis,
    timeLimit: item.timeLimit,
    publisher: item.publisher,
    department: knowledge.areas.get(item.areaCode)?.department ?? null,
  };
}
