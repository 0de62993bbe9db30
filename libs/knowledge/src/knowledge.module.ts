import { Module } from '@nestjs/common';
import { KnowledgeService } from './knowledge.service.js';
import { KnowledgeStore } from './knowledge-store.js';

/** Knowledge store and snapshot. Needs a TypeORM DataSource from the importing module. */
@Module({
  providers: [KnowledgeStore, KnowledgeService],
  exports: [KnowledgeStore, KnowledgeService],
})
export class KnowledgeModule {}
