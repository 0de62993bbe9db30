import { TextAnalyzer } from '@app/analysis';
import type { KnowledgeSnapshot } from '@app/knowledge';
import { ConcernMatcher, prepareConcern, type ConcernMatcherTuning, DEFAULT_CONCERN_TUNING } from './concern-matcher.js';
import { DocumentMatcher, prepareInterpretation, prepareItem } from './document-matcher.js';
import type { AnalysedQuery, CandidateType, ScoredCandidate } from './match-types.js';
import { HomophoneCorrector } from './typo-corrector.js';

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
    const started = performance.now();
    const analyzer = new TextAnalyzer({ words: knowledge.bundle.words, synonymGroups: knowledge.bundle.synonymGroups, hmm });
    const domainWords = new Set([...knowledge.bundle.words, ...knowledge.bundle.synonymGroups.flat()].map((w) => analyzer.synonyms.canonical(analyzer.normalize(w))));
    const concerns = new ConcernMatcher(knowledge.publishedConcerns().map((c) => prepareConcern(c, analyzer)), tuning, domainWords);
    // Catalogues repeat the same cells row after row: analyse each distinct text once.
    const memo = new Map<string, string[]>();
    const cached = { terms: (text: string) => memo.get(text) ?? memo.set(text, analyzer.terms(text)).get(text)! };
    const documents = new DocumentMatcher([
      ...knowledge.bundle.items.map((i) => prepareItem(i, knowledge.areaName(i.areaCode), cached)),
      ...knowledge.bundle.interpretations.map((i) => prepareInterpretation(i, cached)),
    ]);
    memo.clear();
    const weights = concerns.weights;
    const vocabulary: [string, string][] = [
      ...[...weights.vocabulary()].map((t): [string, string] => [t, t]),
      ...analyzer.synonyms.terms().map((t): [string, string] => [t, analyzer.synonyms.canonical(t)]).filter(([, c]) => weights.has(c)),
    ];
    const corrector = new HomophoneCorrector(vocabulary, (t) => weights.frequency(t));
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
      // Only what is not a word is a typo: a word of the dictionary or of the knowledge (领导, 实施,
      // 北京市, 公正) is what the resident meant, however much a domain word sounds like it.
      if (known(term) || this.analyzer.isDictionaryWord(term)) return term;
      const sounds = this.corrector.candidates(term, known);
      if (sounds.length === 0) return term;
      // Evidence beyond the sound: the domain word keeps company with the rest of the question
      // (认正 → 认证, not 人证, next to 养老金), or there is no rest to contradict the commonest one.
      const others = raw.filter((t) => t !== term && known(t));
      const fixed = others.length === 0 ? sounds[0] : sounds.find((s) => this.concerns.usedTogether(s, raw));
      if (fixed === undefined) return term;
      corrections[term] = fixed;
      return fixed;
    });
    // A corrected part is still a part; a term also found whole somewhere is whole.
    const whole = new Set(terms.filter((_, i) => !analysed.parts.has(raw[i])));
    const parts = terms.filter((t, i) => analysed.parts.has(raw[i]) && !whole.has(t));
    return { text, normalized: analysed.normalized, terms: [...new Set(terms)], parts: [...new Set(parts)], intents: analysed.intents, corrections };
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
