import { Inject, Injectable } from '@nestjs/common';
import { Subject } from 'rxjs';
import { parseChannels, splitNumberedList, type CatalogueItemRecord, type KnowledgeSnapshot } from '@app/knowledge';
import { AnswerIndexService, type DecisionThresholds, type ScoredCandidate } from '@app/matching';
import { CLARIFICATION_STORE, type ClarificationStore } from './clarification-store.js';
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
  /** For clarify: what the numbers in the reply stand for. */
  choices: { number: number; id: string; title: string }[];
  /** Query words replaced as likely typos. */
  corrections: Record<string, string>;
}

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
    let result: AnswerResult;

    const choice = parseChoice(normalized);
    const pending = choice !== null && userKey ? await this.clarifications.get(userKey) : null;
    const smallTalk = detectSmallTalk(normalized);
    if (choice !== null && pending && choice <= pending.concernIds.length && knowledge.concerns.has(pending.concernIds[choice - 1])) {
      await this.clarifications.clear(userKey!);
      const concern = knowledge.concerns.get(pending.concernIds[choice - 1])!;
      result = this.answerResult(concern.id, knowledge, [{ type: 'concern', id: concern.id, title: concern.title, score: 1, matchedTerms: [] }], {});
    } else if (smallTalk) {
      const examples = knowledge.publishedConcerns().slice(0, 3).map((c) => c.title);
      result = this.emptyResult('greeting', this.composer.smallTalk(smallTalk, examples));
    } else {
      const { query, concerns, documents, decision, chosen } = this.matches.match(index, question.text, this.settings.thresholds, MAX_CANDIDATES);
      const candidates = [...concerns, ...documents].sort((a, b) => b.score - a.score).slice(0, MAX_CANDIDATES);
      if (decision === 'answer') {
        result = this.answerResult(chosen[0].id, knowledge, candidates, query.corrections);
        if (userKey) await this.clarifications.clear(userKey);
      } else if (decision === 'clarify') {
        result = {
          ...this.emptyResult('clarify', this.composer.clarify(chosen)),
          candidates: candidates.map(publicCandidate),
          choices: chosen.map((c, i) => ({ number: i + 1, id: c.id, title: c.title })),
          corrections: query.corrections,
        };
        if (userKey) {
          await this.clarifications.set(
            userKey, { question: question.text, concernIds: chosen.map((c) => c.id), createdAt: Date.now() },
            this.settings.clarificationTtlSeconds,
          );
        }
      } else {
        const related = documents.filter((d) => d.score >= this.settings.thresholds.clarify).slice(0, 3);
        result = {
          ...this.emptyResult('none', this.composer.none(related)),
          candidates: candidates.map(publicCandidate),
          items: related.filter((r) => r.type === 'item').map((r) => summarizeItem(knowledge.items.get(r.id)!, knowledge)),
          corrections: query.corrections,
        };
      }
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
    return result;
  }

  private answerResult(
    concernId: string, knowledge: KnowledgeSnapshot, candidates: ScoredCandidate[], corrections: Record<string, string>,
  ): AnswerResult {
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
      corrections,
    };
  }

  private emptyResult(decision: AnswerDecision, reply: string): AnswerResult {
    return { decision, reply, concern: null, candidates: [], items: [], interpretations: [], choices: [], corrections: {} };
  }
}

function publicCandidate(c: ScoredCandidate) {
  return { type: c.type, id: c.id, title: c.title, score: round(c.score) };
}
