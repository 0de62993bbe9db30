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
  @ApiOperation({ summary: '就绪检查：数据库、Redis（如已配置）可用，索引已建立' })
  async ready() {
    const [database, queue] = await Promise.all([
      succeeds(() => this.dataSource.query('SELECT 1')),
      // The job queue is the Redis user that matters most (deadlines, WeChat retries).
      this.jobs.kind === 'bull' ? succeeds(() => this.jobs.counts()) : Promise.resolve(true),
    ]);
    const checks = { database, redis: this.jobs.kind === 'bull' ? queue : 'not-configured', index: this.answerIndex.isReady() };
    if (!database || !queue || !checks.index) throw new ServiceUnavailableException({ message: '服务未就绪 (not ready)', checks });
    return { status: 'ready', checks };
  }
}

async function succeeds(check: () => Promise<unknown>, timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([check(), new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('timeout')), timeoutMs); })]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
