import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Subject } from 'rxjs';
import { parseChannels, splitNumberedList, type CatalogueItemRecord, type KnowledgeSnapshot } from '@app/knowledge';
import { AnswerIndexService, type AnswerIndex, type DecisionThresholds, type ScoredCandidate } from '@app/matching';
import { CLARIFICATION_STORE, type ClarificationStore, type PendingClarification } from './clarification-store.js';
import { EXCHANGE_STORE, type ExchangeStore } from './exchange-store.js';
import { MatchCache } from './match-cache.js';
import { QueryLogService } from './query-log.service.js';
import { ReplyComposer } from './reply-composer.js';
import { detectSmallTalk, parseChoice } from './small-talk.js';

export type Channel = 'web' | 'wechat' | 'hotline';
export const CHANNELS: readonly Channel[] = ['web', 'wechat', 'hotline'];
export type AnswerDecision = 'answer' | 'clarify' | 'none' | 'greeting';

export interface Question {
  text: string;
  userId?: string;
  channel?: Channel;
  /**
   * A concern id from an earlier reply's choices (the button sends it): answered directly, however
   * old the clarification it came from.
   */
  choice?: string;
}

export interface ItemSummary {
  id: string;
  title: string;
  area: string | null;
  level1: string;
  content: string[];
  timeLimit: string | null;
  publisher: string | null;
  channels: string[];
}

export interface AnswerResult {
  decision: AnswerDecision;
  reply: string;
  concern: { id: string; title: string } | null;
  candidates: { type: ScoredCandidate['type']; id: string; title: string; score: number }[];
  items: ItemSummary[];
  interpretations: { id: string; title: string }[];
  /** For clarify: what the numbers in the reply stand for (and, after an answer, the follow-up offered). */
  choices: { number: number; id: string; title: string }[];
  /** A second request of the message, about another concern: offered after the answer as choice 1. */
  followUp: { id: string; title: string } | null;
  /** Query words replaced as likely typos. */
  corrections: Record<string, string>;
  /** Opaque id of this exchange: a feedback vote must cite it (remembered 24 h when a concern was answered). */
  exchangeId: string;
}

/** A result before the exchange is numbered (the matching and reply code does not know about it). */
type Reply = Omit<AnswerResult, 'exchangeId'>;

/** Emitted after every exchange (metrics subscribe to it; the conversation does not know who listens). */
export interface AnsweredEvent {
  channel: Channel;
  decision: AnswerDecision;
  latencyMs: number;
}

export interface ConversationSettings {
  thresholds: DecisionThresholds;
  clarificationTtlSeconds: number;
  hotline: string;
}

export const CONVERSATION_SETTINGS = Symbol('CONVERSATION_SETTINGS');

const MAX_CANDIDATES = 5;

export function summarizeItem(item: CatalogueItemRecord, knowledge: KnowledgeSnapshot): ItemSummary {
  return {
    id: item.id,
    title: item.title,
    area: knowledge.areaName(item.areaCode),
    level1: item.level1,
    content: splitNumberedList(item.content),
    timeLimit: item.timeLimit,
    publisher: item.publisher,
    channels: parseChannels(item.channels),
  };
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/**
 * One resident question → one reply (一键应答): small talk, a numbered choice from an earlier
 * clarification, or a match against the concern list and the decision on it. Every exchange is logged.
 */
@Injectable()
export class ConversationService {
  private readonly composer: ReplyComposer;
  readonly answered = new Subject<AnsweredEvent>();
  readonly matches = new MatchCache();

  constructor(
    private readonly answerIndex: AnswerIndexService,
    private readonly queryLog: QueryLogService,
    @Inject(CLARIFICATION_STORE) private readonly clarifications: ClarificationStore,
    @Inject(CONVERSATION_SETTINGS) private readonly settings: ConversationSettings,
    @Inject(EXCHANGE_STORE) private readonly exchanges: ExchangeStore,
  ) {
    this.composer = new ReplyComposer(settings.hotline);
  }

  async ask(question: Question): Promise<AnswerResult> {
    const started = performance.now();
    const channel = question.channel ?? 'web';
    const userKey = question.userId ? `${channel}:${question.userId}` : null;
    const index = this.answerIndex.current();
    const knowledge = index.knowledge;
    const normalized = index.analyzer.normalize(question.text);
    let result: Reply;

    const choice = parseChoice(normalized);
    const pending = choice !== null && userKey ? await this.clarifications.get(userKey) : null;
    const chosen = this.chosenConcern(question.choice, choice, pending, knowledge);
    const smallTalk = chosen ? null : detectSmallTalk(normalized);
    if (chosen) {
      if (userKey) await this.clarifications.clear(userKey);
      result = this.answerResult(chosen.id, knowledge, [{ type: 'concern', id: chosen.id, title: chosen.title, score: 1, matchedTerms: [] }], {});
    } else if (choice !== null) {
      // A bare number with nothing (or nothing that valid) to choose from: say so, never guess.
      result = this.emptyResult('greeting', this.composer.expiredChoice());
    } else if (!hasWords(normalized)) {
      // Punctuation, digits or emoji alone: a friendly prompt, not an error and not a random match.
      result = this.emptyResult('greeting', this.composer.empty());
    } else if (smallTalk) {
      const examples = knowledge.publishedConcerns().slice(0, 3).map((c) => c.title);
      result = this.emptyResult('greeting', this.composer.smallTalk(smallTalk, examples));
    } else {
      result = await this.matchResult(question.text, userKey, index);
    }
    const latencyMs = performance.now() - started;
    this.answered.next({ channel, decision: result.decision, latencyMs });
    this.queryLog.record({
      channel,
      userRef: question.userId ?? null,
      question: question.text,
      normalized,
      decision: result.decision,
      concernId: result.concern?.id ?? null,
      topScore: result.candidates[0]?.score ?? null,
      candidates: result.candidates.map((c) => ({ id: c.id, score: c.score })),
      latencyMs,
    });
    const exchangeId = randomUUID();
    if (result.concern) await this.exchanges.remember(exchangeId, { concernId: result.concern.id, channel });
    return { ...result, exchangeId };
  }

  private async matchResult(text: string, userKey: string | null, index: AnswerIndex): Promise<Reply> {
    const knowledge = index.knowledge;
    const { query, concerns, documents, decision, chosen, followUp } = this.matches.match(index, text, this.settings.thresholds, MAX_CANDIDATES);
    const candidates = [...concerns, ...documents].sort((a, b) => b.score - a.score).slice(0, MAX_CANDIDATES);
    const remember = async (offered: ScoredCandidate[]) => {
      if (!userKey) return;
      if (offered.length === 0) await this.clarifications.clear(userKey);
      else await this.clarifications.set(userKey, { question: text, concernIds: offered.map((c) => c.id), createdAt: Date.now() }, this.settings.clarificationTtlSeconds);
    };
    if (decision === 'answer') {
      const result = this.answerResult(chosen[0].id, knowledge, candidates, query.corrections);
      if (followUp) {
        result.reply += `\n\n${this.composer.followUp(followUp)}`;
        result.followUp = { id: followUp.id, title: followUp.title };
        result.choices = [{ number: 1, id: followUp.id, title: followUp.title }];
      }
      await remember(followUp ? [followUp] : []);
      return result;
    }
    if (decision === 'clarify') {
      // The message's second request joins the choices when it is not among them already.
      const offered = followUp && !chosen.some((c) => c.id === followUp.id) ? [...chosen, followUp] : chosen;
      await remember(offered);
      return {
        ...this.emptyResult('clarify', this.composer.clarify(offered)),
        candidates: candidates.map(publicCandidate),
        choices: offered.map((c, i) => ({ number: i + 1, id: c.id, title: c.title })),
        corrections: query.corrections,
      };
    }
    const related = documents.filter((d) => d.score >= this.settings.thresholds.clarify).slice(0, 3);
    // A pointer only when the nearest concern is at least half plausible: a random neighbour would mislead.
    const near = concerns[0] && concerns[0].score >= this.settings.thresholds.clarify / 2 ? concerns[0] : null;
    const department = near ? departmentOf(knowledge, near.id) : null;
    return {
      ...this.emptyResult('none', this.composer.none(related, department)),
      candidates: candidates.map(publicCandidate),
      items: related.filter((r) => r.type === 'item').map((r) => summarizeItem(knowledge.items.get(r.id)!, knowledge)),
      corrections: query.corrections,
    };
  }

  /** The concern a message picks: a choice id from a button, or the number of a pending choice. */
  private chosenConcern(choiceId: string | undefined, choice: number | null, pending: PendingClarification | null, knowledge: KnowledgeSnapshot) {
    const id = choiceId ?? (choice !== null && pending && choice <= pending.concernIds.length ? pending.concernIds[choice - 1] : undefined);
    const concern = id ? knowledge.concerns.get(id) : undefined;
    return concern && concern.status === 'published' ? concern : null;
  }

  private answerResult(
    concernId: string, knowledge: KnowledgeSnapshot, candidates: ScoredCandidate[], corrections: Record<string, string>,
  ): Reply {
    const concern = knowledge.concerns.get(concernId)!;
    return {
      decision: 'answer',
      reply: this.composer.answer(concern, knowledge),
      concern: { id: concern.id, title: concern.title },
      candidates: candidates.map(publicCandidate),
      items: concern.itemIds.map((id) => knowledge.items.get(id)).filter((i) => i !== undefined).map((i) => summarizeItem(i, knowledge)),
      interpretations: concern.interpretationIds
        .map((id) => knowledge.interpretations.get(id))
        .filter((i) => i !== undefined)
        .map((i) => ({ id: i.id, title: i.title })),
      choices: [],
      followUp: null,
      corrections,
    };
  }

  private emptyResult(decision: AnswerDecision, reply: string): Reply {
    return { decision, reply, concern: null, candidates: [], items: [], interpretations: [], choices: [], followUp: null, corrections: {} };
  }
}

/** Letters or Chinese, not only digits, punctuation and emoji (1111, ？？？, 👍). */
function hasWords(normalized: string): boolean {
  return /[\p{L}]/u.test(normalized);
}

/**
 * Which body handles the best (if implausible) concern's area, for a decline that still points the
 * resident somewhere: 这类问题一般由县民政局办理.
 */
function departmentOf(knowledge: KnowledgeSnapshot, concernId: string): string | null {
  const area = knowledge.concerns.get(concernId)?.areaCode;
  return area ? (knowledge.bundle.areas.find((a) => a.code === area)?.department ?? null) : null;
}

function publicCandidate(c: ScoredCandidate) {
  return { type: c.type, id: c.id, title: c.title, score: round(c.score) };
}
