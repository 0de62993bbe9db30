import { Module, type DynamicModule } from '@nestjs/common';
import { MatchingModule } from '@app/matching';
import type { Redis } from 'ioredis';
import { acquireRedis, releaseRedis } from '@app/common';
import { CLARIFICATION_STORE, MemoryClarificationStore, RedisClarificationStore, type ClarificationStore } from './clarification-store.js';
import { CONVERSATION_SETTINGS, ConversationService, type ConversationSettings } from './conversation.service.js';
import { EXCHANGE_STORE, MemoryExchangeStore, RedisExchangeStore } from './exchange-store.js';
import { FeedbackService } from './feedback.service.js';
import { QueryLogService } from './query-log.service.js';

class RedisConnectionCloser {
  constructor(private readonly redis: Redis | null) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.redis) await releaseRedis(this.redis);
  }
}

@Module({})
export class ConversationModule {
  /** Clarification state in Redis when a URL is given (shared by instances), in memory otherwise. */
  static forRoot(options: { settings: ConversationSettings; redisUrl?: string; pollIntervalMs: number }): DynamicModule {
    const redis = options.redisUrl ? acquireRedis(options.redisUrl) : null;
    const store: ClarificationStore = redis ? new RedisClarificationStore(redis) : new MemoryClarificationStore();
    return {
      module: ConversationModule,
      imports: [MatchingModule.forRoot({ pollIntervalMs: options.pollIntervalMs })],
      providers: [
        ConversationService,
        QueryLogService,
        FeedbackService,
        { provide: CLARIFICATION_STORE, useValue: store },
        { provide: EXCHANGE_STORE, useValue: redis ? new RedisExchangeStore(redis) : new MemoryExchangeStore() },
        { provide: CONVERSATION_SETTINGS, useValue: options.settings },
        { provide: RedisConnectionCloser, useValue: new RedisConnectionCloser(redis) },
      ],
      exports: [ConversationService, QueryLogService, FeedbackService, MatchingModule],
    };
  }
}
