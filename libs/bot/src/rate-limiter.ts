export interface RateLimitOptions {
  /** Questions a contact may ask in a row. */
  burst: number;
  /** Questions per minute a contact gets back (the bucket's refill). */
  perMinute: number;
  /** After the notice "请稍后再问", stay silent this long however much the contact writes. */
  noticeWindowSeconds: number;
}

/** ok: answer; notify: send the polite notice once; silent: drop (already told). */
export type RateVerdict = 'ok' | 'notify' | 'silent';

interface Bucket {
  tokens: number;
  updatedAt: number;
  noticeAt: number;
}

/** Buckets kept at most; idle ones (full again) are dropped first, so a flood of strangers cannot grow memory. */
const MAX_BUCKETS = 10_000;
/** Refills are fractions of a token: 0.1 + 0.9 must count as a whole one. */
const EPSILON = 1e-9;

/**
 * A token bucket per contact. One WeChat account is one bot process, so the state lives in memory:
 * there is nothing for a second instance to share.
 */
export class ContactRateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly options: RateLimitOptions) {}

  take(contactId: string, now = Date.now()): RateVerdict {
    const bucket = this.refill(contactId, now);
    if (bucket.tokens >= 1 - EPSILON) {
      bucket.tokens = Math.max(0, bucket.tokens - 1);
      return 'ok';
    }
    if (now - bucket.noticeAt >= this.options.noticeWindowSeconds * 1000) {
      bucket.noticeAt = now;
      return 'notify';
    }
    return 'silent';
  }

  /** Seconds until the contact may ask again (for the notice text). */
  waitSeconds(contactId: string, now = Date.now()): number {
    const bucket = this.refill(contactId, now);
    return bucket.tokens >= 1 - EPSILON ? 0 : Math.ceil(((1 - bucket.tokens) * 60) / this.options.perMinute);
  }

  get size(): number {
    return this.buckets.size;
  }

  private refill(contactId: string, now: number): Bucket {
    let bucket = this.buckets.get(contactId);
    if (!bucket) {
      if (this.buckets.size >= MAX_BUCKETS) this.evict(now);
      bucket = { tokens: this.options.burst, updatedAt: now, noticeAt: -Infinity };
      this.buckets.set(contactId, bucket);
      return bucket;
    }
    const elapsedMinutes = Math.max(0, now - bucket.updatedAt) / 60_000;
    bucket.tokens = Math.min(this.options.burst, bucket.tokens + elapsedMinutes * this.options.perMinute);
    bucket.updatedAt = now;
    return bucket;
  }

  private evict(now: number): void {
    for (const [id, b] of this.buckets) {
      const full = b.tokens + ((now - b.updatedAt) / 60_000) * this.options.perMinute >= this.options.burst;
      if (full && now - b.noticeAt >= this.options.noticeWindowSeconds * 1000) this.buckets.delete(id);
    }
    // Everyone is active: forget the oldest (Map keeps insertion order).
    while (this.buckets.size >= MAX_BUCKETS) this.buckets.delete(this.buckets.keys().next().value!);
  }
}
