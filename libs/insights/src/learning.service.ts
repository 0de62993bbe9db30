import { Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { AnswerIndexService, decide, type AnswerIndex } from '@app/matching';
import { DataSource } from 'typeorm';
import { LearningGroupEntity, LearningHandledEntity, type LearningAction } from './entities/index.js';
import {
  INSIGHTS_SETTINGS, type InsightsActor, type InsightsSettings, type LearningGroupView, type LearningQuery, type SuggestedConcern,
} from './insights.types.js';
import { groupQuestions, type AskedText, type GroupedQuestion, type QuestionGroup } from './question-grouper.js';

/** Questions shown per group in the list (the stored group keeps all of them for the actions). */
const QUESTIONS_SHOWN = 50;
/** Paraphrases taken from one group into a concern. */
const MAX_PARAPHRASES = 30;
/** Stored group listings older than this are removed (an action needs a recent listing). */
const GROUP_RETENTION_DAYS = 30;
/** Analysed question texts kept between listings (most texts recur); cleared beyond this many. */
const MAX_CACHED_ANALYSES = 200_000;

export interface ConcernWriter {
  /** Creates a draft concern (audited); returns its id. */
  createDraft(input: { title: string; question: string; paraphrases: string[]; answer?: string; areaCode?: string | null }, actor: InsightsActor): Promise<{ id: string; title: string }>;
  /** Adds paraphrases to an existing concern (audited); returns the ones actually added. */
  addParaphrases(concernId: string, paraphrases: string[], actor: InsightsActor): Promise<{ id: string; title: string; added: string[] }>;
}

export const CONCERN_WRITER = Symbol('CONCERN_WRITER');

interface AskedRow {
  normalized: string;
  channel: string;
  question: string;
  count: string | number;
  users: string[] | string;
}

/**
 * The learning loop: questions the engine declined, asked back on, or answered only with a low
 * score, grouped by similarity; staff turn a group into a concern, add it to one, or dismiss it.
 * Handled question texts are recorded so they do not come back.
 */
@Injectable()
export class LearningService {
  private readonly logger = new Logger(LearningService.name);
  // Segmentation is most of the grouping time; a text's terms only change with the analyzer's dictionaries.
  private analyses = { fingerprint: '', terms: new Map<string, string[]>() };

  constructor(
    private readonly dataSource: DataSource,
    private readonly answerIndex: AnswerIndexService,
    @Inject(INSIGHTS_SETTINGS) private readonly settings: InsightsSettings,
    @Inject(CONCERN_WRITER) private readonly concerns: ConcernWriter,
  ) {}

  /** The current groups, most asked first; each listed group is stored for the actions on its key. */
  async groups(query: LearningQuery = {}, options: { store?: boolean } = {}): Promise<LearningGroupView[]> {
    const days = query.days ?? this.settings.windowDays;
    const limit = Math.min(query.limit ?? this.settings.maxGroups, this.settings.maxGroups);
    const index = this.answerIndex.current();
    const asked = await this.askedTexts(days, query.channel);
    const grouped = groupQuestions(asked, (text) => this.terms(index, text), {
      similarity: this.settings.similarity,
      knowledgeWeights: index.concerns.weights,
    });
    const views: LearningGroupView[] = [];
    const listed: QuestionGroup[] = [];
    for (const group of grouped) {
      if (views.length >= limit) break;
      const suggestion = this.suggest(index, group.label);
      // Knowledge changed since (a paraphrase added by hand, a concern published): the engine now
      // answers this confidently, so it is handled.
      if (suggestion?.confident) continue;
      listed.push(group);
      views.push({
        key: group.key,
        label: group.label,
        count: group.count,
        channels: group.channels,
        questions: group.questions.slice(0, QUESTIONS_SHOWN).map((q) => ({ text: q.text, count: q.count })),
        askers: group.askers,
        suggestedConcern: suggestion?.concern ?? null,
        hot: group.verifiedAskers >= this.settings.hotAskers,
      });
    }
    // The dashboard's summary does not replace what staff listed (and act on) in the learning page.
    if (options.store !== false) await this.storeListing(listed);
    return views;
  }

  private terms(index: AnswerIndex, text: string): string[] {
    if (this.analyses.fingerprint !== index.analyzer.fingerprint || this.analyses.terms.size > MAX_CACHED_ANALYSES) {
      this.analyses = { fingerprint: index.analyzer.fingerprint, terms: new Map() };
    }
    let terms = this.analyses.terms.get(text);
    if (!terms) this.analyses.terms.set(text, (terms = index.analyzer.queryTerms(text)));
    return terms;
  }

  /** A draft concern from the group: its label as title and question, the other questions as paraphrases. */
  async newConcern(key: string, input: { title?: string; answer?: string; areaCode?: string }, actor: InsightsActor) {
    return this.act(key, 'new-concern', actor, async (group) => {
      const concern = await this.concerns.createDraft({
        title: input.title?.trim() || group.label,
        question: group.label,
        paraphrases: distinctTexts(group.questions.map((q) => q.text)).filter((t) => t !== group.label.trim()).slice(0, MAX_PARAPHRASES),
        answer: input.answer,
        areaCode: input.areaCode ?? null,
      }, actor);
      return { concernId: concern.id, result: { concern, handledQuestions: group.questions.length } };
    });
  }

  /** The group's questions become paraphrases of an existing concern. */
  async addParaphrases(key: string, concernId: string, actor: InsightsActor) {
    return this.act(key, 'add-paraphrases', actor, async (group) => {
      const texts = distinctTexts(group.questions.map((q) => q.text)).slice(0, MAX_PARAPHRASES);
      const { id, title, added } = await this.concerns.addParaphrases(concernId, texts, actor);
      return { concernId: id, result: { concern: { id, title }, added, handledQuestions: group.questions.length } };
    });
  }

  /** Hides the group's questions as asked so far; new askings bring them back. */
  async dismiss(key: string, actor: InsightsActor) {
    return this.act(key, 'dismiss', actor, async (group) => ({ concernId: null, result: { dismissed: group.questions.length } }));
  }

  /**
   * Claims the listed group (deleting its stored listing, so that two clicks or two instances act
   * once: the second gets a 404), does the work, and marks its questions handled. If the work fails
   * the listing is put back, so that staff can correct the input and try again.
   */
  private async act<T>(
    key: string, action: LearningAction, actor: InsightsActor,
    work: (group: LearningGroupEntity) => Promise<{ concernId: string | null; result: T }>,
  ): Promise<T> {
    const group = await this.claimGroup(key);
    let outcome: { concernId: string | null; result: T };
    try {
      outcome = await work(group);
    } catch (error) {
      // The original error is what staff need to see; a failed put-back only costs a refresh of the list.
      await this.dataSource.createQueryBuilder().insert().into(LearningGroupEntity).values(group).orIgnore().execute()
        .catch((restore: Error) => this.logger.warn(`问题组 ${key} 未能放回列表：${restore.message}`));
      throw error;
    }
    await this.markHandled(group, action, outcome.concernId, actor);
    return outcome.result;
  }

  private async askedTexts(days: number, channel?: string): Promise<AskedText[]> {
    const since = new Date(Date.now() - days * 86_400_000);
    const params: unknown[] = [since, this.settings.lowScore];
    if (channel) params.push(channel);
    // Anonymous askings count as one asker each; askers are per channel (an openid is not a caller).
    const rows: AskedRow[] = await this.dataSource.query(
      `SELECT q.normalized AS normalized, q.channel AS channel, mode() WITHIN GROUP (ORDER BY q.question) AS question, COUNT(*) AS count,
              json_agg(DISTINCT q.channel || ':' || COALESCE(q.user_ref, '#' || q.id::text)) AS users
         FROM query_log q
        WHERE q.created_at >= $1
          AND (q.decision IN ('none', 'clarify') OR (q.decision = 'answer' AND q.top_score < $2))
          ${channel ? 'AND q.channel = $3' : ''}
          AND NOT EXISTS (
            SELECT 1 FROM learning_handled h
             WHERE h.normalized = q.normalized AND (h.action <> 'dismiss' OR q.created_at <= h.handled_at))
        GROUP BY q.normalized, q.channel`,
      params,
    );
    return rows.map((r) => ({
      normalized: r.normalized,
      channel: r.channel,
      question: r.question,
      count: Number(r.count),
      users: typeof r.users === 'string' ? (JSON.parse(r.users) as string[]) : r.users,
    }));
  }

  /** The concern the matcher ranks first for the label, and whether the engine would now answer with it. */
  private suggest(index: AnswerIndex, label: string): { concern: SuggestedConcern; confident: boolean } | null {
    const ranked = index.concerns.match(index.analyse(label), 5);
    const [best] = ranked;
    if (!best) return null;
    const confident = decide(ranked, this.settings.thresholds).decision === 'answer' && best.score >= this.settings.lowScore;
    return { concern: { id: best.id, title: best.title, score: Math.round(best.score * 1000) / 1000 }, confident };
  }

  private async storeListing(groups: QuestionGroup[]): Promise<void> {
    const now = new Date();
    await this.dataSource.transaction(async (manager) => {
      await manager.createQueryBuilder().delete().from(LearningGroupEntity)
        .where('computed_at < :before', { before: new Date(now.getTime() - GROUP_RETENTION_DAYS * 86_400_000) }).execute();
      for (let i = 0; i < groups.length; i += 100) {
        await manager.createQueryBuilder().insert().into(LearningGroupEntity)
          .values(groups.slice(i, i + 100).map((g) => ({ key: g.key, label: g.label, questions: g.questions, computedAt: now })))
          .orUpdate(['label', 'questions', 'computed_at'], ['key'])
          .execute();
      }
    });
  }

  private async claimGroup(key: string): Promise<LearningGroupEntity> {
    const deleted = await this.dataSource.createQueryBuilder().delete().from(LearningGroupEntity)
      .where('key = :key', { key }).returning('*').execute();
    const row = (deleted.raw as { key: string; label: string; questions: GroupedQuestion[] | string; computed_at: Date | string }[])[0];
    if (!row) throw new NotFoundException('没有这个问题组（可能已被处理），请刷新列表后再试');
    const questions = typeof row.questions === 'string' ? (JSON.parse(row.questions) as GroupedQuestion[]) : row.questions;
    return { key: row.key, label: row.label, questions, computedAt: new Date(row.computed_at) };
  }

  private async markHandled(group: LearningGroupEntity, action: LearningAction, concernId: string | null, actor: InsightsActor): Promise<void> {
    const handledAt = new Date();
    const rows = [...new Set(group.questions.flatMap((q) => q.normalized))].map((normalized) => ({
      normalized, action, concernId, groupKey: group.key, handledAt, handledBy: actor.username,
    }));
    await this.dataSource.transaction(async (manager) => {
      for (let i = 0; i < rows.length; i += 200) {
        await manager.createQueryBuilder().insert().into(LearningHandledEntity).values(rows.slice(i, i + 200))
          .orUpdate(['action', 'concern_id', 'group_key', 'handled_at', 'handled_by'], ['normalized'])
          .execute();
      }
    });
  }
}

function distinctTexts(texts: string[]): string[] {
  const seen = new Set<string>();
  return texts.map((t) => t.trim()).filter((t) => t && !seen.has(t) && seen.add(t));
}
