import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { MemoryLoginRateLimiter, RedisLoginRateLimiter, type LoginRateLimiter } from './login-rate-limiter.js';

async function behavesAsAWindowCounter(limiter: LoginRateLimiter, advance: (seconds: number) => Promise<void>) {
  expect(await limiter.failures('user:a')).toBe(0);
  expect(await limiter.recordFailure('user:a', 2)).toBe(1);
  expect(await limiter.recordFailure('user:a', 2)).toBe(2);
  expect(await limiter.failures('user:a')).toBe(2);
  expect(await limiter.failures('user:b')).toBe(0);
  await limiter.reset('user:a');
  expect(await limiter.failures('user:a')).toBe(0);
  await limiter.recordFailure('user:c', 2);
  await advance(2.5);
  expect(await limiter.failures('user:c')).toBe(0);
}

describe('login rate limiter', () => {
  it('memory: counts failures per key within the window', async () => {
    let now = 1_000_000;
    await behavesAsAWindowCounter(new MemoryLoginRateLimiter(() => now), async (s) => {
      now += s * 1000;
    });
  });

  const withRedis = process.env.REDIS_URL ? it : it.skip;
  let redis: Redis | undefined;
  afterAll(async () => {
    await redis?.quit();
  });

  withRedis('Redis: the same behaviour, shared by every instance', async () => {
    redis = new Redis(process.env.REDIS_URL!);
    const prefix = `test:${randomBytes(4).toString('hex')}:login:`;
    const limiter = new RedisLoginRateLimiter(redis, prefix);
    await behavesAsAWindowCounter(limiter, (s) => new Promise((r) => setTimeout(r, s * 1000)));
    const other = new RedisLoginRateLimiter(redis, prefix);
    await limiter.recordFailure('ip:1', 60);
    expect(await other.failures('ip:1')).toBe(1);
    expect(await redis.ttl(`${prefix}ip:1`)).toBeGreaterThan(50);
  });
});
