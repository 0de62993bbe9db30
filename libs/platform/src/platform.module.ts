import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '@app/common';
import { ConversationModule } from '@app/conversation';
import { JobsModule } from '@app/jobs';
import { buildDataSourceOptions, KnowledgeModule, runMigrationsLocked } from '@app/knowledge';
import { DataSource } from 'typeorm';
import { KnowledgeBootstrapService } from './knowledge-bootstrap.service.js';
import { SERVICE_SCHEMA } from './database-schema.js';
import { APP_CONFIG } from './tokens.js';

/**
 * The service without its front doors: database (PostgreSQL or embedded), job queue, knowledge,
 * matching and conversation, wired from one validated config. The API and the CLI both stand on it.
 */
@Module({})
export class PlatformModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            ...buildDataSourceOptions({ url: config.storage.databaseUrl, dataDir: config.storage.dataDir }, SERVICE_SCHEMA),
            retryAttempts: 3,
            retryDelay: 1000,
          }),
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options!).initialize();
            await runMigrationsLocked(dataSource);
            return dataSource;
          },
        }),
        JobsModule.forRoot({ redisUrl: config.storage.redisUrl, prefix: config.storage.queuePrefix }),
        KnowledgeModule,
        ConversationModule.forRoot({
          redisUrl: config.storage.redisUrl,
          pollIntervalMs: config.knowledge.pollIntervalMs,
          settings: {
            thresholds: config.matching.thresholds,
            clarificationTtlSeconds: config.conversation.clarificationTtlSeconds,
            hotline: config.conversation.hotline,
          },
        }),
      ],
      providers: [{ provide: APP_CONFIG, useValue: config }, KnowledgeBootstrapService],
      exports: [APP_CONFIG, ConversationModule, KnowledgeModule],
    };
  }
}
