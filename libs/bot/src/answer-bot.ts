import { EventEmitter } from 'node:events';
import { qrcodeValueToImageUrl, ScanStatus, types, type Message, type Wechaty } from 'wechaty';
import { decideIncoming, type IncomingFacts, type TalkerKind } from './message-policy.js';
import { ContactRateLimiter, type RateLimitOptions } from './rate-limiter.js';
import { splitReply } from './reply-splitter.js';

export interface BotLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string, trace?: string): void;
}

/** The answer engine as the bot sees it: a contact's question in, the reply text out. */
export type AskEngine = (question: { contactId: string; text: string }) => Promise<string>;

export interface AnswerBotOptions {
  rateLimit: RateLimitOptions;
  maxReplyChars: number;
  chunkDelayMs: number;
  maxMessageAgeSeconds: number;
  /** Ids or names of other bots in the rooms. */
  ignoreContacts: string[];
  restart: { initialDelayMs: number; maxDelayMs: number };
  /** Named in the reply when the engine fails, so that the resident still has somewhere to turn. */
  hotline: string;
}

export type Outcome =
  | 'answered' | 'fallback' | 'limited' | 'notified' | 'failed' | 'duplicate' | 'hint'
  | `ignored:${string}`;

/** Emitted (event 'handled') once per incoming message, whatever became of it. */
export interface HandledEvent {
  messageId: string;
  talkerId: string;
  roomId: string | null;
  outcome: Outcome;
}

export const BOT_TEXTS = {
  textOnly: '目前只能回答文字问题，请直接输入您想咨询的政策问题。',
  emptyMention: '请在@我之后写上您的问题，例如“某项补贴怎么申请”。',
  rateLimited: (seconds: number) => `您的提问有点频繁，请稍后再问（约 ${seconds} 秒后）。`,
  unavailable: (hotline: string) => `抱歉，系统暂时无法答复，请稍后再问，或拨打${hotline}政务服务便民热线。`,
};

const TALKER_KINDS: Record<number, TalkerKind> = {
  [types.Contact.Individual]: 'individual',
  [types.Contact.Official]: 'official',
  [types.Contact.Corporation]: 'corporation',
};

const MEDIA = new Set([types.Message.Audio, types.Message.Image, types.Message.Video, types.Message.Emoticon, types.Message.Attachment]);

function contentKind(type: types.Message): IncomingFacts['content'] {
  if (type === types.Message.Text) return 'text';
  return MEDIA.has(type) ? 'media' : 'other';
}

/** How many recent message ids to remember: puppets redeliver messages after a reconnect. */
const SEEN_IDS = 2000;
/** An offline puppet repeats the same error many times a second: log it once per minute with a count. */
const ERROR_LOG_WINDOW_MS = 60_000;
const STOP_GRACE_MS = 10_000;

/**
 * Wires one Wechaty instance to the answer engine: the message policy, a per-contact rate limit,
 * long replies in several messages, and a supervisor that restarts the puppet with backoff when it
 * stops or breaks. Nothing a message handler does can reject into the process.
 */
export class AnswerBot extends EventEmitter<{ handled: [HandledEvent] }> {
  readonly startedAt = Date.now();
  private readonly limiter: ContactRateLimiter;
  private readonly ignoreContacts: ReadonlySet<string>;
  private readonly seen = new Set<string>();
  /** Messages of one contact are handled in order: "低保" then "2" must not overtake each other. */
  private readonly queues = new Map<string, Promise<void>>();
  private stopping = false;
  private restarting = false;
  private restartTimer: NodeJS.Timeout | null = null;
  private attempt = 0;
  private watchedPuppet: unknown = null;
  private readonly recentErrors = new Map<string, { at: number; repeats: number }>();

  constructor(
    readonly bot: Wechaty,
    private readonly ask: AskEngine,
    private readonly options: AnswerBotOptions,
    private readonly logger: BotLogger,
  ) {
    super();
    this.limiter = new ContactRateLimiter(options.rateLimit);
    this.ignoreContacts = new Set(options.ignoreContacts.map((c) => c.trim().toLowerCase()).filter(Boolean)
      .concat(options.ignoreContacts.map((c) => c.trim())));
    bot.on('scan', (qrcode: string, status: ScanStatus) => this.onScan(qrcode, status));
    bot.on('login', (user) => {
      this.attempt = 0;
      this.logger.log(`微信机器人已登录：${user.name()}`);
    });
    bot.on('logout', (user) => this.logger.warn(`微信机器人已退出登录：${user.name()}（等待重新扫码或自动重连）`));
    bot.on('error', (error: Error) => this.onError(error));
    bot.on('stop', () => {
      if (!this.stopping && !this.restarting) this.recover('机器人意外停止');
    });
    bot.on('message', (message: Message) => {
      this.enqueue(message);
    });
  }

  /** Starts the puppet; if it fails, keeps retrying with backoff in the background. */
  async start(): Promise<void> {
    this.stopping = false;
    try {
      await this.bot.start();
      this.watchPuppet();
      this.logger.log(`微信机器人已启动（${this.bot.puppet.name()}）`);
    } catch (error) {
      this.logger.error(`微信机器人启动失败：${(error as Error).message}`);
      this.recover('启动失败');
    }
  }

  /** Graceful stop: no more restarts, waits for the replies being sent, then stops the puppet. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    // Replies being sent may finish; a hung one must not hold the shutdown forever.
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.queues.values()]),
      new Promise((resolve) => { grace = setTimeout(resolve, STOP_GRACE_MS); }),
    ]);
    clearTimeout(grace);
    await this.bot.stop().catch((error: Error) => this.logger.warn(`停止微信机器人时出错：${error.message}`));
  }

  /** Schedules a restart with exponential backoff (no-op while one is pending or when stopping). */
  recover(reason: string): void {
    if (this.stopping || this.restartTimer) return;
    const delay = Math.min(this.options.restart.maxDelayMs, this.options.restart.initialDelayMs * 2 ** this.attempt);
    this.attempt++;
    this.logger.warn(`微信机器人将在 ${delay} ms 后重启（${reason}，第 ${this.attempt} 次）`);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      void this.restart();
    }, delay);
  }

  private async restart(): Promise<void> {
    if (this.stopping) return;
    // The puppet's own watchdog may have brought it back meanwhile (logging in again is then its business).
    if (this.puppetActive()) {
      this.logger.log('微信机器人已自行恢复，不再重启');
      return;
    }
    this.restarting = true;
    try {
      await this.bot.stop().catch(() => undefined);
      await this.bot.start();
      this.watchPuppet();
      this.logger.log('微信机器人已重启');
    } catch (error) {
      this.logger.error(`微信机器人重启失败：${(error as Error).message}`);
      this.restarting = false;
      this.recover('重启失败');
      return;
    }
    this.restarting = false;
  }

  private puppetActive(): boolean {
    try {
      return this.bot.puppet.state.active() === true;
    } catch {
      return false;
    }
  }

  /** A puppet that turns itself off (lost connection, gave up) is noticed even if Wechaty says nothing. */
  private watchPuppet(): void {
    const puppet = this.bot.puppet;
    if (this.watchedPuppet === puppet) return;
    this.watchedPuppet = puppet;
    const state = puppet.state as unknown as EventEmitter;
    state.on('inactive', () => {
      if (!this.stopping && !this.restarting) this.recover('puppet 已停止');
    });
  }

  private onScan(qrcode: string, status: ScanStatus): void {
    if (status === ScanStatus.Waiting || status === ScanStatus.Timeout) {
      this.logger.log(`请用作为机器人的微信扫码登录：${qrcodeValueToImageUrl(qrcode)} （二维码内容：${qrcode}）`);
    } else {
      this.logger.log(`扫码状态：${ScanStatus[status] ?? status}`);
    }
  }

  private onError(error: Error): void {
    const text = error?.message ?? String(error);
    const now = Date.now();
    const last = this.recentErrors.get(text);
    if (last && now - last.at < ERROR_LOG_WINDOW_MS) {
      last.repeats++;
    } else {
      const repeated = last?.repeats ? `（上次记录后又重复 ${last.repeats} 次）` : '';
      this.logger.warn(`微信机器人组件报错：${text}${repeated}`);
      this.recentErrors.delete(text);
      this.recentErrors.set(text, { at: now, repeats: 0 });
      if (this.recentErrors.size > 100) this.recentErrors.delete(this.recentErrors.keys().next().value!);
    }
    if (!this.puppetActive() && !this.restarting) this.recover('puppet 报错且已停止');
  }

  private enqueue(message: Message): void {
    let key: string;
    try {
      key = message.talker().id;
    } catch {
      key = '?';
    }
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.then(() => this.handle(message)).catch((error: unknown) => {
      this.logger.error(`处理微信消息时出错：${(error as Error)?.message ?? String(error)}`, (error as Error)?.stack);
      this.report(message, 'failed');
    });
    this.queues.set(key, next);
    void next.then(() => {
      if (this.queues.get(key) === next) this.queues.delete(key);
    });
  }

  private async handle(message: Message): Promise<void> {
    if (this.seen.has(message.id)) return this.report(message, 'duplicate');
    this.remember(message.id);
    if (message.self()) return this.report(message, 'ignored:self');
    const talker = message.talker();
    const room = message.room();
    const selfNames = [this.bot.currentUser.name()];
    if (room) {
      const alias = await room.alias(this.bot.currentUser).catch(() => undefined);
      if (alias) selfNames.push(alias);
    }
    const facts: IncomingFacts = {
      id: message.id,
      self: false,
      talkerId: talker.id,
      talkerName: talker.name(),
      talkerKind: TALKER_KINDS[talker.type()] ?? 'unknown',
      inRoom: !!room,
      mentionsSelf: room ? await message.mentionSelf() : false,
      content: contentKind(message.type()),
      text: message.text(),
      sentAt: message.date(),
    };
    const decision = decideIncoming(facts, {
      startedAt: this.startedAt,
      now: Date.now(),
      selfNames,
      ignoreContacts: this.ignoreContacts,
      maxMessageAgeSeconds: this.options.maxMessageAgeSeconds,
    });
    if (decision.action === 'ignore') return this.report(message, `ignored:${decision.reason}`);

    const verdict = this.limiter.take(talker.id);
    if (verdict === 'silent') return this.report(message, 'limited');
    const send = async (text: string) => {
      for (const [i, chunk] of splitReply(text, this.options.maxReplyChars).entries()) {
        if (i > 0 && this.options.chunkDelayMs > 0) await sleep(this.options.chunkDelayMs);
        // In a room the first part mentions the asker, so the answer finds them among the chatter.
        if (room) await (i === 0 ? room.say(chunk, talker) : room.say(chunk));
        else await talker.say(chunk);
      }
    };
    if (verdict === 'notify') {
      await send(BOT_TEXTS.rateLimited(this.limiter.waitSeconds(talker.id)));
      return this.report(message, 'notified');
    }
    if (decision.action === 'text-only' || decision.action === 'empty-mention') {
      await send(decision.action === 'text-only' ? BOT_TEXTS.textOnly : BOT_TEXTS.emptyMention);
      return this.report(message, 'hint');
    }
    let reply: string;
    try {
      reply = await this.ask({ contactId: talker.id, text: decision.text });
    } catch (error) {
      this.logger.error(`问答引擎出错：${(error as Error)?.message ?? String(error)}`, (error as Error)?.stack);
      await send(BOT_TEXTS.unavailable(this.options.hotline));
      return this.report(message, 'fallback');
    }
    await send(reply);
    this.report(message, 'answered');
  }

  private remember(id: string): void {
    this.seen.add(id);
    if (this.seen.size > SEEN_IDS) this.seen.delete(this.seen.values().next().value!);
  }

  private report(message: Message, outcome: Outcome): void {
    let talkerId = '?';
    let roomId: string | null = null;
    try {
      talkerId = message.talker().id;
      roomId = message.room()?.id ?? null;
    } catch {
      // A broken payload still gets its event.
    }
    this.emit('handled', { messageId: message.id, talkerId, roomId, outcome });
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
