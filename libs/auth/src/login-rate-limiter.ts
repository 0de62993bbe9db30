import type { Redis } from 'ioredis';
import { releaseRedis } from '@app/common';

/**
 * Counts sign-in attempts per key (user name, IP, password change) in a fixed window. An attempt is
 * counted before its password is checked, in one atomic step, so that concurrent attempts cannot
 * all pass a check-then-record gap. Shared by every instance when Redis is configured.
 */
export interface LoginRateLimiter {
  /** Counts one attempt; returns the attempts in the current window, this one included. */
  hit(key: string, windowSeconds: number): Promise<number>;
  /** Takes one attempt back (a successful sign-in does not use up the address's allowance). */
  refund(key: string): Promise<void>;
  reset(key: string): Promise<void>;
  close(): Promise<void>;
}

export const LOGIN_RATE_LIMITER = Symbol('LOGIN_RATE_LIMITER');

const MAX_MEMORY_KEYS = 100_000;

export class MemoryLoginRateLimiter implements LoginRateLimiter {
  private readonly counters = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  // No await between reading and writing: one event loop makes this atomic within the process.
  async hit(key: string, windowSeconds: number): Promise<number> {
    let entry = this.counters.get(key);
    if (entry && entry.resetAt <= this.now()) {
      this.counters.delete(key);
      entry = undefined;
    }
    if (!entry) {
      // Bounded: a flood of made-up user names cannot grow memory without limit.
      if (this.counters.size >= MAX_MEMORY_KEYS) this.counters.delete(this.counters.keys().next().value as string);
      entry = { count: 0, resetAt: this.now() + windowSeconds * 1000 };
      this.counters.set(key, entry);
    }
    return ++entry.count;
  }

  async refund(key: string): Promise<void> {
    const entry = this.counters.get(key);
    if (entry && entry.count > 0) entry.count--;
  }

  async reset(key: string): Promise<void> {
    this.counters.delete(key);
  }

  async close(): Promise<void> {
    this.counters.clear();
  }
}

// DECR only while the key lives: a refund after the window must not leave a count without expiry.
const REFUND_SCRIPT = `if redis.call('EXISTS', KEYS[1]) == 1 and tonumber(redis.call('GET', KEYS[1])) > 0 then return redis.call('DECR', KEYS[1]) end return 0`;

export class RedisLoginRateLimiter implements LoginRateLimiter {
  constructor(private readonly redis: Redis, private readonly prefix: string) {}

  async hit(key: string, windowSeconds: number): Promise<number> {
    // INCR then EXPIRE NX in one transaction: the window starts at the first attempt.
    const results = await this.redis.multi().incr(this.prefix + key).expire(this.prefix + key, windowSeconds, 'NX').exec();
    return Number(results?.[0]?.[1] ?? 0);
  }

  async refund(key: string): Promise<void> {
    await this.redis.eval(REFUND_SCRIPT, 1, this.prefix + key);
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }

  async close(): Promise<void> {
    await releaseRedis(this.redis);
  }
}
