import { describe, expect, it } from '@jest/globals';
import { ContactRateLimiter } from './rate-limiter.js';

describe('ContactRateLimiter', () => {
  it('allows the burst, then notifies once per window, then refills over time', () => {
    const limiter = new ContactRateLimiter({ burst: 3, perMinute: 6, noticeWindowSeconds: 60 });
    const t = 1_000_000;
    expect([1, 2, 3].map(() => limiter.take('a', t))).toEqual(['ok', 'ok', 'ok']);
    expect(limiter.take('a', t)).toBe('notify');
    expect(limiter.waitSeconds('a', t)).toBe(10);
    expect(limiter.take('a', t + 1000)).toBe('silent');
    // Another contact has a bucket of its own.
    expect(limiter.take('b', t + 1000)).toBe('ok');
    // 6 per minute: one token back after 10 s.
    expect(limiter.take('a', t + 10_000)).toBe('ok');
    expect(limiter.take('a', t + 10_000)).toBe('silent');
    // The notice window has passed: when the bucket runs dry again, one more notice (and only one).
    const verdicts = Array.from({ length: 6 }, () => limiter.take('a', t + 61_000));
    expect(verdicts).toEqual(['ok', 'ok', 'ok', 'notify', 'silent', 'silent']);
    // Never more than the burst after a long pause.
    const later = t + 3600_000;
    expect([1, 2, 3, 4].map(() => limiter.take('a', later))).toEqual(['ok', 'ok', 'ok', 'notify']);
  });

  it('keeps memory bounded when very many contacts write', () => {
    const limiter = new ContactRateLimiter({ burst: 2, perMinute: 60, noticeWindowSeconds: 10 });
    for (let i = 0; i < 12_000; i++) limiter.take(`c${i}`, 1000 + i);
    expect(limiter.size).toBeLessThanOrEqual(10_000);
  });
});
