import type { QuestionIntent, TextAnalyzer } from '@app/analysis';
import type { ConcernRecord } from '@app/knowledge';
import type { AnalysedQuery, ScoredCandidate } from './match-types.js';
import { PretokenizedIndex } from './pretokenized-index.js';
import { overlapScore, weighQuery, withTotal, type WeightedQuery } from './similarity.js';
import { TermWeights } from './term-weights.js';
import { termGrams } from './term-grams.js';

/** A question's analysed terms (AnswerIndex.analyse); parts count for less (TextAnalyzer.analyse). */
export type QueryTerms = Pick<AnalysedQuery, 'terms' | 'parts'> & Partial<Pick<AnalysedQuery, 'intents' | 'focus'>>;

export interface ConcernMatcherTuning {
  /** Concerns retrieved by BM25 before reranking. */
  retrievalDepth: number;
  /** β² of the similarity: > 1 favours covering the whole question over covering the phrasing. */
  queryEmphasis: number;
  /** Share of the score from whole words; the rest comes from characters and character pairs. */
  wordShare: number;
  /** Weight of the concern's context (keywords and approved answer) covering the question. */
  contextWeight: number;
  /** Weight of the BM25 score relative to the best candidate's (ranking evidence from all phrasings at once). */
  bm25Weight: number;
  maxDocumentFraction: number;
  minPrunedFrequency: number;
  /** Weight of a word that is part of a longer word of the same text, relative to a whole word. */
  partWeight: number;
  /** Weight of the concern's second-best phrasing: a concern asked that way twice is likelier. */
  secondWeight: number;
  /**
   * Weight of an intent (how, where, when …) among the words, relative to a word as rare as that
   * intent is among the phrasings; 0 ignores intents.
   */
  intentWeight: number;
  /** β² for a long message read as an ask within a story. */
  storyQueryEmphasis: number;
  /** Weight of a long message's story words relative to the words of its ask. */
  storyWeight: number;
  /** Weight of a long message's ask words that the knowledge never uses (dates, places, names). */
  unknownWeight: number;
  /** A thing or action named in more titles than this (申请, 补贴) is too common to tell concerns apart. */
  maxObjectTitles: number;
  /** …or with which more concerns than this are asked. */
  maxObjectConcerns: number;
  /** A word asked with at most this many concerns names a topic (an ask without one borrows its story's). */
  maxTopicConcerns: number;
}

export const DEFAULT_CONCERN_TUNING: ConcernMatcherTuning = {
  retrievalDepth: 20,
  queryEmphasis: 2,
  wordShare: 0.5,
  contextWeight: 0.25,
  bm25Weight: 0.15,
  maxDocumentFraction: 0.01,
  minPrunedFrequency: 100,
  partWeight: 0.15,
  secondWeight: 0.6,
  intentWeight: 1.5,
  maxObjectTitles: 3,
  maxObjectConcerns: 10,
  maxTopicConcerns: 10,
  // Chosen on the dev halves by utility (npm run calibrate); 0.1–0.3 and 0.1–0.5 moved it by < 0.005.
  storyWeight: 0.2,
  storyQueryEmphasis: 0.25,
  unknownWeight: 0.5,
};

/** A concern analysed once: each phrasing's words, grams and intents, and its context words. */
export interface PreparedConcern {
  id: string;
  title: string;
  phrasings: { text: string; terms: string[]; parts: ReadonlySet<string>; grams: string[]; intents: QuestionIntent[] }[];
  /** Keywords and the approved answer: what the concern is about, beyond how it is asked. */
  contextTerms: string[];
  /** The keywords alone. */
  keywordTerms: string[];
  /** The things and actions its title names (身份证, 换领), with their part of speech: what it is about. */
  objects: [object: string, tag: string][];
}

export function prepareConcern(concern: ConcernRecord, analyzer: TextAnalyzer): PreparedConcern {
  const keywordTerms = [...new Set(concern.keywords.flatMap((k) => analyzer.terms(k)))];
  return {
    id: concern.id,
    title: concern.title,
    phrasings: [concern.title, concern.question, ...concern.paraphrases].map((text) => {
      const { terms, parts, intents } = analyzer.analyse(text);
      return { text, terms, parts, grams: termGrams(terms), intents };
    }),
    contextTerms: [...new Set([...keywordTerms, ...analyzer.terms(concern.answer)])],
    keywordTerms,
    objects: [...analyzer.objects(concern.title)],
  };
}

interface ScoringPhrasing {
  text: string;
  terms: ReadonlySet<string>;
  /** The phrasing's distinct words (with its intents) and grams as ids of ConcernMatcher.ids (see match()). */
  termIds: Int32Array;
  gramIds: Int32Array;
  termWeight: number;
  gramWeight: number;
}

interface ScoringConcern {
  id: string;
  title: string;
  phrasings: ScoringPhrasing[];
  context: ReadonlySet<string>;
  /**
   * Every word of its phrasings and keywords: what the concern is asked about. Not its answer, which
   * mentions neighbouring matters in passing (a registration answer that says 注销 too).
   */
  phrasingVocabulary: ReadonlySet<string>;
  objects: readonly [object: string, tag: string][];
}

/**
 * Finds the concerns a question is about. One BM25 search over each concern's words (all its
 * phrasings), context (keywords, approved answer) and — for words the knowledge base does not
 * know — character grams finds a bounded set of candidates. Each is then scored by weighted
 * overlap with its best phrasing (words and grams) plus how much of the question its context
 * covers. Scores compare across questions, so the decision thresholds can be calibrated on data.
 */
export class ConcernMatcher {
  private readonly index: PretokenizedIndex;
  private readonly wordWeights = new TermWeights();
  private readonly gramWeights = new TermWeights();
  private readonly contextWeights = new TermWeights();
  /** How rare each intent is among the phrasings (为啥 says more than 哪里). */
  private readonly intentWeights = new TermWeights();
  private readonly concerns = new Map<string, ScoringConcern>();
  /** Object → how many concerns name it in their title or question. */
  private readonly objectFrequency = new Map<string, number>();
  /** Word → the concerns whose phrasings use it (for checking a typo correction against context). */
  private readonly concernsByWord = new Map<string, ScoringConcern[]>();
  /**
   * Every word and gram of the phrasings numbered (grams carry a prefix, so the two never collide),
   * and one weight slot per id. Scoring a candidate's phrasings then adds array slots instead of
   * probing string sets: the phrasing loop was most of a distinct question's matching time.
   */
  private readonly ids = new Map<string, number>();
  private queryWeights = new Float64Array(0);

  /**
   * @param domainWords the knowledge's own vocabulary of things (dict/words.txt and synonym terms,
   *   canonical): the objects that tell concerns apart (see objectConflict)
   */
  constructor(
    prepared: PreparedConcern[],
    private readonly tuning: ConcernMatcherTuning = DEFAULT_CONCERN_TUNING,
    private readonly domainWords: ReadonlySet<string> = new Set(),
  ) {
    // Retrieval reads how concerns are asked (words, grams); the context only scores the candidates.
    // Indexing context too found no extra right answer on the dev half and cost ~15% of match time.
    this.index = new PretokenizedIndex(['words', 'grams'], {
      boost: { words: 1, grams: 0.5 },
      maxDocumentFraction: tuning.maxDocumentFraction,
      minPrunedFrequency: tuning.minPrunedFrequency,
      minRetrievalTerms: 3,
    });
    const documents = prepared.map((c) => {
      const words = [...new Set(c.phrasings.flatMap((p) => p.terms))];
      const grams = [...new Set(c.phrasings.flatMap((p) => p.grams))];
      this.wordWeights.addDocument(words);
      this.gramWeights.addDocument(grams);
      this.contextWeights.addDocument(c.contextTerms);
      return { id: c.id, fields: { words, grams } };
    });
    for (const c of prepared) for (const p of c.phrasings) this.intentWeights.addDocument(p.intents.map(intentTerm));
    for (const c of prepared) {
      for (const [o] of c.objects) this.objectFrequency.set(o, (this.objectFrequency.get(o) ?? 0) + 1);
      this.concerns.set(c.id, {
        id: c.id,
        title: c.title,
        context: new Set(c.contextTerms),
        phrasingVocabulary: new Set([...c.keywordTerms, ...c.phrasings.flatMap((p) => p.terms)]),
        objects: c.objects,
        phrasings: c.phrasings.map((p) => {
          const intents = this.weighIntents(p.intents);
          return {
            text: p.text,
            terms: new Set(p.terms),
            termIds: this.idsOf([...p.terms, ...intents.terms]),
            gramIds: this.idsOf(p.grams),
            termWeight: weighQuery(this.wordWeights, p.terms, p.parts, tuning.partWeight).total + intents.total,
            gramWeight: this.gramWeights.totalWeight(p.grams),
          };
        }),
      });
    }
    this.queryWeights = new Float64Array(this.ids.size);
    this.index.addAll(documents);
    for (const concern of this.concerns.values()) {
      for (const word of new Set(concern.phrasings.flatMap((p) => [...p.terms]))) {
        const list = this.concernsByWord.get(word);
        if (list) list.push(concern);
        else this.concernsByWord.set(word, [concern]);
      }
    }
  }

  /**
   * Intents as extra words of a phrasing or question. Neighbouring concerns of one topic (apply,
   * who qualifies, how much, when, not received, complain) share their topic words; what tells
   * them apart is what is asked, which the stopwords drop. As words in their own namespace, a shared
   * intent adds to the overlap and an intent the other side lacks dilutes it, like any word.
   */
  private weighIntents(intents: readonly QuestionIntent[]): WeightedQuery {
    const terms = this.tuning.intentWeight > 0 ? intents.map(intentTerm) : [];
    const weights = Float64Array.from(terms, (t) => this.tuning.intentWeight * this.intentWeights.weight(t));
    return { terms, weights, total: weights.reduce((sum, w) => sum + w, 0) };
  }

  private idsOf(terms: readonly string[]): Int32Array {
    return Int32Array.from(new Set(terms), (t) => {
      let id = this.ids.get(t);
      if (id === undefined) this.ids.set(t, (id = this.ids.size));
      return id;
    });
  }

  /**
   * Whether some concern is asked with `word` together with one of `others`: a sound-alike
   * correction (公正 → 公证 next to 继承) is only plausible when the corrected word keeps company
   * the knowledge base knows; 失恋 → 失联 next to 难过 does not.
   */
  usedTogether(word: string, others: readonly string[], atLeast = 1): boolean {
    const concerns = this.concernsByWord.get(word);
    if (!concerns) return false;
    const company = others.filter((other) => other !== word && concerns.some((c) => c.phrasings.some((p) => p.terms.has(word) && p.terms.has(other))));
    return company.length >= atLeast;
  }


  /**
   * Whether a question is about another thing than the concern, though they share words: the
   * question names an object the concern never mentions (驾驶证, 注销) while the concern's title names
   * one the question lacks (身份证, 新办). Such a match is never answered directly. Objects are what
   * the knowledge itself marks as telling concerns apart: its domain words (dict/words.txt and the
   * synonym groups: 驾驶证, 营业执照) and the things and actions that few titles name (号牌, 注销);
   * words many titles share (申请, 补贴), ordinary nouns of a story (窗户) and typos never decide.
   */
  objectConflict(concernId: string, queryObjects: ReadonlyMap<string, string>, queryTerms: readonly string[]): boolean {
    const concern = this.concerns.get(concernId);
    if (!concern) return false;
    const foreign = [...queryObjects.keys()].some((o) => this.isDistinctive(o) && !concern.phrasingVocabulary.has(o));
    if (!foreign) return false;
    const asked = new Set([...queryTerms, ...queryObjects.keys()]);
    return concern.objects.some(([o]) => this.isDistinctive(o) && !asked.has(o));
  }

  /** A domain word, or a thing or action few titles name or few concerns are asked with (注销, 人才). */
  private isDistinctive(object: string): boolean {
    if (this.domainWords.has(object)) return true;
    // A word many concerns are asked with (部门, 账户, 补贴) is how residents talk, not what they ask about.
    const asked = this.wordWeights.frequency(object);
    if (asked > this.tuning.maxObjectConcerns) return false;
    const titles = this.objectFrequency.get(object) ?? 0;
    return (titles >= 1 && titles <= this.tuning.maxObjectTitles) || (asked >= 1 && asked <= this.tuning.maxObjectTitles);
  }

  /**
   * A long message's story words, beside its ask (focus), count for `storyWeight` of a word of the
   * ask: they give the topic an ask like 希望尽快解决 lacks without diluting a self-contained ask
   * much. Its ask's words the knowledge never uses (dates, places, names) count for `unknownWeight`.
   */
  private scaleForMessage(weighted: WeightedQuery, focus: ReadonlySet<string> | undefined): WeightedQuery {
    if (!focus) return weighted;
    const { storyWeight, unknownWeight } = this.tuning;
    return withTotal(weighted.terms, weighted.weights.map((w, i) => {
      const term = weighted.terms[i];
      return w * (!focus.has(term) ? storyWeight : this.knows(term) ? 1 : unknownWeight);
    }));
  }

  /**
   * Whether a text's terms name something to ask about: a domain word (低保), or a word few concerns
   * are asked with. 她能领吗, 需要什么材料, 审批进度 do not.
   */
  namesTopic(terms: readonly string[]): boolean {
    return terms.some((t) => this.domainWords.has(t) || (this.wordWeights.has(t) && this.wordWeights.frequency(t) <= this.tuning.maxTopicConcerns));
  }

  /** Whether any concern's phrasings or context use the term. */
  knows(term: string): boolean {
    return this.wordWeights.has(term) || this.contextWeights.has(term);
  }

  get size(): number {
    return this.concerns.size;
  }

  /** Word statistics of the phrasings (the vocabulary residents' questions are matched against). */
  get weights(): TermWeights {
    return this.wordWeights;
  }

  /**
   * @param leaveOut phrasings (by index: 0 title, 1 question, then paraphrases) of one concern to
   *   ignore in scoring, to ask "would this concern still win without this exact phrasing?"
   */
  match(query: QueryTerms, limit = 5, leaveOut?: { concernId: string; phrasings: ReadonlySet<number> }): ScoredCandidate[] {
    const queryTerms = query.terms;
    const parts = new Set(query.parts);
    // Characters are compared for the ask only: a story's characters would match everything a little.
    const askTerms = query.focus ? queryTerms.filter((t) => query.focus!.has(t)) : queryTerms;
    const queryGrams = termGrams(askTerms);
    // Grams retrieve only for words the concerns never use (typos, unusual segmentation).
    const unknown = askTerms.filter((t) => !this.knows(t));
    const hits = this.index.retrieve([...queryTerms, ...termGrams(unknown)], this.tuning.retrievalDepth);
    // Weights looked up once per question, not once per phrasing (unknown words are not cached).
    const weightedTerms = this.scaleForMessage(weighQuery(this.wordWeights, queryTerms, parts, this.tuning.partWeight), query.focus);
    const weightedGrams = weighQuery(this.gramWeights, queryGrams);
    const weightedIntents = this.weighIntents(query.intents ?? []);
    const termsTotal = weightedTerms.total + weightedIntents.total;
    const weightedContext = this.scaleForMessage(weighQuery(this.contextWeights, queryTerms, parts, this.tuning.partWeight), query.focus);
    const { wordShare, contextWeight, bm25Weight, secondWeight } = this.tuning;
    // A long message covers a concern's phrasing far more than the phrasing covers the message.
    const queryEmphasis = query.focus ? this.tuning.storyQueryEmphasis : this.tuning.queryEmphasis;
    const topBm25 = hits[0]?.bm25 ?? 1;
    // Evidence adds up to at most 1 + the extra weights: scale back into [0, 1] (no clipping, which would tie).
    const scale = 1 + contextWeight + bm25Weight + secondWeight;

    // Query weights into the id slots (words the phrasings never use have no slot and never overlap).
    const slots = this.queryWeights;
    const filled: number[] = [];
    const fill = (weighted: WeightedQuery) => weighted.terms.forEach((t, i) => {
      const id = this.ids.get(t);
      if (id !== undefined) {
        slots[id] = weighted.weights[i];
        filled.push(id);
      }
    });
    fill(weightedTerms);
    fill(weightedGrams);
    fill(weightedIntents);

    const scored: ScoredCandidate[] = [];
    try {
      for (const hit of hits) {
        const concern = this.concerns.get(hit.id);
        if (!concern) continue;
        let context = 0;
        if (weightedContext.total > 0) {
          for (let i = 0; i < queryTerms.length; i++) if (concern.context.has(queryTerms[i])) context += weightedContext.weights[i];
          context /= weightedContext.total;
        }
        let bestScore = -1;
        let secondScore = 0;
        let bestPhrasing = concern.phrasings[0];
        let exactPhrasing = false;
        for (const [i, phrasing] of concern.phrasings.entries()) {
          if (leaveOut && leaveOut.concernId === concern.id && leaveOut.phrasings.has(i)) continue;
          const w = overlapScore(sharedWeight(slots, phrasing.termIds), termsTotal, phrasing.termWeight, queryEmphasis);
          if (w > EXACT_OVERLAP) exactPhrasing = true;
          const g = overlapScore(sharedWeight(slots, phrasing.gramIds), weightedGrams.total, phrasing.gramWeight, queryEmphasis);
          const score = (wordShare * w + (1 - wordShare) * g + contextWeight * context + bm25Weight * (hit.bm25 / topBm25)) / scale;
          if (score > bestScore) {
            secondScore = Math.max(bestScore, 0);
            bestScore = score;
            bestPhrasing = phrasing;
          } else if (score > secondScore) secondScore = score;
        }
        bestScore += secondWeight * secondScore;
        if (bestScore >= 0) {
          scored.push({ type: 'concern', id: concern.id, title: concern.title, score: bestScore, matchedTerms: [], matchedPhrasing: bestPhrasing.text, ...(exactPhrasing ? { exactPhrasing } : {}) });
        }
      }
    } finally {
      for (const id of filled) slots[id] = 0;
    }
    const top = scored.sort((a, b) => b.score - a.score).slice(0, limit);
    // Which words matched is only worth working out for the few concerns returned.
    for (const candidate of top) {
      const phrasing = this.concerns.get(candidate.id)!.phrasings.find((p) => p.text === candidate.matchedPhrasing)!;
      candidate.matchedTerms = queryTerms.filter((t) => phrasing.terms.has(t));
    }
    return top;
  }
}

/** Word overlap of a question and a phrasing with the same words and intents (1 up to rounding). */
const EXACT_OVERLAP = 1 - 1e-9;

/** Sum of the query's weights over a phrasing's ids (slots hold 0 for words the query lacks). */
function sharedWeight(slots: Float64Array, ids: Int32Array): number {
  let shared = 0;
  for (let i = 0; i < ids.length; i++) shared += slots[ids[i]];
  return shared;
}

// Intents live in their own term space, like grams: the prefix keeps them apart from any word.
const INTENT_PREFIX = '\u00b6';
function intentTerm(intent: QuestionIntent): string {
  return INTENT_PREFIX + intent;
}
