import MiniSearch from 'minisearch';
import type { ConcernRecord } from '@app/knowledge';
import { matchQuestion, type AnswerIndex, type Decision, type DecisionThresholds } from '@app/matching';
import { detectSmallTalk } from '@app/conversation';

/** What a strategy says about one question: its ranked concerns and its decision. */
export interface StrategyOutcome {
  ranked: string[];
  decision: Decision | 'greeting';
  /** The concern answered with, or offered as choices. */
  chosen: string[];
}

export interface AnswerStrategy {
  name: string;
  ask(text: string): StrategyOutcome;
}

/** The product: analyzer, concern matcher and calibrated decision. */
export function productStrategy(index: AnswerIndex, thresholds: DecisionThresholds, name = '本系统'): AnswerStrategy {
  return {
    name,
    ask(text) {
      if (detectSmallTalk(index.analyzer.normalize(text))) return { ranked: [], decision: 'greeting', chosen: [] };
      const match = matchQuestion(index, text, thresholds);
      return { ranked: match.concerns.map((c) => c.id), decision: match.decision, chosen: match.chosen.map((c) => c.id) };
    },
  };
}

const SEGMENTER = new Intl.Segmenter('zh', { granularity: 'word' });
export const intlSegmenterTokenize = (text: string): string[] =>
  [...SEGMENTER.segment(text)].filter((s) => s.isWordLike).map((s) => s.segment.toLowerCase());

/**
 * The baseline: MiniSearch over the same concerns (title, question, paraphrases, keywords),
 * answering with its top hit whenever it has one. With its default tokenizer a Chinese sentence is
 * one token; the Intl.Segmenter variant is the usual first attempt at fixing that.
 */
export function miniSearchBaseline(concerns: readonly ConcernRecord[], variant: 'default' | 'intl-segmenter'): AnswerStrategy {
  const options = {
    fields: ['title', 'question', 'paraphrases', 'keywords'],
    searchOptions: { boost: { title: 2, question: 2 } },
    ...(variant === 'intl-segmenter' ? { tokenize: intlSegmenterTokenize } : {}),
  };
  const search = new MiniSearch(options);
  search.addAll(concerns.map((c) => ({
    id: c.id, title: c.title, question: c.question, paraphrases: c.paraphrases.join('\n'), keywords: c.keywords.join(' '),
  })));
  return {
    name: variant === 'default' ? 'MiniSearch 默认分词（基线）' : 'MiniSearch + Intl.Segmenter',
    ask(text) {
      const ranked = search.search(text).slice(0, 5).map((r) => r.id as string);
      return ranked.length > 0
        ? { ranked, decision: 'answer', chosen: [ranked[0]] }
        : { ranked, decision: 'none', chosen: [] };
    },
  };
}
