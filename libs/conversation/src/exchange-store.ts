import type { Redis } from 'ioredis';

/** What a feedback vote may cite: the concern that exchange answered, and its channel. */
export interface Exchange {
  concernId: string;
  channel: string;
}

export type VoteClaim = 'claimed' | 'unknown' | 'other-concern' | 'voted';

/**
 * Answered exchanges, remembered for a day so that a vote must cite one (and only once): feedback
 * can no longer be stuffed by posting a concern id in a loop.
 */
export interface ExchangeStore {
  remember(exchangeId: string, exchange: Exchange): Promise<void>;
  /** Marks the exchange voted when it exists, answered that concern and had no vote yet. */
  claimVote(exchangeId: string, concernId: string): Promise<{ claim: VoteClaim; exchange?: Exchange }>;
}

export const EXCHANGE_STORE = Symbol('EXCHANGE_STORE');
export const EXCHANGE_TTL_SECONDS = 24 * 3600;

const MAX_MEMORY_EXCHANGES = 200_000;

export class MemoryExchangeStore implements ExchangeStore {
  private readonly entries = new Map<string, { exchange: Exchange; voted: boolean; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async remember(exchangeId: string, exchange: Exchange): Promise<void> {
    // Bounded, oldest first (insertion order): a flood of questions cannot grow it without limit.
    if (this.entries.size >= MAX_MEMORY_EXCHANGES) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(exchangeId, { exchange, voted: false, expiresAt: this.now() + EXCHANGE_TTL_SECONDS * 1000 });
  }

  async claimVote(exchangeId: string, concernId: string): Promise<{ claim: VoteClaim; exchange?: Exchange }> {
    const entry = this.entries.get(exchangeId);
    if (!entry || entry.expiresAt <= this.now()) return { claim: 'unknown' };
    if (entry.exchange.concernId !== concernId) return { claim: 'other-concern' };
    if (entry.voted) return { claim: 'voted', exchange: entry.exchange };
    entry.voted = true;
    return { claim: 'claimed', exchange: entry.exchange };
  }
}

/**
 * Redis, so a vote reaches any instance. The vote mark is a second key set with NX (atomic across
 * instances). When Redis is away, this instance's memory answers, and remembering never fails an answer.
 */
export class RedisExchangeStore implements ExchangeStore {
  private readonly fallback = new MemoryExchangeStore();

  constructor(private readonly redis: Redis, private readonly prefix = 'gda:exchange:') {}

  async remember(exchangeId: string, exchange: Exchange): Promise<void> {
    await this.fallback.remember(exchangeId, exchange);
    await this.redis.set(this.prefix + exchangeId, JSON.stringify(exchange), 'EX', EXCHANGE_TTL_SECONDS).catch(() => undefined);
  }

  async claimVote(exchangeId: string, concernId: string): Promise<{ claim: VoteClaim; exchange?: Exchange }> {
    try {
      const raw = await this.redis.get(this.prefix + exchangeId);
      if (!raw) return { claim: 'unknown' };
      const exchange = JSON.parse(raw) as Exchange;
      if (exchange.concernId !== concernId) return { claim: 'other-concern' };
      const first = await this.redis.set(`${this.prefix}vote:${exchangeId}`, '1', 'EX', EXCHANGE_TTL_SECONDS, 'NX');
      return { claim: first === 'OK' ? 'claimed' : 'voted', exchange };
    } catch {
      return this.fallback.claimVote(exchangeId, concernId);
    }
  }
}
