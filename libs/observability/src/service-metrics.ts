import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The service's Prometheus metrics in a registry of its own (one per application, so two
 * instances in one test process do not collide). Names follow Prometheus conventions.
 */
export class ServiceMetrics {
  readonly registry = new Registry();

  readonly answers = new Counter({
    name: 'gda_answers_total',
    help: '一键应答次数（按决策和渠道）',
    labelNames: ['decision', 'channel'] as const,
    registers: [this.registry],
  });

  readonly answerLatency = new Histogram({
    name: 'gda_answer_duration_seconds',
    help: '一键应答耗时（匹配与组装答复，不含网络）',
    labelNames: ['channel'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });

  readonly httpRequests = new Histogram({
    name: 'gda_http_request_duration_seconds',
    help: 'HTTP 请求耗时',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly rateLimited = new Counter({
    name: 'gda_rate_limited_total',
    help: '因频率限制被拒绝的请求',
    labelNames: ['scope'] as const,
    registers: [this.registry],
  });

  readonly webhookTimeouts = new Counter({
    name: 'gda_wechat_webhook_timeouts_total',
    help: '公众号消息未能在时限内答复、改走客服消息接口的次数',
    registers: [this.registry],
  });

  readonly queueDepth = new Gauge({
    name: 'gda_job_queue_depth',
    help: '任务队列中的任务数（按状态）',
    labelNames: ['state'] as const,
    registers: [this.registry],
  });

  readonly matchCacheLookups = new Gauge({
    name: 'gda_match_cache_lookups',
    help: '匹配缓存查找次数（自启动以来按结果累计）',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  readonly queryLogPending = new Gauge({
    name: 'gda_query_log_pending',
    help: '尚未写入数据库的问答日志条数（数据库不可用时增长）',
    registers: [this.registry],
  });

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'gda_' });
  }
}
