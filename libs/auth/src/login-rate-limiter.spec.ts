import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { MemoryLoginRateLimiter, RedisLoginRateLimiter, type LoginRateLimiter } from './login-rate-limiter.js';

async function behavesAsAWindowCounter(limiter: LoginRateLimiter, advance: (seconds: number) => Promise<void>) {
  expect(await limiter.hit('user:a', 2)).toBe(1);
  expect(await limiter.hit('user:a', 2)).toBe(2);
  await limiter.refund('user:a');
  expect(await limiter.hit('user:a', 2)).toBe(2);
  expect(await limiter.hit('user:b', 2)).toBe(1);
  await limiter.reset('user:a');
  expect(await limiter.hit('user:a', 2)).toBe(1);
  // Concurrent attempts each get their own count: none can slip past a limit between check and record.
  const counts = await Promise.all(Array.from({ length: 30 }, () => limiter.hit('user:rush', 2)));
  expect(counts.sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  await limiter.hit('user:c', 2);
  await advance(2.5);
  expect(await limiter.hit('user:c', 2)).toBe(1);
  // A refund after the window has passed leaves nothing behind.
  await limiter.refund('user:gone');
  expect(await limiter.hit('user:gone', 2)).toBe(1);
}

describe('login rate limiter', () => {
  it('memory: counts attempts per key within the window', async () => {
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
    await limiter.hit('ip:1', 60);
    expect(await other.hit('ip:1', 60)).toBe(2);
    expect(await redis.ttl(`${prefix}ip:1`)).toBeGreaterThan(50);
  });
});
