import { Module, type DynamicModule } from '@nestjs/common';
import { MatchingModule } from '@app/matching';
import { Redis } from 'ioredis';
import { CLARIFICATION_STORE, MemoryClarificationStore, RedisClarificationStore, type ClarificationStore } from './clarification-store.js';
import { CONVERSATION_SETTINGS, ConversationService, type ConversationSettings } from './conversation.service.js';
import { FeedbackService } from './feedback.service.js';
import { QueryLogService } from './query-log.service.js';

class RedisConnectionCloser {
  constructor(private readonly redis: Redis | null) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.quit().catch(() => undefined);
  }
}

@Module({})
export class ConversationModule {
  /** Clarification state in Redis when a URL is given (shared by instances), in memory otherwise. */
  static forRoot(options: { settings: ConversationSettings; redisUrl?: string; pollIntervalMs: number }): DynamicModule {
    const redis = options.redisUrl ? new Redis(options.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false }) : null;
    // Outages show in readiness and metrics; without a listener ioredis would print every reconnect attempt.
    redis?.on('error', () => undefined);
    const store: ClarificationStore = redis ? new RedisClarificationStore(redis) : new MemoryClarificationStore();
    return {
      module: ConversationModule,
      imports: [MatchingModule.forRoot({ pollIntervalMs: options.pollIntervalMs })],
      providers: [
        ConversationService,
        QueryLogService,
        FeedbackService,
        { provide: CLARIFICATION_STORE, useValue: store },
        { provide: CONVERSATION_SETTINGS, useValue: options.settings },
        { provide: RedisConnectionCloser, useValue: new RedisConnectionCloser(redis) },
      ],
      exports: [ConversationService, QueryLogService, FeedbackService, MatchingModule],
    };
  }
}
