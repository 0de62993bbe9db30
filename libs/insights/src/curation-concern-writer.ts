import { BadRequestException, Injectable } from '@nestjs/common';
import { phrasingKey } from '@app/analysis';
import { CurationService, DRAFT_ANSWER_PLACEHOLDER } from '@app/curation';
import { AnswerIndexService } from '@app/matching';
import type { InsightsActor } from './insights.types.js';
import type { ConcernWriter } from './learning.service.js';

/** Until staff write it, a draft from the learning loop says plainly that its answer is missing. */

/**
 * Concerns written through the curation service, so that learning-loop changes are validated,
 * audited (who, when, before/after, revertible) and reach every instance like any other edit.
 */
@Injectable()
export class CurationConcernWriter implements ConcernWriter {
  constructor(private readonly curation: CurationService, private readonly answerIndex: AnswerIndexService) {}

  async createDraft(
    input: { title: string; question: string; paraphrases: string[]; answer?: string; areaCode?: string | null }, actor: InsightsActor,
  ) {
    const taken = this.publishedPhrasings();
    const concern = await this.curation.createConcern(actor, {
      title: input.title,
      question: input.question,
      paraphrases: uniqueByKey(input.paraphrases, new Set([phrasingKey(input.question)])).filter((p) => !taken.has(phrasingKey(p))),
      keywords: [],
      answer: input.answer?.trim() || DRAFT_ANSWER_PLACEHOLDER,
      areaCode: input.areaCode ?? null,
      itemIds: [],
      interpretationIds: [],
    });
    return { id: concern.id, title: concern.title };
  }

  async addParaphrases(concernId: string, paraphrases: string[], actor: InsightsActor) {
    const concern = await this.curation.getConcern(concernId);
    // A phrasing another published concern already has would make the two indistinguishable.
    const taken = this.publishedPhrasings(concernId);
    const own = new Set([concern.question, ...concern.paraphrases].map(phrasingKey));
    const added = uniqueByKey(paraphrases, own).filter((p) => !taken.has(phrasingKey(p)));
    if (added.length === 0) throw new BadRequestException('这些问法都已在该事项或其他已发布事项中，无需添加');
    const updated = await this.curation.updateConcern(actor, concernId, {
      title: concern.title,
      question: concern.question,
      paraphrases: [...concern.paraphrases, ...added],
      keywords: concern.keywords,
      answer: concern.answer,
      areaCode: concern.areaCode,
      itemIds: concern.itemIds,
      interpretationIds: concern.interpretationIds,
    });
    return { id: updated.id, title: updated.title, added };
  }

  private publishedPhrasings(except?: string): Set<string> {
    const keys = new Set<string>();
    for (const c of this.answerIndex.current().knowledge.publishedConcerns()) {
      if (c.id === except) continue;
      for (const text of [c.question, ...c.paraphrases]) keys.add(phrasingKey(text));
    }
    return keys;
  }
}

/** Texts whose phrasing key is new (not in `seen`, not repeated), in order. */
function uniqueByKey(texts: string[], seen: Set<string>): string[] {
  const out: string[] = [];
  for (const text of texts) {
    const key = phrasingKey(text);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(text);
  }
  return out;
}
