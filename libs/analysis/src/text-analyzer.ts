import { createHash } from 'node:crypto';
import { ChineseSegmenter } from './chinese-segmenter.js';
import { questionIntents, type QuestionIntent } from './question-intent.js';
import { STOPWORDS } from './stopwords.js';
import { SynonymTable } from './synonym-table.js';
import { normalizeText } from './text-normalizer.js';

/** Bump when the analysis chain changes, so that stale index snapshots are rejected. */
export const ANALYZER_VERSION = 3;

export interface AnalyzerDictionaries {
  /** dict/words.txt of the knowledge folder. */
  words?: readonly string[];
  /** dict/synonyms.txt of the knowledge folder, canonical term first. */
  synonymGroups?: readonly (readonly string[])[];
  /** jieba's HMM guesses unknown words (灯坏); without it they stay single characters. */
  hmm?: boolean;
}

const CJK = /\p{Script=Han}/u;

export interface AnalysedText {
  /** The text normalised (simplified script, half-width, lower case …). */
  normalized: string;
  /** Index terms in order, duplicates kept. */
  terms: string[];
  /** Terms that occur only inside a longer word of the text. */
  parts: ReadonlySet<string>;
  /** What the text asks for (how, where, when …), from cue words the terms leave out as stopwords. */
  intents: QuestionIntent[];
}
// Nouns (n, nz, nt, vn) and verbs (v); not places (ns), names (nr), times, pronouns, guesses (x).
const OBJECT_TAG = /^(n|nz|nt|vn|v)$/;
const WORD_TOKEN = /^[\p{L}\p{N}]/u;

/**
 * Text → index terms, the same chain for documents and questions: normalise, segment in
 * search mode, drop stopwords and single non-CJK letters, map synonyms to their canonical term.
 */
export class TextAnalyzer {
  readonly synonyms: SynonymTable;
  readonly fingerprint: string;
  private readonly segmenter: ChineseSegmenter;

  constructor(dictionaries: AnalyzerDictionaries = {}) {
    const words = (dictionaries.words ?? []).map(normalizeText).filter(Boolean);
    this.synonyms = SynonymTable.withBase(dictionaries.synonymGroups ?? [], normalizeText);
    this.segmenter = new ChineseSegmenter([...words, ...this.synonyms.terms()], dictionaries.hmm ?? true);
    this.fingerprint = createHash('sha256')
      .update(JSON.stringify([ANALYZER_VERSION, dictionaries.hmm ?? true, words, this.synonyms.groups]))
      .digest('hex')
      .slice(0, 16);
  }

  normalize(text: string): string {
    return normalizeText(text);
  }

  /** Terms of a text, in order, duplicates kept (term frequency matters for documents). */
  terms(text: string): string[] {
    return this.tokens(normalizeText(text)).map((t) => this.synonyms.canonical(t));
  }

  /**
   * Terms, and which of them are only parts of a longer word of the same text: search mode emits
   * 交上, 上去 and 交上去, and 要不要钱 gives 不要 and 要钱 besides 不要钱 (→ 免费). Matching counts
   * parts for less, so that one long word does not outweigh the rest of the question.
   */
  analyse(text: string): AnalysedText {
    const normalized = normalizeText(text);
    const terms = this.tokens(normalized).map((t) => this.synonyms.canonical(t));
    const intents = questionIntents(normalized);
    if (terms.length === 0) return { normalized, terms, parts: new Set(), intents };
    // The plain cut has each word once, whole; what search mode adds beyond it are parts.
    const whole = new Set(this.segmenter.cut(normalized).map((w) => this.synonyms.canonical(w.trim())));
    const parts = new Set(terms.filter((t) => !whole.has(t)));
    return { normalized, terms, parts, intents };
  }

  /** Search-mode words of normalised text without stopwords and stray letters, before synonyms. */
  private tokens(normalized: string): string[] {
    if (!normalized) return [];
    const tokens: string[] = [];
    for (const raw of this.segmenter.cutForSearch(normalized)) {
      const token = raw.trim();
      if (!token || !WORD_TOKEN.test(token) || STOPWORDS.has(token)) continue;
      if (token.length === 1 && !CJK.test(token) && !/\d/.test(token)) continue;
      tokens.push(token);
    }
    return tokens;
  }

  /** Distinct terms, for queries. */
  queryTerms(text: string): string[] {
    return [...new Set(this.terms(text))];
  }

  /** A word the dictionary knows (ordinary Chinese or a domain word), as opposed to a typo. */
  isDictionaryWord(word: string): boolean {
    return this.segmenter.isDictionaryWord(normalizeText(word));
  }

  /**
   * The things and actions a text names (驾驶证, 高考, 注销), as canonical terms with their part of
   * speech: nouns and verbs of two or more characters from the dictionary. Place names, times and
   * jieba's guesses at unknown words (x) are left out: they set the scene or are noise.
   */
  objects(text: string): Map<string, string> {
    const objects = new Map<string, string>();
    for (const { word, tag } of this.segmenter.tag(normalizeText(text))) {
      if (word.length < 2 || !OBJECT_TAG.test(tag) || !CJK.test(word) || STOPWORDS.has(word)) continue;
      objects.set(this.synonyms.canonical(word), tag);
    }
    return objects;
  }

  /** Plain word segmentation of normalised text (for highlighting and diagnostics). */
  words(text: string): string[] {
    return this.segmenter.cut(normalizeText(text)).filter((w) => w.trim());
  }
}
