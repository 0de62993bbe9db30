import { Redis } from 'ioredis';

interface SharedConnection {
  redis: Redis;
  users: number;
}

const connections = new Map<string, SharedConnection>();

/**
 * One Redis connection per URL per process, shared by every module that keeps small state there
 * (clarifications, the WeChat store, rate limits, sign-in counters): one socket to watch instead of
 * four. Commands fail at once while Redis is away (no offline queue, one retry), so callers fall
 * back (memory, no de-duplication) instead of queueing behind a dead link. Bull opens its own
 * connections: it needs blocking ones. Each module releases what it acquired; the last one closes it.
 */
export function acquireRedis(url: string): Redis {
  let shared = connections.get(url);
  if (!shared) {
    const redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
    // Outages show in readiness and metrics; without a listener ioredis prints every reconnect attempt.
    redis.on('error', () => undefined);
    shared = { redis, users: 0 };
    connections.set(url, shared);
  }
  shared.users++;
  return shared.redis;
}

export async function releaseRedis(redis: Redis): Promise<void> {
  for (const [url, shared] of connections) {
    if (shared.redis !== redis) continue;
    if (--shared.users > 0) return;
    connections.delete(url);
    // QUIT needs a live link; a client still (re)connecting is simply cut.
    if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
    else redis.disconnect();
    return;
  }
}
