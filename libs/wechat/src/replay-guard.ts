import type { KeyValueStore } from './key-value-store.js';

/**
 * Remembers each signed (timestamp, nonce) for as long as the timestamp is accepted, with the message
 * it carried. The signature covers only token, timestamp and nonce — not the plain-mode body — so
 * without this, a captured query would carry any body for 300 s. WeChat's own retries send the same
 * message with the same timestamp and nonce: those pass (the reply de-duplication answers them).
 */
export class ReplayGuard {
  constructor(private readonly store: KeyValueStore, private readonly toleranceSeconds: number) {}

  /** True when this (timestamp, nonce) is new, or was used for this same message. */
  async accepts(timestamp: string, nonce: string, message: string): Promise<boolean> {
    const key = `nonce:${timestamp}:${nonce}`;
    // Past twice the tolerance the timestamp itself is refused; with no tolerance, keep it 10 minutes.
    const ttl = this.toleranceSeconds > 0 ? 2 * this.toleranceSeconds : 600;
    if (await this.store.setIfAbsent(key, message, ttl)) return true;
    return (await this.store.get(key)) === message;
  }
}
