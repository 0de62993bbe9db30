import type { Redis } from 'ioredis';
import { acquireRedis, releaseRedis } from './redis-connections.js';

const ended = (redis: Redis) => new Promise((resolve) => (redis.status === 'end' ? resolve(null) : redis.once('end', resolve)));

describe('shared Redis connections', () => {
  // A port nothing listens on: the client exists and retries quietly, no Redis needed.
  const url = 'redis://127.0.0.1:1/0';

  it('gives every user of one URL the same client and closes it after the last release', async () => {
    const first = acquireRedis(url);
    const second = acquireRedis(url);
    expect(second).toBe(first);
    const other = acquireRedis('redis://127.0.0.1:1/1');
    expect(other).not.toBe(first);
    await releaseRedis(other);
    await ended(other);

    await releaseRedis(first);
    expect(first.status).not.toBe('end');
    await releaseRedis(second);
    await ended(first);
    // A later user gets a fresh connection, not the closed one.
    const third = acquireRedis(url);
    expect(third).not.toBe(first);
    await releaseRedis(third);
  });

  it('fails commands at once while Redis is away instead of queueing them', async () => {
    const redis = acquireRedis(url);
    await expect(redis.get('key')).rejects.toThrow();
    await releaseRedis(redis);
  });
});
