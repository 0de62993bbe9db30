import { HttpException, Inject, Injectable, Module, Optional, type DynamicModule, type MiddlewareConsumer, type NestModule, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '@app/common';
import { ServiceMetrics } from '@app/observability';
import { OfficialAccountService, WECHAT_SETTINGS, WechatModule, type WechatApiClient, type WechatSettings } from '@app/wechat';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Subscription } from 'rxjs';
import { FeedbackController } from './feedback.controller.js';
import { OfficialAccountController } from './official-account.controller.js';
import { ResidentPagesController } from './pages.controller.js';

/** Body-parser failures as 4xx with a Chinese message (the body never reaches the webhook). */
function bodyError(error: unknown, limit: number): unknown {
  const { status, type } = error as { status?: number; type?: string };
  if (typeof status !== 'number' || status < 400 || status >= 500) return error;
  const message = type === 'entity.too.large' ? `消息体超过 ${limit} 字节上限` : '消息体无法读取（编码或字符集不受支持）';
  return new HttpException({ message }, status);
}

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

/** The WeChat official-account webhook, resident feedback, the web chat page and the full-answer page. */
@Module({})
export class WechatApiModule implements NestModule {
  constructor(@Inject(WECHAT_SETTINGS) private readonly settings: WechatSettings) {}

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

  configure(consumer: MiddlewareConsumer): void {
    // WeChat posts text/xml; take the body as text whatever the declared type (JSON was already parsed
    // by the global parser and is refused by the webhook), within the webhook's own size limit.
    const limit = this.settings.maxBodyBytes;
    const parseText = express.text({ type: () => true, limit });
    consumer.apply((request: Request, response: Response, next: NextFunction) => {
      parseText(request, response, (error?: unknown) => next(error ? bodyError(error, limit) : undefined));
    }).forRoutes('wechat/official-account');
  }
}
