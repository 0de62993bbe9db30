import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { JOB_QUEUE, type JobQueue } from '@app/jobs';
import { KnowledgeService } from '@app/knowledge';
import { AnswerIndexService } from '@app/matching';
import { DataSource } from 'typeorm';

@ApiTags('运行状态')
@Controller()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly knowledge: KnowledgeService,
    private readonly answerIndex: AnswerIndexService,
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
  ) {}

  @Get('health')
  @ApiOperation({ summary: '存活检查' })
  health() {
    const snapshot = this.knowledge.snapshot();
    return {
      status: 'ok',
      knowledgeRevision: snapshot.revision,
      concerns: snapshot.publishedConcerns().length,
      items: snapshot.items.size,
      jobs: this.jobs.kind,
    };
  }

  @Get('health/ready')
  @ApiOperation({ summary: '就绪检查：数据库可用、索引已建立' })
  async ready() {
    const checks = { database: false, index: this.answerIndex.isReady() };
    try {
      await this.dataSource.query('SELECT 1');
      checks.database = true;
    } catch {
      checks.database = false;
    }
    if (!checks.database || !checks.index) throw new ServiceUnavailableException({ message: '服务未就绪 (not ready)', checks });
    return { status: 'ready', checks };
  }
}
