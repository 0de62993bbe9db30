import { decide, matchQuestion, type AnswerIndex, type DecisionThresholds, type ScoredCandidate } from '@app/matching';
import { detectSmallTalk } from '@app/conversation';

/**
 * What a resident gets, in one number per message (the stated utility): the right answer
 * now +1; the right concern among the choices +0.7; an in-scope question declined 0; choices without
 * a right one −0.3; a wrong answer −10. Out of scope: declined 0, choices −0.3, answered −10.
 */
export const UTILITY = { rightAnswer: 1, rightChoice: 0.7, decline: 0, wrongChoices: -0.3, wrongAnswer: -10 } as const;

/** A message ranked once: which concerns would be right (none: out of scope) and what the matcher found. */
export interface RankedMessage {
  expect: readonly string[];
  smallTalk: boolean;
  concerns: ScoredCandidate[];
  /** Matched as an ask within a story (decided with the story bands). */
  story: boolean;
}

/** Matching does not depend on the thresholds: rank once, then try every threshold set. */
export function rankMessages(index: AnswerIndex, messages: { text: string; expect: readonly string[] }[], thresholds: DecisionThresholds): RankedMessage[] {
  return messages.map(({ text, expect }) => {
    const match = matchQuestion(index, text, thresholds);
    return { expect, smallTalk: detectSmallTalk(index.analyzer.normalize(text)) !== null, concerns: match.concerns, story: match.query.focus !== undefined };
  });
}

export interface DecisionMix {
  /** Mean utility per message. */
  utility: number;
  /** In scope: right answer now, or right concern among the choices. */
  resolved: number;
  /** Shares of all messages. */
  answered: number;
  clarified: number;
  declined: number;
  /** Answered with a concern that is not right (out of scope included). */
  wrong: number;
}

export function evaluateMix(rows: RankedMessage[], thresholds: DecisionThresholds): DecisionMix {
  let utility = 0;
  let resolved = 0;
  let inScope = 0;
  const mix = { answered: 0, clarified: 0, declined: 0, wrong: 0 };
  for (const row of rows) {
    const right = (id: string) => row.expect.includes(id);
    if (row.expect.length > 0) inScope++;
    if (row.smallTalk) {
      mix.declined++;
      continue;
    }
    const { decision, concerns } = decide(row.concerns, thresholds, row.story);
    if (decision === 'answer') {
      mix.answered++;
      if (right(concerns[0].id)) {
        utility += UTILITY.rightAnswer;
        resolved++;
      } else {
        utility += UTILITY.wrongAnswer;
        mix.wrong++;
      }
    } else if (decision === 'clarify') {
      mix.clarified++;
      if (concerns.some((c) => right(c.id))) {
        utility += UTILITY.rightChoice;
        resolved++;
      } else utility += UTILITY.wrongChoices;
    } else {
      mix.declined++;
      utility += UTILITY.decline;
    }
  }
  const n = rows.length || 1;
  return {
    utility: utility / n,
    resolved: inScope ? resolved / inScope : 0,
    answered: mix.answered / n,
    clarified: mix.clarified / n,
    declined: mix.declined / n,
    wrong: mix.wrong / n,
  };
}

const range = (from: number, to: number, step: number) =>
  Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => Math.round((from + i * step) * 1000) / 1000);

export interface CurvePoint {
  answer: number;
  clarify: number;
  mix: DecisionMix;
}

export interface Calibration {
  thresholds: DecisionThresholds;
  mix: DecisionMix;
  /** Best utility for each answer threshold, for questions and for long messages (the curves a county sees). */
  curve: CurvePoint[];
  storyCurve: CurvePoint[];
}

/**
 * Grid search for the bands with the highest mean utility: one margin, and answer/clarify for
 * questions and for long messages read as an ask within a story. Utility adds up over messages, so
 * for each margin the two kinds are optimised apart.
 */
export function searchThresholds(rows: RankedMessage[], maxChoices = 3): Calibration {
  const questions = rows.filter((r) => !r.story);
  const stories = rows.filter((r) => r.story);
  let best: { calibration: Calibration; total: number } | null = null;
  for (const margin of range(0, 0.3, 0.02)) {
    const plain = bestBands(questions, (answer, clarify) => ({ answer, margin, clarify, maxChoices }));
    const story = bestBands(stories, (answer, clarify) => ({ answer: plain.best.answer, margin, clarify: plain.best.clarify, storyAnswer: answer, storyClarify: clarify, maxChoices }));
    const total = plain.best.mix.utility * questions.length + story.best.mix.utility * stories.length;
    if (!best || total > best.total) {
      const thresholds = { answer: plain.best.answer, margin, clarify: plain.best.clarify, storyAnswer: story.best.answer, storyClarify: story.best.clarify, maxChoices };
      best = { total, calibration: { thresholds, mix: evaluateMix(rows, thresholds), curve: plain.curve, storyCurve: story.curve } };
    }
  }
  return best!.calibration;
}

function bestBands(rows: RankedMessage[], bands: (answer: number, clarify: number) => DecisionThresholds): { best: CurvePoint; curve: CurvePoint[] } {
  const byAnswer = new Map<number, CurvePoint>();
  for (const clarify of range(0.1, 0.6, 0.025)) {
    for (const answer of range(Math.max(clarify, 0.3), 0.95, 0.025)) {
      const mix = evaluateMix(rows, bands(answer, clarify));
      const point = byAnswer.get(answer);
      if (!point || mix.utility > point.mix.utility) byAnswer.set(answer, { answer, clarify, mix });
    }
  }
  const curve = [...byAnswer.values()].sort((a, b) => a.answer - b.answer);
  return { best: curve.reduce((a, b) => (b.mix.utility > a.mix.utility ? b : a)), curve };
}
