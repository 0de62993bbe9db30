import type { Redis } from 'ioredis';

/** The choices offered to one user, waiting for "回复数字选择". */
export interface PendingClarification {
  question: string;
  concernIds: string[];
  createdAt: number;
}

/** Per-user state shared by every instance (Redis) or held by this one (memory). */
export interface ClarificationStore {
  get(userKey: string): Promise<PendingClarification | null>;
  set(userKey: string, pending: PendingClarification, ttlSeconds: number): Promise<void>;
  clear(userKey: string): Promise<void>;
}

export const CLARIFICATION_STORE = Symbol('CLARIFICATION_STORE');

const MAX_MEMORY_ENTRIES = 100_000;

export class MemoryClarificationStore implements ClarificationStore {
  private readonly entries = new Map<string, { pending: PendingClarification; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async get(userKey: string): Promise<PendingClarification | null> {
    const entry = this.entries.get(userKey);
    if (!entry) return null;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(userKey);
      return null;
    }
    return entry.pending;
  }

  async set(userKey: string, pending: PendingClarification, ttlSeconds: number): Promise<void> {
    // Bounded: the oldest entries go first (Map keeps insertion order).
    if (this.entries.size >= MAX_MEMORY_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.delete(userKey);
    this.entries.set(userKey, { pending, expiresAt: this.now() + ttlSeconds * 1000 });
  }

  async clear(userKey: string): Promise<void> {
    this.entries.delete(userKey);
  }
}

/**
 * Redis, shared by every instance. When Redis is away the store keeps working from this instance's
 * memory (a resident on the same instance can still answer "2"), and a failed call never fails a question.
 */
export class RedisClarificationStore implements ClarificationStore {
  private readonly fallback = new MemoryClarificationStore();
  failures = 0;

  constructor(private readonly redis: Redis, private readonly prefix = 'gda:clarify:') {}

  async get(userKey: string): Promise<PendingClarification | null> {
    const raw = await this.attempt(() => this.redis.get(this.prefix + userKey));
    if (raw === undefined) return this.fallback.get(userKey);
    if (!raw) return null;
    try {
      return JSON.parse(raw) as PendingClarification;
    } catch {
      return null;
    }
  }

  async set(userKey: string, pending: PendingClarification, ttlSeconds: number): Promise<void> {
    await this.fallback.set(userKey, pending, ttlSeconds);
    await this.attempt(() => this.redis.set(this.prefix + userKey, JSON.stringify(pending), 'EX', ttlSeconds));
  }

  async clear(userKey: string): Promise<void> {
    await this.fallback.clear(userKey);
    await this.attempt(() => this.redis.del(this.prefix + userKey));
  }

  /** The call's result, or undefined when Redis could not be reached. */
  private async attempt<T>(call: () => Promise<T>): Promise<T | undefined> {
    try {
      return await call();
    } catch {
      this.failures++;
      return undefined;
    }
  }
}
