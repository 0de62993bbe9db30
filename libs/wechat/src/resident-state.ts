import type { KeyValueStore } from './key-value-store.js';

/** WeChat lets an account write to a resident for 48 hours after the resident's last message… */
export const CUSTOMER_WINDOW_SECONDS = 48 * 3600;
/** …and at most 5 customer-service messages in that window. */
export const CUSTOMER_MESSAGES_PER_WINDOW = 5;

export interface LastAnswer {
  concernId: string;
  question: string;
}

/** Per-openid state shared by every instance: the customer-service window and what was answered last. */
export class ResidentState {
  constructor(private readonly store: KeyValueStore, private readonly now: () => number = Date.now) {}

  /** A message from the resident opens a new 48-hour window with a fresh quota (events such as menu clicks do not). */
  async messageReceived(openid: string): Promise<void> {
    await this.store.set(`last:${openid}`, String(this.now()), CUSTOMER_WINDOW_SECONDS);
    await this.store.delete(`kf:${openid}`);
  }

  async canSendCustomerMessage(openid: string): Promise<{ ok: true } | { ok: false; reason: string }> {
    const last = Number(await this.store.get(`last:${openid}`));
    if (!last || this.now() - last > CUSTOMER_WINDOW_SECONDS * 1000) return { ok: false, reason: '已超过 48 小时客服消息窗口' };
    const sent = Number((await this.store.get(`kf:${openid}`)) ?? 0);
    if (sent >= CUSTOMER_MESSAGES_PER_WINDOW) return { ok: false, reason: `48 小时内已发送 ${sent} 条客服消息，达到上限` };
    return { ok: true };
  }

  async customerMessageSent(openid: string): Promise<void> {
    await this.store.increment(`kf:${openid}`, CUSTOMER_WINDOW_SECONDS);
  }

  // What was answered last only enables "1/0" feedback: best effort, a store outage must not cost the answer.

  async rememberAnswer(openid: string, answer: LastAnswer, ttlSeconds: number): Promise<void> {
    await this.store.set(`answer:${openid}`, JSON.stringify(answer), ttlSeconds).catch(() => undefined);
  }

  async lastAnswer(openid: string): Promise<LastAnswer | null> {
    try {
      const raw = await this.store.get(`answer:${openid}`);
      return raw ? (JSON.parse(raw) as LastAnswer) : null;
    } catch {
      return null;
    }
  }

  async forgetAnswer(openid: string): Promise<void> {
    await this.store.delete(`answer:${openid}`).catch(() => undefined);
  }
}
