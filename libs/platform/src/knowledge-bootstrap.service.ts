import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { KnowledgeService } from '@app/knowledge';
import { AnswerIndexService } from '@app/matching';
import { APP_CONFIG } from './tokens.js';
import type { AppConfig } from '@app/common';

/** First start: an empty database gets KNOWLEDGE_DIR imported; every start loads the knowledge and builds the index. */
@Injectable()
export class KnowledgeBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger(KnowledgeBootstrapService.name);

  constructor(
    private readonly knowledge: KnowledgeService,
    private readonly answerIndex: AnswerIndexService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.knowledge.importOnEmpty && (await this.knowledge.isEmpty())) {
      this.logger.log(`数据库中还没有知识库，导入 ${this.config.knowledge.dir} …`);
      const summary = await this.knowledge.importFolder(this.config.knowledge.dir, { onlyIfEmpty: true });
      if (summary) {
        this.logger.log(`导入完成：领域 ${summary.areas}，目录事项 ${summary.items}，解读 ${summary.interpretations}，关切事项 ${summary.concerns}`);
      } else {
        this.logger.log('另一个实例已完成导入');
      }
    }
    await this.knowledge.refresh();
    this.answerIndex.current();
  }
}
