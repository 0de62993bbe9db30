import { resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { keySimilarity, phrasingKey } from '@app/analysis';
import { readKnowledgeFolder } from '@app/knowledge';
import { loadLabelledQuestions } from './labelled-questions.js';

/**
 * The benchmark measures how the knowledge copes with questions it has not seen: no concern's
 * title, question or paraphrase may be a benchmark question, or a light edit of one
 * (edit similarity ≥ 0.9 after normalising punctuation, script and width).
 */
describe('knowledge and benchmark questions stay separate', () => {
  it('no phrasing in knowledge/ equals or nearly equals a labelled question', async () => {
    const { bundle } = await readKnowledgeFolder(resolve('knowledge'));
    const phrasings = bundle.concerns.flatMap((c) => [c.title, c.question, ...c.paraphrases].map((text) => ({ id: c.id, text, key: phrasingKey(text) })));
    const questions = loadLabelledQuestions(resolve('test/benchmark/questions'));
    expect(phrasings.length).toBeGreaterThan(1000);
    expect(questions.length).toBeGreaterThan(600);
    const clashes: string[] = [];
    for (const q of questions) {
      const key = phrasingKey(q.q);
      for (const p of phrasings) {
        // Texts whose lengths differ by more than 10% cannot reach 0.9.
        if (Math.abs(p.key.length - key.length) > 0.1 * Math.max(p.key.length, key.length)) continue;
        if (keySimilarity(p.key, key) >= 0.9) clashes.push(`${p.id}: “${p.text}” ≈ 标注问题“${q.q}”（${q.file}）`);
      }
    }
    expect(clashes).toEqual([]);
  });
});
