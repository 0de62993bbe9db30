import { decide, matchQuestion, type AnswerIndex, type DecisionThresholds, type ScoredCandidate } from '@app/matching';
import { detectSmallTalk } from '@app/conversation';
import type { LabelledQuestion } from './labelled-questions.js';
import { qualityFigures, type OutcomeRow, type QualityFigures } from './quality-report.js';

export interface CalibrationGoal {
  maxWrongAnswers: number;
  minCorrectDeclines: number;
}

interface Precomputed {
  question: LabelledQuestion;
  smallTalk: boolean;
  concerns: ScoredCandidate[];
}

/** Matching does not depend on the thresholds: rank once, then try every threshold set. */
export function precompute(index: AnswerIndex, questions: LabelledQuestion[], thresholds: DecisionThresholds): Precomputed[] {
  return questions.map((question) => ({
    question,
    smallTalk: detectSmallTalk(index.analyzer.normalize(question.q)) !== null,
    concerns: matchQuestion(index, question.q, thresholds).concerns,
  }));
}

export function evaluate(rows: Precomputed[], thresholds: DecisionThresholds): QualityFigures {
  const outcomes: OutcomeRow[] = rows.map(({ question, smallTalk, concerns }) => {
    if (smallTalk) return { question, outcome: { ranked: [], decision: 'greeting', chosen: [] } };
    const { decision, concerns: chosen } = decide(concerns, thresholds);
    return { question, outcome: { ranked: concerns.map((c) => c.id), decision, chosen: chosen.map((c) => c.id) } };
  });
  return qualityFigures(outcomes);
}

const range = (from: number, to: number, step: number) =>
  Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => Math.round((from + i * step) * 1000) / 1000);

/**
 * Grid search for the thresholds that answer the most questions right (a correct choice in a
 * clarification counts half) while keeping wrong answers and declines within the goal.
 */
export function searchThresholds(rows: Precomputed[], goal: CalibrationGoal, maxChoices = 3): { thresholds: DecisionThresholds; figures: QualityFigures } | null {
  let best: { thresholds: DecisionThresholds; figures: QualityFigures; value: number } | null = null;
  for (const clarify of range(0.15, 0.6, 0.025)) {
    for (const answer of range(Math.max(clarify, 0.3), 0.95, 0.025)) {
      for (const margin of range(0, 0.3, 0.02)) {
        const thresholds = { answer, margin, clarify, maxChoices };
        const figures = evaluate(rows, thresholds);
        if (figures.wrongAnswers > goal.maxWrongAnswers || figures.correctDeclines < goal.minCorrectDeclines) continue;
        const value = figures.answeredRight + 0.5 * figures.clarifiedWithRight - 0.25 * figures.missedDeclines;
        if (!best || value > best.value) best = { thresholds, figures, value };
      }
    }
  }
  return best && { thresholds: best.thresholds, figures: best.figures };
}
