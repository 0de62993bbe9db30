/** Names of every job the service runs. */
export enum JobName {
  /** Rebuild the answer index from the stored knowledge and save its snapshot. */
  RefreshIndex = 'knowledge.refresh-index',
  /** Send an answer that missed WeChat's 5-second deadline as a customer-service message. */
  WechatCustomerMessage = 'wechat.customer-message',
  /** 12345 work order: remind the handler before the deadline. */
  HotlineRemind = 'hotline.remind',
  /** 12345 work order: mark overdue at the deadline. */
  HotlineOverdue = 'hotline.overdue',
  /** 12345 work order: escalate (督办) an order still open after its deadline. */
  HotlineEscalate = 'hotline.escalate',
}

export interface JobOptions {
  delayMs?: number;
  attempts?: number;
  /** Jobs with the same id are queued once (Bull semantics). */
  jobId?: string;
}

export type JobHandler<T> = (data: T) => Promise<void>;

export interface JobCounts {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

/** Where jobs run: Bull on Redis when REDIS_URL is set, otherwise in this process. Same contract. */
export interface JobQueue {
  readonly kind: 'bull' | 'in-process';
  add<T extends object>(name: JobName, data: T, options?: JobOptions): Promise<void>;
  process<T extends object>(name: JobName, handler: JobHandler<T>): void;
  /** How many jobs are in each state (metrics, readiness). */
  counts(): Promise<JobCounts>;
  /** Resolves when no job is waiting or running (tests, graceful shutdown). */
  drain(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export const JOB_QUEUE = Symbol('JOB_QUEUE');

export const DEFAULT_JOB_OPTIONS = { attempts: 3, backoffMs: 1000 } as const;
