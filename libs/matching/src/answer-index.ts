import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { TextAnalyzer } from '@app/analysis';
import type { KnowledgeSnapshot } from '@app/knowledge';
import { ConcernMatcher, prepareConcern, type ConcernMatcherTuning, DEFAULT_CONCERN_TUNING, type PreparedConcern } from './concern-matcher.js';
import { DocumentMatcher, prepareInterpretation, prepareItem } from './document-matcher.js';
import type { AnalysedQuery, CandidateType, ScoredCandidate } from './match-types.js';
import { HomophoneCorrector } from './typo-corrector.js';

// Documents prepared (analysed and indexed) between two pauses of a build in slices.
const SLICE = 500;

// Hands consecutive slices of the records to `each`, pausing (yield) after each slice.
function* sliced<T>(records: readonly T[], each: (slice: T[]) => void): Generator<void, void> {
  for (let i = 0; i < records.length; i += SLICE) {
    each(records.slice(i, i + SLICE));
    yield;
  }
}

/**
 * A word that begins or ends with a character that is a word of its own (未修, 户及以上, 部能, 这是,
 * 发不发), or begins with a locative, a time word, a numeral or a preposition (会议中+接, 2日+起, 市+一院,
 * 按+全倒) is two words jieba's guesser joined, not a typo.
 */
const FUNCTION_CHARACTER = /^[未不没别这那是的了有在就也都还又再才很被把对向从到去来过着个能会要想及与和或并且但而已曾将让给为以之其此每各某该中上下里内外前后时日月年号一二三两几起按离]|[的了是在就也都还又再才很被把对向从到去来过着个能会要想及与和或并而已曾将让给为以之其此每各不离近]$/u;

/**
 * A road, village or district name (望仙路), or a level of government before a word (县职中 = 县 +
 * 职中): places, which no domain word sounds like on purpose.
 */
const PLACE = /[路街巷村镇乡县区市省湾园苑]$|^[省市县区镇乡村]/u;

/**
 * Everything needed to answer from one knowledge revision: analyzer (with that revision's
 * dictionaries), concern and document matchers. Built whole, then swapped in at once, so a
 * question never meets a half-built index.
 */
export class AnswerIndex {
  private constructor(
    readonly knowledge: KnowledgeSnapshot,
    readonly analyzer: TextAnalyzer,
    readonly concerns: ConcernMatcher,
    readonly documents: DocumentMatcher,
    private readonly corrector: HomophoneCorrector,
    readonly buildMs: number,
  ) {}

  static build(knowledge: KnowledgeSnapshot, tuning: ConcernMatcherTuning = DEFAULT_CONCERN_TUNING, hmm = true): AnswerIndex {
    const steps = AnswerIndex.buildSteps(knowledge, tuning, hmm);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /**
   * The same index, built in slices with the event loop let in between: a rebuild of a large
   * knowledge base takes seconds, and the service keeps answering from the current index meanwhile.
   */
  static async buildInSlices(knowledge: KnowledgeSnapshot, tuning: ConcernMatcherTuning = DEFAULT_CONCERN_TUNING, hmm = true): Promise<AnswerIndex> {
    const steps = AnswerIndex.buildSteps(knowledge, tuning, hmm);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      await yieldToEventLoop();
    }
  }

  // The build, pausing (yield) after each slice of documents and each matcher.
  private static *buildSteps(knowledge: KnowledgeSnapshot, tuning: ConcernMatcherTuning, hmm: boolean): Generator<void, AnswerIndex> {
    const started = performance.now();
    const analyzer = new TextAnalyzer({ words: knowledge.bundle.words, synonymGroups: knowledge.bundle.synonymGroups, hmm });
    const domainWords = new Set([...knowledge.bundle.words, ...knowledge.bundle.synonymGroups.flat()].map((w) => analyzer.synonyms.canonical(analyzer.normalize(w))));
    yield;
    const prepared: PreparedConcern[] = [];
    yield* sliced(knowledge.publishedConcerns(), (slice) => prepared.push(...slice.map((c) => prepareConcern(c, analyzer))));
    const concerns = new ConcernMatcher(prepared, tuning, domainWords);
    yield;
    // Catalogues repeat the same cells row after row: analyse each distinct text once.
    const memo = new Map<string, string[]>();
    const cached = { terms: (text: string) => memo.get(text) ?? memo.set(text, analyzer.terms(text)).get(text)! };
    const documents = new DocumentMatcher([]);
    yield* sliced(knowledge.bundle.items, (slice) => documents.add(slice.map((i) => prepareItem(i, knowledge.areaName(i.areaCode), cached))));
    yield* sliced(knowledge.bundle.interpretations, (slice) => documents.add(slice.map((i) => prepareInterpretation(i, cached))));
    memo.clear();
    const weights = concerns.weights;
    const vocabulary: [string, string][] = [
      ...[...weights.vocabulary()].map((t): [string, string] => [t, t]),
      ...analyzer.synonyms.terms().map((t): [string, string] => [t, analyzer.synonyms.canonical(t)]).filter(([, c]) => weights.has(c)),
    ];
    // Only domain words are targets of a correction (the dictionaries, the concerns' titles and
    // keywords): 这是 → 这事 or 找人 → 招人 would "correct" ordinary talk into words of some phrasing.
    const domain = new Set([...domainWords, ...knowledge.publishedConcerns().flatMap((c) => [c.title, ...c.keywords].flatMap((t) => analyzer.terms(t)))]);
    const corrector = new HomophoneCorrector(vocabulary.filter(([, term]) => domain.has(term)), (t) => weights.frequency(t));
    return new AnswerIndex(knowledge, analyzer, concerns, documents, corrector, performance.now() - started);
  }

  get revision(): number {
    return this.knowledge.revision;
  }

  analyse(text: string): AnalysedQuery {
    const corrections: Record<string, string> = {};
    const analysed = this.analyzer.analyse(text);
    const raw = [...new Set(analysed.terms)];
    const known = (t: string) => this.concerns.weights.has(t);
    const terms = raw.map((term) => {
      // Only what is not a word is a typo, and a correction needs evidence beyond the sound. Cheapest
      // checks first: this runs for every unknown word of a 1,000-character letter.
      if (known(term) || FUNCTION_CHARACTER.test(term) || PLACE.test(term)) return term;
      const others = raw.filter((t) => t !== term && known(t));
      if (others.length === 0) return term;
      const sounds = this.corrector.candidates(term, known);
      // A word of jieba's dictionary (领导, 实施, 北京市, 公正) is what the resident meant, however much
      // a domain word sounds like it; so is a guess that cuts across one (县职中).
      if (sounds.length === 0 || this.analyzer.isDictionaryWord(term) || this.straddlesWord(term, analysed.normalized)) return term;
      // The domain word shares a character with what was typed (认正 → 认证, 申情 → 申请; not 先放 →
      // 现房), is not a function word itself (要钱), and keeps company with the rest of the question
      // (认证, not 人证, next to 养老金).
      const fixed = sounds.find((sound) => !FUNCTION_CHARACTER.test(sound) && [...sound].some((ch) => term.includes(ch)) && this.concerns.usedTogether(sound, others));
      if (fixed === undefined) return term;
      corrections[term] = fixed;
      return fixed;
    });
    // A corrected part is still a part; a term also found whole somewhere is whole.
    const whole = new Set(terms.filter((_, i) => !analysed.parts.has(raw[i])));
    const parts = terms.filter((t, i) => analysed.parts.has(raw[i]) && !whole.has(t));
    return { text, normalized: analysed.normalized, terms: [...new Set(terms)], parts: [...new Set(parts)], intents: analysed.intents, corrections };
  }

  /**
   * Whether a guessed word only exists because jieba cut across a real word: in 县职中, 职中 is a
   * word, so 县职 is not a typo of anything.
   */
  private straddlesWord(term: string, text: string): boolean {
    for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) {
      const before = text.slice(Math.max(0, at - 1), at + 1);
      const after = text.slice(at + term.length - 1, at + term.length + 1);
      if ((before.length === 2 && this.analyzer.isDictionaryWord(before)) || (after.length === 2 && this.analyzer.isDictionaryWord(after))) return true;
    }
    return false;
  }

  /** Operator search: concerns first (they carry the approved answer), then items and interpretations. */
  search(text: string, limit: number, type?: CandidateType): ScoredCandidate[] {
    const query = this.analyse(text);
    const { terms } = query;
    const concerns = !type || type === 'concern' ? this.concerns.match(query, limit) : [];
    const documents = type === 'concern' ? [] : this.documents.match(terms, limit, type === 'item' || type === 'interpretation' ? type : undefined);
    return [...concerns, ...documents].slice(0, limit);
  }
}
