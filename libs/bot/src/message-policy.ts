/**
 * Which incoming WeChat messages the bot answers, decided on plain facts so that the rules can be
 * tested without Wechaty: private text messages and room messages that @mention the bot; never
 * itself, never official accounts, companies or listed bots; never a backlog from before the start.
 */

export type TalkerKind = 'individual' | 'official' | 'corporation' | 'unknown';

export interface IncomingFacts {
  id: string;
  self: boolean;
  talkerId: string;
  talkerName: string;
  talkerKind: TalkerKind;
  inRoom: boolean;
  /** The puppet's mention list names the bot (not every puppet fills it: the text is checked too). */
  mentionsSelf: boolean;
  /** media: voice, picture, video, sticker, file (a resident trying to ask); other: recalls, transfers, system notes. */
  content: 'text' | 'media' | 'other';
  text: string;
  sentAt: Date;
}

export interface PolicyContext {
  /** When this bot process started: older messages are a backlog the puppet replays, not questions. */
  startedAt: number;
  now: number;
  /** Names the bot answers to in rooms (its WeChat name and its room alias). */
  selfNames: string[];
  /** Contact ids or names of other bots (lower-cased for names). */
  ignoreContacts: ReadonlySet<string>;
  maxMessageAgeSeconds: number;
}

export type PolicyDecision =
  | { action: 'ignore'; reason: IgnoreReason }
  | { action: 'ask'; text: string }
  | { action: 'text-only' }
  | { action: 'empty-mention' };

export type IgnoreReason =
  | 'self' | 'not-a-person' | 'listed-bot' | 'before-start' | 'too-old' | 'room-without-mention' | 'room-non-text' | 'empty'
  | 'not-a-question';

/** WeChat's timestamps are whole seconds and clocks drift: a message this close to the start still counts. */
const START_TOLERANCE_MS = 2000;

const MENTION_SEPARATOR = '[\\u2005\\u0020\\u00a0]';

export function decideIncoming(m: IncomingFacts, ctx: PolicyContext): PolicyDecision {
  if (m.self) return { action: 'ignore', reason: 'self' };
  if (m.talkerKind === 'official' || m.talkerKind === 'corporation') return { action: 'ignore', reason: 'not-a-person' };
  if (ctx.ignoreContacts.has(m.talkerId) || ctx.ignoreContacts.has(m.talkerName.trim().toLowerCase())) {
    return { action: 'ignore', reason: 'listed-bot' };
  }
  const sent = m.sentAt.getTime();
  if (sent < ctx.startedAt - START_TOLERANCE_MS) return { action: 'ignore', reason: 'before-start' };
  if (ctx.now - sent > ctx.maxMessageAgeSeconds * 1000) return { action: 'ignore', reason: 'too-old' };
  if (m.inRoom) {
    if (m.content !== 'text') return { action: 'ignore', reason: 'room-non-text' };
    const mentioned = m.mentionsSelf || mentionsByText(m.text, ctx.selfNames);
    if (!mentioned) return { action: 'ignore', reason: 'room-without-mention' };
    const text = stripMentions(m.text, ctx.selfNames);
    return text ? { action: 'ask', text } : { action: 'empty-mention' };
  }
  if (m.content === 'media') return { action: 'text-only' };
  if (m.content === 'other') return { action: 'ignore', reason: 'not-a-question' };
  const text = m.text.trim();
  return text ? { action: 'ask', text } : { action: 'ignore', reason: 'empty' };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function mentionPattern(names: string[], flags: string): RegExp | null {
  const usable = names.map((n) => n.trim()).filter(Boolean).sort((a, b) => b.length - a.length);
  if (usable.length === 0) return null;
  return new RegExp(`@(?:${usable.map(escapeRegExp).join('|')})(?:${MENTION_SEPARATOR}|$)`, flags);
}

function mentionsByText(text: string, names: string[]): boolean {
  return mentionPattern(names, '')?.test(text) ?? false;
}

/** Removes "@机器人" (WeChat puts a U+2005 after the name) wherever it stands; other mentions stay. */
export function stripMentions(text: string, names: string[]): string {
  const pattern = mentionPattern(names, 'g');
  return (pattern ? text.replace(pattern, ' ') : text).replace(/\s+/g, ' ').trim();
}
