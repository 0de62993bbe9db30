import { Controller, ForbiddenException, Get, Headers, Inject, Logger, NotFoundException, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { metricsAccess, type AppConfig } from '@app/common';
import { ConversationService, QueryLogService } from '@app/conversation';
import { JOB_QUEUE, type JobQueue } from '@app/jobs';
import { ServiceMetrics } from '@app/observability';
import { APP_CONFIG } from '@app/platform';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: ServiceMetrics,
    private readonly queryLog: QueryLogService,
    private readonly conversation: ConversationService,
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    if (config.logging.metrics && metricsAccess(config) === 'off') {
      new Logger(MetricsController.name).warn('生产环境未设置 METRICS_TOKEN：/metrics 已关闭。需要监控时请设置 METRICS_TOKEN（至少 16 个字符）');
    }
  }

  @Get()
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() response: FastifyReply): Promise<void> {
    const access = metricsAccess(this.config);
    if (access === 'off') throw new NotFoundException('未启用监控指标（生产环境需设置 METRICS_TOKEN）(metrics disabled)');
    if (access === 'token' && !sameSecret(authorization ?? '', `Bearer ${this.config.logging.metricsToken}`)) {
      throw new ForbiddenException('需要监控令牌 (metrics token required)');
    }
    // Gauges that are cheap to read are read at scrape time rather than kept up to date.
    this.metrics.queryLogPending.set(this.queryLog.pending);
    this.metrics.matchCacheLookups.set({ result: 'hit' }, this.conversation.matches.hits);
    this.metrics.matchCacheLookups.set({ result: 'miss' }, this.conversation.matches.misses);
    try {
      const counts = await this.jobs.counts();
      for (const [state, value] of Object.entries(counts)) this.metrics.queueDepth.set({ state }, value);
    } catch {
      // Redis away: keep the last known depth; readiness reports the outage.
    }
    response.header('Content-Type', this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }
}
