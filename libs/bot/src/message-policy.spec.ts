import { describe, expect, it } from '@jest/globals';
import { decideIncoming, stripMentions, type IncomingFacts, type PolicyContext } from './message-policy.js';

const START = Date.parse('2026-11-30T08:00:00Z');
const ctx: PolicyContext = {
  startedAt: START,
  now: START + 60_000,
  selfNames: ['政务助手', '小政'],
  ignoreContacts: new Set(['other-bot-id', '天气机器人']),
  maxMessageAgeSeconds: 300,
};
const msg = (over: Partial<IncomingFacts>): IncomingFacts => ({
  id: 'm1', self: false, talkerId: 'u1', talkerName: '张三', talkerKind: 'individual', inRoom: false,
  mentionsSelf: false, content: 'text', text: '低保怎么申请', sentAt: new Date(START + 30_000), ...over,
});

describe('decideIncoming', () => {
  it('answers a private text message as it is (trimmed)', () => {
    expect(decideIncoming(msg({ text: '  低保怎么申请 \n' }), ctx)).toEqual({ action: 'ask', text: '低保怎么申请' });
  });

  it('never answers itself, official accounts, companies or listed bots (by id or by name)', () => {
    expect(decideIncoming(msg({ self: true }), ctx)).toEqual({ action: 'ignore', reason: 'self' });
    expect(decideIncoming(msg({ talkerKind: 'official' }), ctx)).toEqual({ action: 'ignore', reason: 'not-a-person' });
    expect(decideIncoming(msg({ talkerKind: 'corporation' }), ctx)).toEqual({ action: 'ignore', reason: 'not-a-person' });
    expect(decideIncoming(msg({ talkerId: 'other-bot-id' }), ctx)).toEqual({ action: 'ignore', reason: 'listed-bot' });
    expect(decideIncoming(msg({ talkerName: ' 天气机器人 ' }), ctx)).toEqual({ action: 'ignore', reason: 'listed-bot' });
  });

  it('ignores the backlog from before the start and messages older than the limit', () => {
    expect(decideIncoming(msg({ sentAt: new Date(START - 60_000) }), ctx)).toEqual({ action: 'ignore', reason: 'before-start' });
    // Whole-second timestamps a moment before the start still count.
    expect(decideIncoming(msg({ sentAt: new Date(START - 999) }), ctx).action).toBe('ask');
    const late = { ...ctx, now: START + 3600_000 };
    expect(decideIncoming(msg({ sentAt: new Date(START + 1000) }), late)).toEqual({ action: 'ignore', reason: 'too-old' });
  });

  it('in a room answers only when mentioned (puppet list or text), without the mention', () => {
    expect(decideIncoming(msg({ inRoom: true }), ctx)).toEqual({ action: 'ignore', reason: 'room-without-mention' });
    expect(decideIncoming(msg({ inRoom: true, text: '@张三\u2005低保怎么申请' }), ctx).action).toBe('ignore');
    expect(decideIncoming(msg({ inRoom: true, mentionsSelf: true, text: '@政务助手\u2005低保怎么申请' }), ctx))
      .toEqual({ action: 'ask', text: '低保怎么申请' });
    // Puppets without a mention list: the text alone counts, with the room alias too.
    expect(decideIncoming(msg({ inRoom: true, text: '请问 @小政 低保怎么申请' }), ctx)).toEqual({ action: 'ask', text: '请问 低保怎么申请' });
    expect(decideIncoming(msg({ inRoom: true, text: '@政务助手' }), ctx)).toEqual({ action: 'empty-mention' });
    expect(decideIncoming(msg({ inRoom: true, mentionsSelf: true, content: 'media' }), ctx)).toEqual({ action: 'ignore', reason: 'room-non-text' });
  });

  it('asks for text in private when the message is an image or voice; ignores recalls and empty text', () => {
    expect(decideIncoming(msg({ content: 'media', text: '' }), ctx)).toEqual({ action: 'text-only' });
    expect(decideIncoming(msg({ content: 'other', text: '' }), ctx)).toEqual({ action: 'ignore', reason: 'not-a-question' });
    expect(decideIncoming(msg({ text: ' \u2005 ' }), ctx)).toEqual({ action: 'ignore', reason: 'empty' });
  });
});

describe('stripMentions', () => {
  it('removes the bot mention wherever it stands, keeps others, and does not eat longer names', () => {
    expect(stripMentions('@政务助手\u2005低保@小政 标准', ['政务助手', '小政'])).toBe('低保 标准');
    expect(stripMentions('@张三 你也问问', ['政务助手'])).toBe('@张三 你也问问');
    expect(stripMentions('@政务助手二号 你好', ['政务助手'])).toBe('@政务助手二号 你好');
    expect(stripMentions('@a.b* 问题', ['a.b*'])).toBe('问题');
  });
});
