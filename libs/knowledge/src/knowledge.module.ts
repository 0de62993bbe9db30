import { Module } from '@nestjs/common';
import { KnowledgeService } from './knowledge.service.js';
import { KnowledgeStore } from './knowledge-store.js';
import { KnowledgeEditor } from './knowledge-editor.js';

/** Knowledge store and snapshot. Needs a TypeORM DataSource from the importing module. */
@Module({
  providers: [KnowledgeStore, KnowledgeService, KnowledgeEditor],
  exports: [KnowledgeStore, KnowledgeService, KnowledgeEditor],
})
export class KnowledgeModule {}
