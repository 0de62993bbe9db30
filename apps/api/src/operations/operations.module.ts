import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { Subscription } from 'rxjs';
import { acquireRedis, releaseRedis, type AppConfig } from '@app/common';
import { ConversationService } from '@app/conversation';
import { MemoryRateLimiter, RedisRateLimiter, ServiceMetrics } from '@app/observability';
import { MetricsController } from './metrics.controller.js';
import { RATE_LIMITER } from './operations.tokens.js';
import { RateLimitHook } from './rate-limit.hook.js';
import { RequestContextHooks } from './request-context.hooks.js';

class AnswerMetricsRecorder implements OnApplicationShutdown {
  private readonly subscription: Subscription;
  private readonly redis: Redis | null;

  constructor(conversation: ConversationService, metrics: ServiceMetrics, redis: Redis | null) {
    this.redis = redis;
    this.subscription = conversation.answered.subscribe(({ channel, decision, latencyMs }) => {
      metrics.answers.inc({ channel, decision });
      metrics.answerLatency.observe({ channel }, latencyMs / 1000);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.subscription.unsubscribe();
    if (this.redis) await releaseRedis(this.redis);
  }
}

/**
 * Metrics, request ids and rate limits: what operators of the service need to run it for years.
 * The request-id and rate-limit hooks are Fastify hooks, registered by bootstrap.ts.
 */
@Module({})
export class OperationsModule {
  static forRoot(config: AppConfig): DynamicModule {
    const redis = config.storage.redisUrl ? acquireRedis(config.storage.redisUrl) : null;
    const metrics = new ServiceMetrics({ processMetrics: config.env !== 'test' });
    return {
      module: OperationsModule,
      controllers: [MetricsController],
      providers: [
        { provide: ServiceMetrics, useValue: metrics },
        { provide: RATE_LIMITER, useValue: redis ? new RedisRateLimiter(redis, config.security.rateLimit.redisPrefix) : new MemoryRateLimiter() },
        {
          provide: AnswerMetricsRecorder,
          inject: [ConversationService],
          useFactory: (conversation: ConversationService) => new AnswerMetricsRecorder(conversation, metrics, redis),
        },
        RequestContextHooks,
        RateLimitHook,
      ],
      exports: [ServiceMetrics, RATE_LIMITER, RequestContextHooks, RateLimitHook],
      global: true,
    };
  }

  constructor(@Inject(ServiceMetrics) readonly metrics: ServiceMetrics) {}
}
