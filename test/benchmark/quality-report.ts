import type { LabelledQuestion } from './labelled-questions.js';
import type { AnswerStrategy, StrategyOutcome } from './answer-strategies.js';

export interface QualityFigures {
  questions: number;
  inScope: number;
  outOfScope: number;
  /** In scope: the expected concern ranked first / in the top three. */
  top1: number;
  top3: number;
  /** In scope: answered with the right concern; asked back with it among the choices. */
  answeredRight: number;
  clarifiedWithRight: number;
  /** All questions: answered with a wrong concern, or answered at all when out of scope. */
  wrongAnswers: number;
  /** Out of scope: declined (none). */
  correctDeclines: number;
  /** In scope: declined although a concern covers it. */
  missedDeclines: number;
  /** In scope: right answer now, or the right concern among the choices (what the resident gets). */
  resolved: number;
  /** Out of scope: answered directly (with some concern). */
  outOfScopeAnswered: number;
  /** In scope: answered with a wrong concern. */
  wrongInScope: number;
}

export interface OutcomeRow {
  question: LabelledQuestion;
  outcome: StrategyOutcome;
}

export function runStrategy(strategy: AnswerStrategy, questions: LabelledQuestion[]): OutcomeRow[] {
  return questions.map((question) => ({ question, outcome: strategy.ask(question.q) }));
}

export function isWrongAnswer(row: OutcomeRow): boolean {
  return row.outcome.decision === 'answer' && row.outcome.chosen[0] !== row.question.expect;
}

export function qualityFigures(rows: OutcomeRow[]): QualityFigures {
  const inScope = rows.filter((r) => r.question.expect !== null);
  const outOfScope = rows.filter((r) => r.question.expect === null);
  const share = (list: OutcomeRow[], test: (r: OutcomeRow) => boolean) => (list.length ? list.filter(test).length / list.length : 0);
  return {
    questions: rows.length,
    inScope: inScope.length,
    outOfScope: outOfScope.length,
    top1: share(inScope, (r) => r.outcome.ranked[0] === r.question.expect),
    top3: share(inScope, (r) => r.outcome.ranked.slice(0, 3).includes(r.question.expect!)),
    answeredRight: share(inScope, (r) => r.outcome.decision === 'answer' && r.outcome.chosen[0] === r.question.expect),
    clarifiedWithRight: share(inScope, (r) => r.outcome.decision === 'clarify' && r.outcome.chosen.includes(r.question.expect!)),
    wrongAnswers: share(rows, isWrongAnswer),
    correctDeclines: share(outOfScope, (r) => r.outcome.decision === 'none' || r.outcome.decision === 'greeting'),
    missedDeclines: share(inScope, (r) => r.outcome.decision === 'none'),
    resolved: share(inScope, (r) => r.outcome.chosen.includes(r.question.expect!) && (r.outcome.decision === 'answer' ? r.outcome.chosen[0] === r.question.expect : r.outcome.decision === 'clarify')),
    outOfScopeAnswered: share(outOfScope, (r) => r.outcome.decision === 'answer'),
    wrongInScope: share(inScope, isWrongAnswer),
  };
}

export const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function qualityTable(results: { name: string; figures: QualityFigures }[]): string {
  const header = '| 方案 | 解决（范围内） | 直接答对 | 反问含正确项 | 错答（范围内） | 范围外被直接答复 | 漏答（范围内却拒答） | top-1 | top-3 |';
  const rule = '|---|---|---|---|---|---|---|---|---|';
  const lines = results.map(({ name, figures: f }) =>
    `| ${name} | ${pct(f.resolved)} | ${pct(f.answeredRight)} | ${pct(f.clarifiedWithRight)} | ${pct(f.wrongInScope)} | ${pct(f.outOfScopeAnswered)} | ${pct(f.missedDeclines)} | ${pct(f.top1)} | ${pct(f.top3)} |`);
  return [header, rule, ...lines].join('\n');
}
