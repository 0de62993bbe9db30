import { pinyin } from 'pinyin-pro';

const CJK_WORD = /^\p{Script=Han}{2,}$/u;

function toPinyin(term: string): string {
  return pinyin(term, { toneType: 'none', type: 'array' }).join('');
}

/**
 * Homophone typos (养老认正 → 认证, 低包 → 低保): the known words that sound like a query word the
 * knowledge base never uses. Which of them (认证 or 人证) the resident meant is the caller's call,
 * from the rest of the question.
 */
export class HomophoneCorrector {
  private readonly termsByPinyin = new Map<string, string[]>();

  /**
   * @param vocabulary words the knowledge base uses, each with the term it stands for (a synonym
   *   stands for its canonical term), so that a typo of any form of a word is corrected.
   * @param frequency how common a term is: sound-alikes are offered most common first
   */
  constructor(vocabulary: Iterable<[word: string, term: string]>, frequency: (term: string) => number) {
    for (const [word, term] of vocabulary) {
      if (!CJK_WORD.test(word)) continue;
      const key = toPinyin(word);
      const terms = this.termsByPinyin.get(key);
      if (!terms) this.termsByPinyin.set(key, [term]);
      else if (!terms.includes(term)) terms.push(term);
    }
    for (const terms of this.termsByPinyin.values()) terms.sort((a, b) => frequency(b) - frequency(a));
  }

  /** Known words that sound like `term`, most common first; none for a known word or a non-word. */
  candidates(term: string, isKnown: (term: string) => boolean): readonly string[] {
    if (isKnown(term) || !CJK_WORD.test(term)) return [];
    return this.termsByPinyin.get(toPinyin(term)) ?? [];
  }
}
