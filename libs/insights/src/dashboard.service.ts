import { Inject, Injectable } from '@nestjs/common';
import { FeedbackService } from '@app/conversation';
import { AnswerIndexService } from '@app/matching';
import { DataSource } from 'typeorm';
import { disclosureDeadline, localDate, parseDisclosureLimit, type DisclosureRule } from './disclosure-deadline.js';
import { INSIGHTS_SETTINGS, type InsightsSettings } from './insights.types.js';
import { LEARNING_CHANNELS } from './question-grouper.js';
import { LearningService } from './learning.service.js';

const DECISIONS = ['answer', 'clarify', 'none', 'greeting'] as const;
type DecisionCounts = Record<(typeof DECISIONS)[number], number>;
const TOP = 10;
/** Overdue items listed at most (the total is reported). */
const MAX_OVERDUE_LISTED = 200;

export interface OverdueItem {
  id: string;
  title: string;
  area: string | null;
  timeLimit: string;
  lastUpdated: string;
  deadline: string;
}

export interface Dashboard {
  days: number;
  perDay: { date: string; channel: string; count: number }[];
  /** Questions per decision in the window. */
  decisions: DecisionCounts;
  /** Share of each decision among all questions (0–1). */
  decisionRates: DecisionCounts;
  total: number;
  topConcerns: { id: string; title: string; count: number }[];
  topUnanswered: { key: string; label: string; count: number; hot: boolean }[];
  overdueItems: OverdueItem[];
  overdueTotal: number;
}

/**
 * Every day of the window × every channel, zeros included, so that charts show quiet days as
 * quiet instead of skipping them. Channels outside the usual three (if any) are kept as they come.
 */
function everyDay(since: Date, now: Date, timeZone: string, rows: { date: string; channel: string; count: string }[]) {
  const counts = new Map(rows.map((r) => [`${r.date}|${r.channel}`, Number(r.count)]));
  const channels = [...new Set([...LEARNING_CHANNELS, ...rows.map((r) => r.channel)])];
  const out: { date: string; channel: string; count: number }[] = [];
  const last = localDate(now, timeZone);
  for (let day = localDate(since, timeZone); day <= last; day = nextDay(day)) {
    for (const channel of channels) out.push({ date: day, channel, count: counts.get(`${day}|${channel}`) ?? 0 });
  }
  return out;
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

export interface FeedbackStats {
  concerns: { concernId: string; title: string; useful: number; notUseful: number }[];
}

/** Counts for the console: questions per day and channel, decisions, top concerns and gaps, late disclosures, feedback. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly answerIndex: AnswerIndexService,
    private readonly learning: LearningService,
    private readonly feedback: FeedbackService,
    @Inject(INSIGHTS_SETTINGS) private readonly settings: InsightsSettings,
  ) {}

  async dashboard(days = this.settings.windowDays, now = new Date()): Promise<Dashboard> {
    const since = new Date(now.getTime() - days * 86_400_000);
    const knowledge = this.answerIndex.current().knowledge;
    const [perDay, decisionRows, concernRows, groups, overdue] = await Promise.all([
      // Days in the service's time zone, not the database server's.
      this.dataSource.query(
        `SELECT to_char(created_at AT TIME ZONE $2, 'YYYY-MM-DD') AS date, channel, COUNT(*) AS count
           FROM query_log WHERE created_at >= $1 GROUP BY 1, 2 ORDER BY 1, 2`,
        [since, this.settings.timeZone],
      ) as Promise<{ date: string; channel: string; count: string }[]>,
      this.dataSource.query(
        'SELECT decision, COUNT(*) AS count FROM query_log WHERE created_at >= $1 GROUP BY decision', [since],
      ) as Promise<{ decision: string; count: string }[]>,
      this.dataSource.query(
        `SELECT concern_id AS id, COUNT(*) AS count FROM query_log
          WHERE created_at >= $1 AND decision = 'answer' AND concern_id IS NOT NULL
          GROUP BY concern_id ORDER BY count DESC, concern_id LIMIT ${TOP}`,
        [since],
      ) as Promise<{ id: string; count: string }[]>,
      this.learning.groups({ days, limit: TOP }, { store: false }),
      this.overdueItems(now),
    ]);
    const decisions: DecisionCounts = { answer: 0, clarify: 0, none: 0, greeting: 0 };
    for (const row of decisionRows) if (row.decision in decisions) decisions[row.decision as keyof DecisionCounts] = Number(row.count);
    const total = decisionRows.reduce((sum, r) => sum + Number(r.count), 0);
    const decisionRates = Object.fromEntries(
      DECISIONS.map((d) => [d, total ? Math.round((decisions[d] / total) * 1000) / 1000 : 0]),
    ) as DecisionCounts;
    return {
      days,
      perDay: everyDay(since, now, this.settings.timeZone, perDay),
      decisions,
      decisionRates,
      total,
      topConcerns: concernRows.map((r) => ({ id: r.id, title: knowledge.concerns.get(r.id)?.title ?? '（已删除的事项）', count: Number(r.count) })),
      topUnanswered: groups.map((g) => ({ key: g.key, label: g.label, count: g.count, hot: g.hot })),
      overdueItems: overdue.slice(0, MAX_OVERDUE_LISTED),
      overdueTotal: overdue.length,
    };
  }

  /**
   * Catalogue items whose 公开时限, counted from the item's last update, has passed (most overdue
   * first). Items without a checkable limit are never listed (see disclosure-deadline.ts).
   */
  async overdueItems(now = new Date()): Promise<OverdueItem[]> {
    const knowledge = this.answerIndex.current().knowledge;
    const rows: { id: string; title: string; area_code: string; time_limit: string; updated_at: Date | string }[] = await this.dataSource.query(
      `SELECT id, title, area_code, time_limit, updated_at FROM catalogue_items WHERE time_limit IS NOT NULL AND time_limit <> ''`,
    );
    const today = localDate(now, this.settings.timeZone);
    // Catalogues repeat the same limit text and (after an import) the same update day on most rows:
    // parse each text once and count each deadline once.
    const rules = new Map<string, DisclosureRule | null>();
    const deadlines = new Map<string, string | null>();
    const overdue: OverdueItem[] = [];
    for (const row of rows) {
      let rule = rules.get(row.time_limit);
      if (rule === undefined) rules.set(row.time_limit, (rule = parseDisclosureLimit(row.time_limit)));
      if (!rule) continue;
      const updated = localDate(new Date(row.updated_at), this.settings.timeZone);
      const memoKey = `${row.time_limit}\u0000${updated}`;
      let deadline = deadlines.get(memoKey);
      if (deadline === undefined) deadlines.set(memoKey, (deadline = disclosureDeadline(rule, updated, today, this.settings.calendar)));
      if (deadline === null || !(today > deadline)) continue;
      overdue.push({
        id: row.id, title: row.title, area: knowledge.areaName(row.area_code) ?? row.area_code, timeLimit: row.time_limit,
        lastUpdated: updated, deadline,
      });
    }
    return overdue.sort((a, b) => (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : a.id < b.id ? -1 : 1));
  }

  /** Useful / not useful per concern, with the concern's title; most rated first. */
  async feedbackStats(concernId?: string): Promise<FeedbackStats> {
    const knowledge = this.answerIndex.current().knowledge;
    const counts = await this.feedback.counts(concernId);
    return {
      concerns: counts
        .map((c) => ({ ...c, title: knowledge.concerns.get(c.concernId)?.title ?? '（已删除的事项）' }))
        .sort((a, b) => b.useful + b.notUseful - (a.useful + a.notUseful) || (a.concernId < b.concernId ? -1 : 1)),
    };
  }
}
