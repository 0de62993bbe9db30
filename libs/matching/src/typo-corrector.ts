import { pinyin } from 'pinyin-pro';

const CJK_WORD = /^\p{Script=Han}{2,}$/u;

function toPinyin(term: string): string {
  return pinyin(term, { toneType: 'none', type: 'array' }).join('');
}

/**
 * Homophone typos (养老认正 → 认证, 低包 → 低保): a query word the knowledge base never uses is
 * replaced by a known word that sounds the same. Known words are never touched.
 */
export class HomophoneCorrector {
  private readonly termByPinyin = new Map<string, string>();

  /**
   * @param vocabulary words the knowledge base uses, each with the term it stands for (a synonym
   *   stands for its canonical term), so that a typo of any form of a word is corrected.
   */
  constructor(vocabulary: Iterable<[word: string, term: string]>, frequency: (term: string) => number) {
    for (const [word, term] of vocabulary) {
      if (!CJK_WORD.test(word)) continue;
      const key = toPinyin(word);
      const existing = this.termByPinyin.get(key);
      // Two known words that sound alike: keep the more common one.
      if (existing === undefined || frequency(term) > frequency(existing)) this.termByPinyin.set(key, term);
    }
  }

  correct(term: string, isKnown: (term: string) => boolean): string {
    if (isKnown(term) || !CJK_WORD.test(term)) return term;
    return this.termByPinyin.get(toPinyin(term)) ?? term;
  }
}
