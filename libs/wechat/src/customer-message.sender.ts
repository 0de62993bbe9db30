import { Logger } from '@nestjs/common';
import type { AccessTokenService } from './access-token.service.js';
import type { ResidentState } from './resident-state.js';
import { WechatApiError, type WechatApiClient } from './wechat-api-client.js';

/** The answer that was not ready within WeChat's 5 seconds, to be sent as a customer-service message. */
export interface CustomerMessageJob {
  openid: string;
  content: string;
}

/**
 * Delivers one customer-service message, respecting the 48-hour window and the per-window quota.
 * Throws (so the job queue retries) on network errors and rejected tokens; gives up quietly when
 * retrying cannot help.
 */
export class CustomerMessageSender {
  private readonly logger = new Logger('WechatCustomerMessage');

  constructor(
    private readonly client: WechatApiClient,
    private readonly tokens: AccessTokenService,
    private readonly residents: ResidentState,
  ) {}

  async deliver(job: CustomerMessageJob): Promise<'sent' | 'skipped'> {
    const allowed = await this.residents.canSendCustomerMessage(job.openid);
    if (!allowed.ok) {
      this.logger.warn(`未发送客服消息（${maskOpenid(job.openid)}）：${allowed.reason}`);
      return 'skipped';
    }
    const token = await this.tokens.get();
    try {
      await this.client.sendCustomerText(token, job.openid, job.content);
    } catch (error) {
      if (error instanceof WechatApiError && error.tokenInvalid) await this.tokens.invalidate(token);
      if (error instanceof WechatApiError && error.permanent) {
        this.logger.warn(`客服消息无法送达（${maskOpenid(job.openid)}）：${error.message}`);
        return 'skipped';
      }
      throw error;
    }
    await this.residents.customerMessageSent(job.openid);
    this.logger.log(`已通过客服消息发送答复（${maskOpenid(job.openid)}，${job.content.length} 字）`);
    return 'sent';
  }
}

/** Logs show only the ends of an openid. */
export function maskOpenid(openid: string): string {
  return openid.length <= 8 ? '****' : `${openid.slice(0, 4)}****${openid.slice(-4)}`;
}
