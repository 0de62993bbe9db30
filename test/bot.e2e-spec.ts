import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load as loadYaml } from 'js-yaml';
import { DataSource } from 'typeorm';
import { log as wechatyLog, ScanStatus, types } from 'wechaty';
import { mock, PuppetMock } from 'wechaty-puppet-mock';
import { BOT_TEXTS, type HandledEvent } from '@app/bot';
import { loadAppConfig } from '@app/common';
import { ConversationService, QueryLogService } from '@app/conversation';
import { createBotApp, type BotApp } from '../apps/bot/src/bot-app.js';
import { createTestSchema, MINI_KNOWLEDGE } from './support/test-app.js';

type ContactMock = ReturnType<mock.Mocker['createContact']>;
type RoomMock = ReturnType<mock.Mocker['createRoom']>;

/** What the bot sends into a mock chat ("typed-emitter" types are not shipped, so `on` is typed here). */
function onMessage(target: ContactMock | RoomMock, listener: (m: mock.MessageMock) => void): void {
  (target as unknown as { on(event: 'message', l: (m: mock.MessageMock) => void): void }).on('message', listener);
}

/** The approved answers of the mini fixture, by concern title: what a reply must carry. */
function fixtureAnswers(): Map<string, string> {
  const answers = new Map<string, string>();
  for (const file of ['social-assistance.yaml', 'tourism.yaml']) {
    const concerns = loadYaml(readFileSync(join(MINI_KNOWLEDGE, 'concerns', file), 'utf8')) as { title: string; answer: string }[];
    for (const c of concerns) answers.set(c.title, c.answer.trim());
  }
  return answers;
}

/** Logs kept for assertions (and shown when a test fails). */
const logLines: string[] = [];
const testLogger = {
  log: (m: unknown) => void logLines.push(`LOG ${String(m)}`),
  warn: (m: unknown) => void logLines.push(`WARN ${String(m)}`),
  error: (m: unknown) => void logLines.push(`ERROR ${String(m)}`),
  debug: () => undefined,
  verbose: () => undefined,
};

async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`等待超时：${what}\n${logLines.slice(-10).join('\n')}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('WeChat bot with wechaty-puppet-mock (e2e)', () => {
  let app: BotApp;
  let mocker: mock.Mocker;
  let puppet: PuppetMock;
  let botUser: ContactMock;
  let dropSchema = async () => undefined as void;
  let hotline = '';
  const sessionName = join(tmpdir(), `gda-bot-test-${process.pid}`);
  const answers = fixtureAnswers();
  const handled: HandledEvent[] = [];
  /** Texts each contact (or room) received from the bot, in order. */
  const inbox = new Map<string, string[]>();

  beforeAll(async () => {
    wechatyLog.level('silent');
    const config = loadAppConfig({ ...process.env, NODE_ENV: 'test', DATA_DIR: ':memory:', KNOWLEDGE_DIR: MINI_KNOWLEDGE });
    config.matching.thresholds = { answer: 0.5, margin: 0.1, clarify: 0.35, storyAnswer: 0.5, storyClarify: 0.35, maxChoices: 3 };
    hotline = config.conversation.hotline;
    if (config.storage.databaseUrl) {
      const schema = await createTestSchema();
      config.storage.databaseUrl = schema.url;
      dropSchema = () => schema.drop();
    }
    Object.assign(config.bot, {
      maxReplyChars: 120, chunkDelayMs: 5, ignoreContacts: ['天气机器人'],
      rateLimit: { burst: 3, perMinute: 1, noticeWindowSeconds: 60 },
      restart: { initialDelayMs: 50, maxDelayMs: 400 },
    });
    mocker = new mock.Mocker();
    puppet = new PuppetMock({ mocker });
    app = await createBotApp(config, { puppet, logger: testLogger, sessionName });
    app.answerBot.on('handled', (e) => handled.push(e));
    await app.answerBot.start();
    botUser = mocker.createContact({ name: '政务助手' });
    mocker.scan('https://login.weixin.qq.com/l/test-qrcode', ScanStatus.Waiting);
    mocker.login(botUser);
    await waitFor(() => (app.answerBot.bot.isLoggedIn ? true : undefined), 'login');
  });

  afterAll(async () => {
    await app?.stop();
    await dropSchema();
    rmSync(`${sessionName}.memory-card.json`, { force: true });
  });

  /** A resident who keeps what the bot says to them (private chat). */
  function resident(name: string, payload: Partial<Parameters<mock.Mocker['createContact']>[0]> = {}): ContactMock {
    const contact = mocker.createContact({ name, ...payload });
    onMessage(contact, (m) => {
      if (m.talker().id === botUser.id && !m.room()) inbox.set(contact.id, [...(inbox.get(contact.id) ?? []), m.text() ?? '']);
    });
    return contact;
  }

  const outcomesOf = (talkerId: string) => handled.filter((e) => e.talkerId === talkerId).map((e) => e.outcome);

  /** Says something and waits until the bot has handled it; returns the outcome and the (joined) reply. */
  async function say(from: ContactMock, text: string, to: ContactMock | RoomMock = botUser, mentions: ContactMock[] = []) {
    const box = to === botUser ? from.id : to.id;
    const before = handled.filter((e) => e.talkerId === from.id).length;
    const seen = inbox.get(box)?.length ?? 0;
    from.say(text, mentions).to(to);
    const event = await waitFor(() => handled.filter((e) => e.talkerId === from.id)[before], `handling of “${text}”`);
    const parts = (inbox.get(box) ?? []).slice(seen);
    return { outcome: event.outcome, parts, reply: parts.map((p) => p.replace(/（\d+\/\d+）$/, '')).join('') };
  }

  /** A message built by hand (old timestamps, pictures, recalls), delivered to the bot in private. */
  async function inject(payload: { talkerId: string; text?: string; timestamp?: number; type?: types.Message }): Promise<HandledEvent> {
    const message = mocker.MessageMock.create({
      id: `injected-${handled.length}-${Date.now()}`, listenerId: botUser.id, type: types.Message.Text, timestamp: Date.now(), ...payload,
    });
    puppet.emit('message', { messageId: message.id });
    return waitFor(() => handled.find((e) => e.messageId === message.id), 'injected message');
  }

  it('prints the login QR code as a URL', () => {
    expect(logLines.some((l) => l.includes('https://wechaty.js.org/qrcode/') && l.includes(encodeURIComponent('https://login.weixin.qq.com/l/test-qrcode')))).toBe(true);
  });

  it('answers a private question with the approved answer, in parts when long, and logs the exchange', async () => {
    const zhang = resident('张三');
    const { outcome, parts, reply } = await say(zhang, '被旅行社坑了，去哪里投诉？');
    expect(outcome).toBe('answered');
    expect(reply).toContain(answers.get('旅游投诉怎么办')!.replace(/\s/g, '').slice(0, 40));
    // 120 characters per message: the answer with its item and interpretation needs several, numbered.
    expect(parts.length).toBeGreaterThan(1);
    parts.forEach((p, i) => {
      expect([...p].length).toBeLessThanOrEqual(120);
      expect(p.endsWith(`（${i + 1}/${parts.length}）`)).toBe(true);
    });

    await app.context.get(QueryLogService).flush();
    const rows = await app.context.get(DataSource).query(
      'SELECT channel, decision, concern_id FROM query_log WHERE user_ref = $1', [`bot:${zhang.id}`]) as Record<string, string>[];
    expect(rows).toEqual([{ channel: 'wechat', decision: 'answer', concern_id: 'C-tourism-complaint' }]);
  });

  it('asks back when unsure, and the next message “2” picks the second choice for that contact only', async () => {
    const li = resident('李四');
    const wang = resident('王五');
    const first = await say(li, '低保');
    expect(first.reply).toMatch(/请回复序号/);
    const chosenTitle = /^2\. (.+)$/m.exec(first.reply)![1];
    expect(answers.has(chosenTitle)).toBe(true);

    const other = await say(wang, '2');
    expect(other.reply).not.toContain(answers.get(chosenTitle)!.slice(0, 20));

    const picked = await say(li, '2');
    expect(picked.outcome).toBe('answered');
    expect(picked.reply).toContain(answers.get(chosenTitle)!.slice(0, 20));
  });

  it('in a room answers only when mentioned, without the mention, and mentions the asker', async () => {
    const zhao = resident('赵六');
    const room = mocker.createRoom({ topic: '幸福村村民群', memberIdList: [botUser.id, zhao.id] });
    onMessage(room, (m) => {
      if (m.talker().id === botUser.id) inbox.set(room.id, [...(inbox.get(room.id) ?? []), m.text() ?? '']);
    });
    const quiet = await say(zhao, '低保标准是多少', room);
    expect(quiet).toMatchObject({ outcome: 'ignored:room-without-mention', parts: [] });

    const asked = await say(zhao, '@政务助手\u2005低保标准是多少', room, [botUser]);
    expect(asked.outcome).toBe('answered');
    expect(asked.parts[0]).toMatch(/^@赵六/);
    expect(asked.reply).toContain(answers.get('低保标准是多少')!);

    // Another bot in the room (listed by name) is never answered, even when it mentions us.
    const weatherBot = resident('天气机器人');
    room.add(weatherBot).by(zhao);
    expect((await say(weatherBot, '@政务助手\u2005低保标准是多少', room, [botUser])).outcome).toBe('ignored:listed-bot');
  });

  it('never answers itself or an official account, and ignores a backlog from before the start', async () => {
    const account = resident('某某公众号', { type: types.Contact.Official });
    expect(await say(account, '低保怎么申请')).toMatchObject({ outcome: 'ignored:not-a-person', parts: [] });

    const sun = resident('孙七');
    const before = outcomesOf(botUser.id).length;
    botUser.say('低保怎么申请').to(sun);
    await waitFor(() => outcomesOf(botUser.id)[before], 'own message');
    expect(outcomesOf(botUser.id)[before]).toBe('ignored:self');

    const old = await inject({ talkerId: sun.id, text: '低保怎么申请', timestamp: app.answerBot.startedAt - 3600_000 });
    expect(old.outcome).toBe('ignored:before-start');
    // Sun got the bot's own message and nothing else: no answer to it, none to the backlog.
    expect(inbox.get(sun.id)).toEqual(['低保怎么申请']);
  });

  it('asks for text when a resident sends a picture or voice, and ignores a recalled message', async () => {
    const qian = resident('钱十五');
    expect((await inject({ talkerId: qian.id, type: types.Message.Image })).outcome).toBe('hint');
    await waitFor(() => inbox.get(qian.id)?.[0], 'hint');
    expect(inbox.get(qian.id)).toEqual([BOT_TEXTS.textOnly]);
    expect((await inject({ talkerId: qian.id, type: types.Message.Recalled })).outcome).toBe('ignored:not-a-question');
    expect(inbox.get(qian.id)).toHaveLength(1);
  });

  it('answers a message the puppet delivers twice only once', async () => {
    const he = resident('何十六');
    const first = await inject({ talkerId: he.id, text: '景区几点开门' });
    expect(first.outcome).toBe('answered');
    puppet.emit('message', { messageId: first.messageId });
    await waitFor(() => handled.filter((e) => e.messageId === first.messageId)[1], 'redelivery');
    expect(handled.filter((e) => e.messageId === first.messageId).map((e) => e.outcome)).toEqual(['answered', 'duplicate']);
    // One reply: every message but the continuation parts (2/n, 3/n …) starts one.
    expect(inbox.get(he.id)!.filter((t) => !/（([2-9]|\d{2,})\/\d+）$/.test(t))).toHaveLength(1);
  });

  it('rate-limits a contact and says “请稍后再问” only once per window', async () => {
    const zhou = resident('周八');
    const outcomes: string[] = [];
    for (let i = 0; i < 6; i++) outcomes.push((await say(zhou, '景区几点开门')).outcome);
    expect(outcomes).toEqual(['answered', 'answered', 'answered', 'notified', 'limited', 'limited']);
    const notices = inbox.get(zhou.id)!.filter((t) => t.includes('请稍后再问'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toBe(BOT_TEXTS.rateLimited(60));
    // Others are not affected.
    expect((await say(resident('吴九'), '景区几点开门')).outcome).toBe('answered');
  });

  it('keeps answering after puppet errors, a failed send, a throwing listener and an engine failure', async () => {
    const zheng = resident('郑十');
    for (let i = 0; i < 5; i++) puppet.emit('error', { data: '模拟的组件错误' });
    expect((await say(zheng, '景区几点开门')).outcome).toBe('answered');
    // An offline puppet repeats itself many times a second: logged once (with a count later), not five times.
    expect(logLines.filter((l) => l.includes('模拟的组件错误'))).toHaveLength(1);

    const send = jest.spyOn(puppet, 'messageSendText').mockRejectedValueOnce(new Error('发送失败（模拟）'));
    expect((await say(zheng, '旅行社名录在哪看')).outcome).toBe('failed');
    send.mockRestore();
    expect((await say(zheng, '旅行社名录在哪看')).reply).toContain(answers.get('查询正规旅行社')!.slice(0, 20));

    // A message whose payload cannot be loaded makes Wechaty itself fail on it: logged, not fatal.
    const broken = jest.spyOn(puppet, 'messagePayload').mockRejectedValueOnce(new Error('payload 读取失败（模拟）'));
    const logged = logLines.length;
    mocker.createContact({ name: '坏消息' }).say('低保').to(botUser);
    await waitFor(() => (logLines.slice(logged).some((l) => l.includes('组件报错：message not found')) ? true : undefined), 'error logged');
    broken.mockRestore();
    // Another listener (a plugin) that throws on every message: Wechaty reports it, the bot still answers.
    const plugin = () => {
      throw new Error('插件出错（模拟）');
    };
    app.answerBot.bot.on('message', plugin);
    const chen = resident('陈十三');
    expect((await say(chen, '景区几点开门')).reply).toContain(answers.get('景区开放时间')!.slice(0, 20));
    app.answerBot.bot.off('message', plugin);
    expect(logLines.some((l) => l.includes('插件出错（模拟）'))).toBe(true);

    // The engine itself fails (e.g. Redis away for the clarification state): a polite reply with the hotline.
    const engine = jest.spyOn(app.context.get(ConversationService), 'ask').mockRejectedValueOnce(new Error('引擎出错（模拟）'));
    const wei = resident('卫十四');
    expect(await say(wei, '景区几点开门')).toMatchObject({ outcome: 'fallback', reply: BOT_TEXTS.unavailable(hotline) });
    engine.mockRestore();
    expect((await say(wei, '景区几点开门')).outcome).toBe('answered');

    // (郑十 has spent his burst of 3, including the failed send: the next question comes from someone else.)
    expect((await say(resident('冯十二'), '低保标准是多少')).reply).toContain(answers.get('低保标准是多少')!);
  });

  it('restarts the puppet with backoff when it stops by itself, then answers again', async () => {
    await puppet.stop();
    await waitFor(() => (logLines.some((l) => l.includes('微信机器人已重启')) ? true : undefined), 'restart');
    expect(logLines.some((l) => /将在 \d+ ms 后重启（puppet 已停止/.test(l))).toBe(true);
    if (!app.answerBot.bot.isLoggedIn) mocker.login(botUser);
    await waitFor(() => (app.answerBot.bot.isLoggedIn ? true : undefined), 'login after restart');
    expect((await say(resident('钱十一'), '景区几点开门')).reply).toContain(answers.get('景区开放时间')!.slice(0, 20));
  });
});
