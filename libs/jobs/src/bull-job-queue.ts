import { Logger } from '@nestjs/common';
import Bull from 'bull';
import { DEFAULT_JOB_OPTIONS, type JobCounts, type JobHandler, type JobName, type JobOptions, type JobQueue } from './job-queue.js';

export const QUEUE_NAME = 'gov-answer';

/** Bull on Redis: jobs survive restarts and each runs on exactly one instance. */
export class BullJobQueue implements JobQueue {
  readonly kind = 'bull' as const;
  private readonly logger = new Logger('BullJobQueue');
  readonly queue: Bull.Queue;

  constructor(redisUrl: string, prefix = 'gda') {
    this.queue = new Bull(QUEUE_NAME, redisUrl, {
      prefix,
      defaultJobOptions: {
        attempts: DEFAULT_JOB_OPTIONS.attempts,
        backoff: { type: 'exponential', delay: DEFAULT_JOB_OPTIONS.backoffMs },
        removeOnComplete: 1000,
        removeOnFail: 5000,
      },
    });
    this.queue.on('error', (error) => this.logger.error(`Redis 队列错误：${error.message}`));
    this.queue.on('failed', (job, error) => this.logger.warn(`任务 ${job.name} 第 ${job.attemptsMade} 次失败：${error.message}`));
  }

  async add<T extends object>(name: JobName, data: T, options: JobOptions = {}): Promise<void> {
    await this.queue.add(name, data, {
      delay: options.delayMs,
      attempts: options.attempts,
      jobId: options.jobId,
    });
  }

  process<T extends object>(name: JobName, handler: JobHandler<T>): void {
    void this.queue.process(name, 1, async (job) => handler(job.data as T));
  }

  async counts(): Promise<JobCounts> {
    const { waiting, active, delayed, failed } = await this.queue.getJobCounts();
    return { waiting, active, delayed, failed };
  }

  async drain(timeoutMs = 30000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const counts = await this.queue.getJobCounts();
      if (counts.waiting + counts.active + counts.delayed === 0 || Date.now() > deadline) return;
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
