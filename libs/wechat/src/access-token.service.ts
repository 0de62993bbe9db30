import type { KeyValueStore } from './key-value-store.js';
import type { WechatApiClient } from './wechat-api-client.js';

// Renew this long before WeChat's expiry (its own renewal window is 5 minutes).
const REFRESH_MARGIN_SECONDS = 300;
const LOCK_SECONDS = 15;
const WAIT_STEP_MS = 50;

interface CachedToken {
  token: string;
  expiresAt: number;
}

/**
 * One access_token for every instance: cached in the shared store, renewed before expiry by whichever
 * instance takes the lock first while the others wait for its result (WeChat limits token calls).
 */
export class AccessTokenService {
  constructor(
    private readonly store: KeyValueStore,
    private readonly client: WechatApiClient,
    private readonly appId: string,
    private readonly appSecret: string,
    private readonly now: () => number = Date.now,
  ) {}

  private get key() {
    return `token:${this.appId}`;
  }

  async get(): Promise<string> {
    const deadline = this.now() + LOCK_SECONDS * 1000;
    for (;;) {
      const cached = await this.cached();
      if (cached && cached.expiresAt - this.now() > REFRESH_MARGIN_SECONDS * 1000) return cached.token;
      if (await this.store.setIfAbsent(`${this.key}:lock`, '1', LOCK_SECONDS)) {
        try {
          return await this.refresh();
        } finally {
          await this.store.delete(`${this.key}:lock`);
        }
      }
      // Another instance is renewing; a token still inside its life may be used meanwhile.
      if (cached && cached.expiresAt > this.now()) return cached.token;
      if (this.now() > deadline) throw new Error('等待 access_token 超时');
      await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
    }
  }

  /** After WeChat rejected `token` (40001/42001): drop it unless someone already replaced it. */
  async invalidate(token: string): Promise<void> {
    const cached = await this.cached();
    if (cached?.token === token) await this.store.delete(this.key);
  }

  private async refresh(): Promise<string> {
    const answer = await this.client.fetchAccessToken(this.appId, this.appSecret);
    const expiresAt = this.now() + answer.expiresInSeconds * 1000;
    await this.store.set(this.key, JSON.stringify({ token: answer.accessToken, expiresAt }), Math.max(1, answer.expiresInSeconds));
    return answer.accessToken;
  }

  private async cached(): Promise<CachedToken | null> {
    const raw = await this.store.get(this.key);
    if (!raw) return null;
    try {
      return JSON.parse(raw) as CachedToken;
    } catch {
      return null;
    }
  }
}
