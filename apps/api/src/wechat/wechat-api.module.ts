import { Injectable, Module, Optional, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '@app/common';
import { ServiceMetrics } from '@app/observability';
import { OfficialAccountService, WechatModule, type WechatApiClient } from '@app/wechat';
import type { Subscription } from 'rxjs';
import { FeedbackController } from './feedback.controller.js';
import { OfficialAccountController } from './official-account.controller.js';
import { ResidentPagesController } from './pages.controller.js';

/** Counts the messages answered late (`success` now, customer-service message later) in /metrics. */
@Injectable()
class WebhookMetricsRecorder implements OnApplicationShutdown {
  private readonly subscription: Subscription;

  constructor(service: OfficialAccountService, @Optional() metrics?: ServiceMetrics) {
    this.subscription = service.lateReplies.subscribe(() => metrics?.webhookTimeouts.inc());
  }

  onApplicationShutdown(): void {
    this.subscription.unsubscribe();
  }
}

/**
 * The WeChat official-account webhook, resident feedback, the web chat page and the full-answer page.
 * The webhook's XML body is read by `readWebhookText` (webhook-body.ts), wired in bootstrap.ts.
 */
@Module({})
export class WechatApiModule {
  static forRoot(config: AppConfig, options: { apiClient?: WechatApiClient } = {}): DynamicModule {
    return {
      module: WechatApiModule,
      imports: [
        WechatModule.forRoot({
          settings: { ...config.wechat, menu: { ...config.wechat.menu }, hotline: config.conversation.hotline },
          redisUrl: config.storage.redisUrl,
          apiClient: options.apiClient,
        }),
      ],
      controllers: [OfficialAccountController, FeedbackController, ResidentPagesController],
      providers: [WebhookMetricsRecorder],
    };
  }
}
