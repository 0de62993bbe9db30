import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

// Frequency given to user words: high enough that jieba keeps them whole, low enough that
// they do not swallow neighbouring characters the way a huge frequency would.
const USER_WORD_FREQUENCY = 20000;

/** jieba with its standard dictionary plus the domain words of a knowledge folder. */
export class ChineseSegmenter {
  private readonly jieba: Jieba;

  constructor(userWords: Iterable<string> = [], private readonly hmm = true) {
    this.jieba = Jieba.withDict(dict);
    const lines: string[] = [];
    for (const word of userWords) {
      const w = word.trim();
      if (w && !/\s/.test(w)) lines.push(`${w} ${USER_WORD_FREQUENCY} n`);
    }
    if (lines.length > 0) this.jieba.loadDict(Buffer.from(lines.join('\n'), 'utf8'));
  }

  /** Search-mode cut: whole words plus their dictionary sub-words, for recall on both sides. */
  cutForSearch(text: string): string[] {
    return this.jieba.cutForSearch(text, this.hmm);
  }

  /** Words with their part of speech (jieba's ICTCLAS tags: n noun, v verb, ns place, x unknown …). */
  tag(text: string): { word: string; tag: string }[] {
    return this.jieba.tag(text, this.hmm);
  }

  cut(text: string): string[] {
    return this.jieba.cut(text, this.hmm);
  }

  /**
   * Whether the dictionary (jieba's, plus the domain words) has this exact word: 挣钱, 终止, 中专
   * do; typos such as 申情, 水废 do not. Such a word is what the resident meant.
   */
  isDictionaryWord(word: string): boolean {
    const pieces = this.jieba.cut(word, false);
    return pieces.length === 1 && pieces[0] === word;
  }
}
