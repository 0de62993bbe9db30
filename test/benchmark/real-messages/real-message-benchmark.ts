import { readFileSync } from 'node:fs';
import type { AnswerStrategy, StrategyOutcome } from '../answer-strategies.js';
import { pct } from '../quality-report.js';
import { isDevMessage, sampleRealMessages, type RealMessage } from './real-message-source.js';

/** What should happen to a message no concern addresses. */
export type UncoveredAction = 'work-order' | 'referral' | 'decline';

/** The team's label for one real message (labels.jsonl: the key only, never the text). */
export interface RealMessageLabel {
  key: string;
  /** Concerns whose approved answer would rightly answer the message's main ask, best first. */
  expect: string[];
  uncovered: UncoveredAction | null;
}

export interface LabelledMessage {
  message: RealMessage;
  /** Expected concerns that exist in the knowledge measured (a label may name one not written yet). */
  expect: string[];
  uncovered: UncoveredAction | null;
}

/** Messages drawn per source file (4 files: 600 messages). */
export const MESSAGES_PER_FILE = 150;

export function loadRealMessageLabels(path: string): RealMessageLabel[] {
  return readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.trim()).map((line, i) => {
    try {
      return JSON.parse(line) as RealMessageLabel;
    } catch {
      throw new Error(`${path}:${i + 1} is not valid JSON`);
    }
  });
}

/**
 * The labelled messages joined with their text from the data folder; null when the data folder is
 * missing. A label whose message is not in the sample is an error: the sample or the data changed.
 */
export function joinRealMessages(dataDir: string, labels: RealMessageLabel[], knows: (concernId: string) => boolean): LabelledMessage[] | null {
  const sample = sampleRealMessages(dataDir, MESSAGES_PER_FILE);
  if (!sample) return null;
  const byKey = new Map(sample.map((m) => [m.key, m]));
  return labels.map((label) => {
    const message = byKey.get(label.key);
    if (!message) throw new Error(`标注的留言 ${label.key} 不在抽样中（数据或抽样规则变了）`);
    const expect = label.expect.filter(knows);
    return { message, expect, uncovered: expect.length > 0 ? null : (label.uncovered ?? 'work-order') };
  });
}

export interface RealMessageFigures {
  messages: number;
  /** Share of messages some concern of the knowledge addresses. */
  coverage: number;
  /** Of the direct answers, the share that answer with a right concern. */
  answerPrecision: number;
  /** Of the covered messages: right answer now, or a right concern among the choices. */
  coveredResolved: number;
  /** Of the covered messages: right answer now. */
  coveredAnswered: number;
  /** Of all messages: answered with a concern that does not address it. */
  wrongAnswers: number;
  /** Decision mix over all messages. */
  answered: number;
  clarified: number;
  declined: number;
}

export interface RealMessageRow {
  message: LabelledMessage;
  outcome: StrategyOutcome;
}

export function runRealMessages(strategy: AnswerStrategy, messages: LabelledMessage[]): RealMessageRow[] {
  return messages.map((message) => ({ message, outcome: strategy.ask(message.message.text) }));
}

export function realMessageFigures(rows: RealMessageRow[]): RealMessageFigures {
  const share = (list: RealMessageRow[], test: (r: RealMessageRow) => boolean) => (list.length ? list.filter(test).length / list.length : 0);
  const covered = rows.filter((r) => r.message.expect.length > 0);
  const answers = rows.filter((r) => r.outcome.decision === 'answer');
  const right = (r: RealMessageRow) => r.outcome.decision === 'answer' && r.message.expect.includes(r.outcome.chosen[0]);
  const offered = (r: RealMessageRow) => r.outcome.decision === 'clarify' && r.outcome.chosen.some((id) => r.message.expect.includes(id));
  return {
    messages: rows.length,
    coverage: share(rows, (r) => r.message.expect.length > 0),
    answerPrecision: answers.length ? answers.filter(right).length / answers.length : 1,
    coveredResolved: share(covered, (r) => right(r) || offered(r)),
    coveredAnswered: share(covered, right),
    wrongAnswers: share(rows, (r) => r.outcome.decision === 'answer' && !right(r)),
    answered: answers.length / (rows.length || 1),
    clarified: share(rows, (r) => r.outcome.decision === 'clarify'),
    declined: share(rows, (r) => r.outcome.decision === 'none' || r.outcome.decision === 'greeting'),
  };
}

export function realMessageTable(results: { name: string; figures: RealMessageFigures }[]): string {
  const header = '| 方案 | 留言数 | 直接答复的准确率 | 有答复的留言：解决（答对或选项含正确项） | 有答复的留言：直接答对 | 错答（全部留言） | 直接答复 / 反问 / 拒答 |';
  const lines = results.map(({ name, figures: f }) =>
    `| ${name} | ${f.messages} | ${pct(f.answerPrecision)} | ${pct(f.coveredResolved)} | ${pct(f.coveredAnswered)} | ${pct(f.wrongAnswers)} | ${pct(f.answered)} / ${pct(f.clarified)} / ${pct(f.declined)} |`);
  return [header, '|---|---|---|---|---|---|---|', ...lines].join('\n');
}

export const splitRealMessages = (messages: LabelledMessage[], dev: boolean) => messages.filter((m) => isDevMessage(m.message.key) === dev);
