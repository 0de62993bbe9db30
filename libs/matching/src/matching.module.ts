import { Module, type DynamicModule } from '@nestjs/common';
import { KnowledgeModule } from '@app/knowledge';
import { AnswerIndexService, KNOWLEDGE_POLL_INTERVAL_MS } from './answer-index.service.js';

@Module({})
export class MatchingModule {
  static forRoot(options: { pollIntervalMs: number }): DynamicModule {
    return {
      module: MatchingModule,
      imports: [KnowledgeModule],
      providers: [AnswerIndexService, { provide: KNOWLEDGE_POLL_INTERVAL_MS, useValue: options.pollIntervalMs }],
      exports: [AnswerIndexService, KnowledgeModule],
    };
  }
}
