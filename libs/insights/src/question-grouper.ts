import { createHash } from 'node:crypto';
import { TermWeights } from '@app/matching';

export const LEARNING_CHANNELS = ['web', 'wechat', 'hotline'] as const;
export type LearningChannel = (typeof LEARNING_CHANNELS)[number];

/** One normalised text as asked on one channel, aggregated from the query log. */
export interface AskedText {
  /** `query_log.normalized`, exactly as stored (the handled-question marks refer to it). */
  normalized: string;
  /** One original wording of it (masked), shown to staff. */
  question: string;
  channel: string;
  count: number;
  /** Distinct askers (user refs; anonymous rows count one each). */
  users: readonly string[];
}

export interface GroupedQuestion {
  text: string;
  count: number;
  /** Every stored normalised form that folds into this question. */
  normalized: string[];
}

export interface QuestionGroup {
  /** Stable while the representative stays the same: hash of its compact normalised text. */
  key: string;
  /** The most asked question of the group. */
  label: string;
  count: number;
  channels: Record<LearningChannel, number>;
  /** Distinct askers across the group's questions. */
  askers: number;
  /** Distinct askers from verified channels (WeChat, hotline): what the hot flag counts. */
  verifiedAskers: number;
  questions: GroupedQuestion[];
}

/** Calibrated on 50,000 varied askings of the benchmark questions (test/insights-grouping.e2e-spec.ts). */
export const DEFAULT_GROUPING_SIMILARITY = 0.55;

export interface GroupingOptions {
  /** Weighted Dice similarity to the group's representative needed to join it. */
  similarity: number;
  /** IDF of the knowledge base's phrasings (the matcher's), combined with the questions' own. */
  knowledgeWeights?: TermWeights;
}

/** Texts that differ only in spacing are the same question. */
export function compactText(normalized: string): string {
  return normalized.replace(/\s+/g, '');
}

export function groupKey(compact: string): string {
  return createHash('sha256').update(compact).digest('hex').slice(0, 16);
}

/**
 * IDF over the questions being grouped, combined with the knowledge's IDF: a term is only as
 * informative as the less impressed of the two says (办理 is common in the knowledge base, 请问
 * is common among questions; 护照 is rare in both).
 */
function combinedWeights(local: TermWeights, knowledge?: TermWeights): (term: string) => number {
  const cache = new Map<string, number>();
  return (term) => {
    let w = cache.get(term);
    if (w === undefined) {
      w = knowledge ? Math.min(knowledge.weight(term), local.weight(term)) : local.weight(term);
      cache.set(term, w);
    }
    return w;
  };
}

interface Distinct {
  compact: string;
  text: string;
  textCount: number;
  count: number;
  normalized: Set<string>;
  channels: Map<string, number>;
  users: Set<string>;
  verifiedUsers: Set<string>;
  terms: string[];
  weight: number;
}

/**
 * Channels whose askers are real people: WeChat openids come from signed webhooks, hotline callers
 * from an authenticated integration. Web userIds are self-declared (and the log keeps no address),
 * so they count towards `askers` but never make a group hot.
 */
const VERIFIED_CHANNELS: ReadonlySet<string> = new Set(['wechat', 'hotline']);

// A term in more leaders' term sets than this is not used to find candidates (it is common and
// light); candidates found through rarer terms are still scored on all their terms.
const MAX_POSTINGS_SCANNED = 2_000;

/**
 * Groups questions by similarity, deterministically: identical compact texts merge; then, most asked
 * first, each text joins the most similar existing group whose representative (its first, most asked
 * text) it resembles by weighted term overlap (Dice ≥ `similarity`), or starts a new group. Comparing
 * with the representative only keeps groups from drifting through chains of near neighbours.
 */
export function groupQuestions(
  asked: readonly AskedText[], analyse: (text: string) => string[], options: GroupingOptions,
): QuestionGroup[] {
  const byCompact = new Map<string, Distinct>();
  for (const row of asked) {
    const compact = compactText(row.normalized);
    if (!compact) continue;
    let d = byCompact.get(compact);
    if (!d) {
      d = { compact, text: row.question, textCount: 0, count: 0, normalized: new Set(), channels: new Map(), users: new Set(), verifiedUsers: new Set(), terms: [], weight: 0 };
      byCompact.set(compact, d);
    }
    d.count += row.count;
    if (row.count > d.textCount) {
      d.text = row.question;
      d.textCount = row.count;
    }
    d.normalized.add(row.normalized);
    d.channels.set(row.channel, (d.channels.get(row.channel) ?? 0) + row.count);
    for (const u of row.users) d.users.add(u);
    if (VERIFIED_CHANNELS.has(row.channel)) for (const u of row.users) d.verifiedUsers.add(u);
  }

  const distinct = [...byCompact.values()];
  for (const d of distinct) d.terms = [...new Set(analyse(d.compact))];
  // A bare number ("2" after an expired clarification) or a greeting says nothing to group on.
  const meaningful = distinct.filter((d) => d.terms.some((t) => /\p{L}/u.test(t)));
  const local = new TermWeights();
  for (const d of meaningful) local.addDocument(d.terms);
  const weight = combinedWeights(local, options.knowledgeWeights);
  for (const d of meaningful) d.weight = d.terms.reduce((sum, t) => sum + weight(t), 0);
  meaningful.sort((a, b) => b.count - a.count || (a.compact < b.compact ? -1 : a.compact > b.compact ? 1 : 0));

  const leaders: { d: Distinct; terms: Set<string>; members: Distinct[] }[] = [];
  const postings = new Map<string, number[]>();
  const touched = new Map<number, true>();
  for (const d of meaningful) {
    touched.clear();
    let scanned = false;
    for (const t of d.terms) {
      const list = postings.get(t);
      if (!list || list.length > MAX_POSTINGS_SCANNED) continue;
      scanned = true;
      for (const l of list) touched.set(l, true);
    }
    if (!scanned) {
      // Only common terms: look through the shortest list rather than not at all.
      const shortest = d.terms.map((t) => postings.get(t)).filter((l) => l !== undefined).sort((a, b) => a.length - b.length)[0];
      for (const l of shortest ?? []) touched.set(l, true);
    }
    let best = -1;
    let bestScore = 0;
    for (const l of touched.keys()) {
      const leader = leaders[l];
      let shared = 0;
      for (const t of d.terms) if (leader.terms.has(t)) shared += weight(t);
      const score = (2 * shared) / (d.weight + leader.d.weight);
      if (score > bestScore || (score === bestScore && l < best)) {
        best = l;
        bestScore = score;
      }
    }
    if (best >= 0 && bestScore >= options.similarity) {
      leaders[best].members.push(d);
      continue;
    }
    const index = leaders.length;
    leaders.push({ d, terms: new Set(d.terms), members: [d] });
    for (const t of d.terms) {
      const list = postings.get(t);
      if (list) list.push(index);
      else postings.set(t, [index]);
    }
  }

  return leaders.map(({ d, members }) => {
    const channels: Record<LearningChannel, number> = { web: 0, wechat: 0, hotline: 0 };
    const users = new Set<string>();
    const verified = new Set<string>();
    let count = 0;
    for (const m of members) {
      count += m.count;
      for (const [c, n] of m.channels) if (c in channels) channels[c as LearningChannel] += n;
      for (const u of m.users) users.add(u);
      for (const u of m.verifiedUsers) verified.add(u);
    }
    return {
      key: groupKey(d.compact),
      label: d.text,
      count,
      channels,
      askers: users.size,
      verifiedAskers: verified.size,
      questions: members.map((m) => ({ text: m.text, count: m.count, normalized: [...m.normalized].sort() })),
    };
  }).sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
}
