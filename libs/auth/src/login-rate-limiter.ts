import type { Redis } from 'ioredis';
import { releaseRedis } from '@app/common';

/**
 * Counts failed sign-ins per key (user name, IP) in a fixed window. Shared by every instance when
 * Redis is configured, per instance otherwise.
 */
export interface LoginRateLimiter {
  /** Failures recorded for the key in the current window. */
  failures(key: string): Promise<number>;
  recordFailure(key: string, windowSeconds: number): Promise<number>;
  reset(key: string): Promise<void>;
  close(): Promise<void>;
}

export const LOGIN_RATE_LIMITER = Symbol('LOGIN_RATE_LIMITER');

const MAX_MEMORY_KEYS = 100_000;

export class MemoryLoginRateLimiter implements LoginRateLimiter {
  private readonly counters = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async failures(key: string): Promise<number> {
    const entry = this.counters.get(key);
    if (!entry) return 0;
    if (entry.resetAt <= this.now()) {
      this.counters.delete(key);
      return 0;
    }
    return entry.count;
  }

  async recordFailure(key: string, windowSeconds: number): Promise<number> {
    const count = (await this.failures(key)) + 1;
    const resetAt = this.counters.get(key)?.resetAt ?? this.now() + windowSeconds * 1000;
    // Bounded: a flood of made-up user names cannot grow memory without limit.
    if (!this.counters.has(key) && this.counters.size >= MAX_MEMORY_KEYS) {
      this.counters.delete(this.counters.keys().next().value as string);
    }
    this.counters.set(key, { count, resetAt });
    return count;
  }

  async reset(key: string): Promise<void> {
    this.counters.delete(key);
  }

  async close(): Promise<void> {
    this.counters.clear();
  }
}

export class RedisLoginRateLimiter implements LoginRateLimiter {
  constructor(private readonly redis: Redis, private readonly prefix: string) {}

  async failures(key: string): Promise<number> {
    return Number((await this.redis.get(this.prefix + key)) ?? 0);
  }

  async recordFailure(key: string, windowSeconds: number): Promise<number> {
    // INCR then EXPIRE NX in one round trip: the window starts at the first failure.
    const results = await this.redis.multi().incr(this.prefix + key).expire(this.prefix + key, windowSeconds, 'NX').exec();
    return Number(results?.[0]?.[1] ?? 0);
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }

  async close(): Promise<void> {
    await releaseRedis(this.redis);
  }
}
