import type { KeyValueStore } from './key-value-store.js';

const PENDING = '\u0000pending';
const POLL_MS = 25;

/**
 * WeChat retries a message it got no answer to (3 times, 5 s apart). Each message is processed once:
 * the first request claims its key; retries — on this instance (same promise) or another (polling the
 * shared store) — get the same reply. The reply is kept long enough to cover every retry.
 */
export class ReplyDeduplicator {
  private readonly inFlight = new Map<string, Promise<string>>();

  constructor(private readonly store: KeyValueStore, private readonly ttlSeconds = 60) {}

  /**
   * `produce` must settle within the reply budget (it races the engine itself). `fallback` is what a
   * retry answers when the first attempt's reply is not ready by `waitMs`.
   */
  once(key: string, waitMs: number, fallback: string, produce: () => Promise<string>): Promise<string> {
    const local = this.inFlight.get(key);
    if (local) return local;
    const storeKey = `dedupe:${key}`;
    const work = (async () => {
      if (await this.store.setIfAbsent(storeKey, PENDING, this.ttlSeconds)) {
        let reply: string;
        try {
          reply = await produce();
        } catch (error) {
          // Nothing was answered: let WeChat's retry try again.
          await this.store.delete(storeKey).catch(() => undefined);
          throw error;
        }
        // The reply is sent even if it cannot be kept (store away): a retry then waits and gets the fallback.
        await this.store.set(storeKey, reply, this.ttlSeconds).catch(() => undefined);
        return reply;
      }
      return this.waitForReply(storeKey, waitMs, fallback);
    })().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, work);
    return work;
  }

  private async waitForReply(storeKey: string, waitMs: number, fallback: string): Promise<string> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const value = await this.store.get(storeKey);
      if (value !== PENDING) return value ?? fallback;
      if (Date.now() >= deadline) return fallback;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
