import { Logger } from '@nestjs/common';
import { DEFAULT_JOB_OPTIONS, type JobCounts, type JobHandler, type JobName, type JobOptions, type JobQueue } from './job-queue.js';

interface PendingJob {
  name: JobName;
  data: object;
  attemptsLeft: number;
  jobId?: string;
}

/** Jobs in this process, with delays, retries and de-duplication by id: for a machine without Redis. */
export class InProcessJobQueue implements JobQueue {
  readonly kind = 'in-process' as const;
  private readonly logger = new Logger('InProcessJobQueue');
  private readonly handlers = new Map<JobName, JobHandler<object>>();
  private readonly waiting: PendingJob[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly queuedIds = new Set<string>();
  private running = 0;
  private failed = 0;
  private closed = false;

  async add<T extends object>(name: JobName, data: T, options: JobOptions = {}): Promise<void> {
    if (this.closed) throw new Error('job queue is closed');
    if (options.jobId && this.queuedIds.has(options.jobId)) return;
    if (options.jobId) this.queuedIds.add(options.jobId);
    const job: PendingJob = { name, data, attemptsLeft: options.attempts ?? DEFAULT_JOB_OPTIONS.attempts, jobId: options.jobId };
    this.schedule(job, options.delayMs ?? 0);
  }

  process<T extends object>(name: JobName, handler: JobHandler<T>): void {
    this.handlers.set(name, handler as JobHandler<object>);
    this.pump();
  }

  private schedule(job: PendingJob, delayMs: number): void {
    if (delayMs <= 0) {
      this.waiting.push(job);
      queueMicrotask(() => this.pump());
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.waiting.push(job);
      this.pump();
    }, delayMs);
    this.timers.add(timer);
  }

  private pump(): void {
    for (let i = 0; i < this.waiting.length; i++) {
      const job = this.waiting[i];
      const handler = this.handlers.get(job.name);
      if (!handler || this.closed) continue;
      this.waiting.splice(i--, 1);
      this.running++;
      handler(job.data)
        .then(() => job.jobId && this.queuedIds.delete(job.jobId))
        .catch((error: Error) => {
          job.attemptsLeft--;
          if (job.attemptsLeft > 0 && !this.closed) {
            this.logger.warn(`任务 ${job.name} 失败，将重试：${error.message}`);
            this.schedule(job, DEFAULT_JOB_OPTIONS.backoffMs);
          } else {
            if (job.jobId) this.queuedIds.delete(job.jobId);
            this.failed++;
            this.logger.error(`任务 ${job.name} 最终失败：${error.message}`);
          }
        })
        .finally(() => {
          this.running--;
        });
    }
  }

  async counts(): Promise<JobCounts> {
    return { waiting: this.waiting.length, active: this.running, delayed: this.timers.size, failed: this.failed };
  }

  async drain(timeoutMs = 30000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((this.running > 0 || this.waiting.some((j) => this.handlers.has(j.name)) || this.timers.size > 0) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const deadline = Date.now() + 10000;
    while (this.running > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  }
}
