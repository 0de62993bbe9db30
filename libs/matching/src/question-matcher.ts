import { readMessage, type AskUnit, type MessageReading } from '@app/reading';
import { decide, type Decision, type DecisionThresholds } from './answer-decider.js';
import type { AnswerIndex } from './answer-index.js';
import type { AnalysedQuery, ScoredCandidate } from './match-types.js';

export interface QuestionMatch {
  /** The analysed ask the decision is about (the whole text when it is one short question). */
  query: AnalysedQuery;
  decision: Decision;
  /** Concerns ranked best first (up to `limit`). */
  concerns: ScoredCandidate[];
  /** The concern answered with, or the choices to offer. */
  chosen: ScoredCandidate[];
  /** Catalogue items and interpretations ranked best first (up to `limit`). */
  documents: ScoredCandidate[];
  /** A second request of the same message about another concern: offered after the reply. */
  followUp: ScoredCandidate | null;
}

/** Asks matched per message at most (the first, and one offered after it): a long letter may list a dozen grievances. */
const MAX_ASKS = 2;
/** How much of a story is read as context. */
const MAX_STORY_CHARS = 300;
/** A story shorter than this beside the ask adds nothing worth weighing. */
const MIN_STORY_CHARS = 8;
/** How much of the ask's own sentence is read with it. */
const MAX_ASK_CHARS = 60;

/**
 * The whole matching step for one message: read it (salutation and closing off, the asks found),
 * match each ask with as much of the text before it as it needs for a topic, and decide on the first
 * ask that something plausibly answers. The same question inside a longer story is the same ask, so
 * it reaches the same concern and decision.
 */
export function matchQuestion(index: AnswerIndex, text: string, thresholds: DecisionThresholds, limit = 5): QuestionMatch {
  const reading = readMessage(text);
  const asks = [...new Set(reading.asks.slice(0, MAX_ASKS).map((unit) => askText(index, unit)))];
  if (asks.length === 0) return { ...matchAsk(index, index.analyse(text), text, thresholds, limit), followUp: null };
  const [first, ...later] = asks;
  // An ask answered with confidence on its own keeps that answer whatever story surrounds it (the
  // same question in 1, 3 or 6 sentences gets the same reply), unless the story names another object
  // than the concern (审批进度 after 人才引进 is not 低保审批进度). Otherwise the story names what an
  // ask like 希望有关部门尽快解决 is about.
  const alone = matchAsk(index, index.analyse(first), first, thresholds, limit);
  const confirmed = alone.decision === 'answer'
    && !index.concerns.objectConflict(alone.chosen[0].id, index.analyzer.objects(reading.body), alone.query.terms);
  const hasStory = reading.body.length > first.length + MIN_STORY_CHARS;
  const primary = confirmed || !hasStory ? alone : matchAsk(index, withStory(index, alone.query, first, reading), first, thresholds, limit);
  // Later asks alone (the story would pull them back to the first one's topic): 低保怎么申请？医保怎么报销？
  const answered = new Set(primary.chosen.map((c) => c.id));
  const followUp = later
    .map((ask) => matchAsk(index, index.analyse(ask), ask, thresholds, limit))
    .filter((m) => m.decision !== 'none')
    .map((m) => m.concerns[0])
    .find((c) => c !== undefined && !answered.has(c.id)) ?? null;
  return { ...primary, followUp };
}

/**
 * The ask's analysed terms, with the story's words the knowledge knows as context that counts for
 * less (its places and names, unknown to the knowledge, are left out).
 */
function withStory(index: AnswerIndex, query: AnalysedQuery, ask: string, reading: MessageReading): AnalysedQuery {
  const known = (t: string) => index.concerns.knows(t);
  // The opening sentence names the matter as often as the ask does (a subject line, 我们小区电梯坏了),
  // unless the ask is in it: then its other clauses are story like the rest.
  const opening = reading.opening.includes(ask) ? [] : index.analyse(reading.opening).terms.filter(known);
  const focus = new Set([...query.terms, ...opening]);
  // The story without the message's other asks (a second question is not context for the first);
  // its first MAX_STORY_CHARS say what the matter is (a 1,000-character letter's later detail adds
  // time, not topic: 300 and 600 gave the same dev figures).
  const story = index.analyse(reading.story.slice(0, MAX_STORY_CHARS));
  const context = story.terms.filter((t) => !focus.has(t) && known(t));
  const storyParts = new Set([...story.parts, ...query.parts]);
  const terms = [...new Set([...query.terms, ...opening, ...context])];
  return { ...query, terms, parts: terms.filter((t) => storyParts.has(t)), focus };
}

/**
 * The ask clause with the clauses of its sentence before it (up to MAX_ASK_CHARS: a comma-spliced
 * story is one "sentence"), then earlier clauses while it names no topic: 她能领吗 or 需要什么材料
 * borrow the clauses before them until they have one.
 */
function askText(index: AnswerIndex, unit: AskUnit): string {
  const lead = [...unit.lead];
  let text = unit.ask;
  while (lead.length > 0 && text.length + lead[lead.length - 1].length < MAX_ASK_CHARS) text = `${lead.pop()}，${text}`;
  const rest = [...unit.earlier, ...lead];
  while (rest.length > 0 && !index.concerns.namesTopic(index.analyzer.terms(text))) text = `${rest.pop()}，${text}`;
  return text;
}

function matchAsk(index: AnswerIndex, query: AnalysedQuery, ask: string, thresholds: DecisionThresholds, limit: number): Omit<QuestionMatch, 'followUp'> {
  const concerns = index.concerns.match(query, limit);
  const best = concerns[0];
  if (best && index.concerns.objectConflict(best.id, index.analyzer.objects(ask), query.terms)) best.objectConflict = true;
  const documents = index.documents.match(query.focus ? query.terms.filter((t) => query.focus!.has(t)) : query.terms, limit);
  const { decision, concerns: chosen } = decide(concerns, thresholds, query.focus !== undefined);
  return { query, decision, concerns, chosen, documents };
}
