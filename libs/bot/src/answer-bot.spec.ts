import { describe, expect, it } from '@jest/globals';
import { EventEmitter } from 'node:events';
import type { Wechaty } from 'wechaty';
import { AnswerBot, type AnswerBotOptions } from './answer-bot.js';

/** Just enough of a Wechaty instance for the supervisor: start/stop, events and the puppet's state. */
class FakeWechaty extends EventEmitter {
  failStarts = 0;
  starts = 0;
  stops = 0;
  private active = false;
  readonly state = Object.assign(new EventEmitter(), { active: () => this.active });
  readonly puppet = { name: () => 'fake-puppet', state: this.state };
  isLoggedIn = false;

  async start(): Promise<void> {
    this.starts++;
    if (this.failStarts > 0) {
      this.failStarts--;
      throw new Error('连接 puppet 服务失败（模拟）');
    }
    this.active = true;
  }

  async stop(): Promise<void> {
    this.stops++;
    this.active = false;
  }

  /** The puppet dies on its own (lost its connection). */
  die(): void {
    this.active = false;
    this.state.emit('inactive', true);
  }
}

const options: AnswerBotOptions = {
  rateLimit: { burst: 5, perMinute: 6, noticeWindowSeconds: 60 },
  maxReplyChars: 600,
  chunkDelayMs: 0,
  maxMessageAgeSeconds: 300,
  ignoreContacts: [],
  restart: { initialDelayMs: 20, maxDelayMs: 80 },
  hotline: '12345',
};

function setup() {
  const fake = new FakeWechaty();
  const lines: string[] = [];
  const logger = { log: (m: string) => lines.push(m), warn: (m: string) => lines.push(m), error: (m: string) => lines.push(m) };
  const bot = new AnswerBot(fake as unknown as Wechaty, async () => '', options, logger);
  return { fake, lines, bot };
}

async function until(probe: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > end) throw new Error('timeout');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('AnswerBot supervisor', () => {
  it('keeps retrying a failing start with doubling delays up to the maximum', async () => {
    const { fake, lines, bot } = setup();
    fake.failStarts = 4;
    await bot.start();
    await until(() => fake.starts === 5 && lines.some((l) => l.includes('已重启')));
    const delays = lines.map((l) => /将在 (\d+) ms 后重启/.exec(l)?.[1]).filter(Boolean).map(Number);
    expect(delays).toEqual([20, 40, 80, 80]);
    await bot.stop();
  });

  it('restarts a puppet that stops by itself, but not after a deliberate stop', async () => {
    const { fake, lines, bot } = setup();
    await bot.start();
    fake.die();
    await until(() => lines.some((l) => l.includes('已重启')));
    expect(fake.starts).toBe(2);

    await bot.stop();
    fake.die();
    fake.emit('stop');
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.starts).toBe(2);
  });

  it('does not restart when the puppet has recovered by itself before the delay ran out', async () => {
    const { fake, lines, bot } = setup();
    await bot.start();
    fake.die();
    await fake.start(); // e.g. the puppet's own watchdog reset
    await new Promise((r) => setTimeout(r, 60));
    expect(lines.some((l) => l.includes('已自行恢复'))).toBe(true);
    expect(fake.stops).toBe(0);
    await bot.stop();
  });

  it('logs a repeating error once, and restarts a puppet that is down when errors come', async () => {
    const { fake, lines, bot } = setup();
    for (let i = 0; i < 3; i++) fake.emit('error', new Error('getaddrinfo ENOTFOUND login.wx.qq.com'));
    expect(lines.filter((l) => l.includes('ENOTFOUND'))).toHaveLength(1);
    await until(() => lines.some((l) => l.includes('已重启')));
    await bot.stop();
  });
});
