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
function charCounts(key: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const ch of key) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  return counts;
}

function sharedChars(a: Map<string, number>, b: Map<string, number>): number {
  let shared = 0;
  for (const [ch, n] of a) shared += Math.min(n, b.get(ch) ?? 0);
  return shared;
}

describe('knowledge and benchmark questions stay separate', () => {
  it('no phrasing in knowledge/ equals or nearly equals a labelled question', async () => {
    const { bundle } = await readKnowledgeFolder(resolve('knowledge'));
    const phrasings = bundle.concerns.flatMap((c) => [c.title, c.question, ...c.paraphrases].map((text) => {
      const key = phrasingKey(text);
      return { id: c.id, text, key, chars: charCounts(key) };
    }));
    const questions = loadLabelledQuestions(resolve('test/benchmark/questions'));
    expect(phrasings.length).toBeGreaterThan(1000);
    expect(questions.length).toBeGreaterThan(600);
    const clashes: string[] = [];
    for (const q of questions) {
      const key = phrasingKey(q.q);
      const chars = charCounts(key);
      for (const p of phrasings) {
        // Texts whose lengths differ by more than 10% cannot reach 0.9.
        const longest = Math.max(p.key.length, key.length);
        if (Math.abs(p.key.length - key.length) > 0.1 * longest) continue;
        // Nor can texts that share fewer than 90% of their characters: each missing one is an edit.
        if (longest - sharedChars(chars, p.chars) > 0.1 * longest) continue;
        if (keySimilarity(p.key, key) >= 0.9) clashes.push(`${p.id}: “${p.text}” ≈ 标注问题“${q.q}”（${q.file}）`);
      }
    }
    expect(clashes).toEqual([]);
  });
});
