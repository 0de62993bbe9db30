import { emptyBundle, KnowledgeSnapshot, type ConcernRecord } from '@app/knowledge';
import { AnswerIndex } from './answer-index.js';
import type { ConcernMatcherTuning } from './concern-matcher.js';

/** A published concern for matcher tests: only how it is asked varies. */
export function concernFixture(id: string, question: string, paraphrases: string[], title = question): ConcernRecord {
  return {
    id, title, question, paraphrases, keywords: [], answer: '以县有关部门公布的为准。', areaCode: null,
    itemIds: [], interpretationIds: [], status: 'published', kind: 'concern', extra: {}, sourceFile: 'test.yaml',
  };
}

/** An answer index over just these concerns. */
export function indexOfConcerns(concerns: ConcernRecord[], tuning?: ConcernMatcherTuning): AnswerIndex {
  const bundle = emptyBundle();
  bundle.concerns = concerns;
  return AnswerIndex.build(new KnowledgeSnapshot(bundle, 1), tuning);
}
