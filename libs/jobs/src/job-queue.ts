/** Names of every job the service runs. */
export enum JobName {
  /** Rebuild the answer index from the stored knowledge and save its snapshot. */
  RefreshIndex = 'knowledge.refresh-index',
}

export interface JobOptions {
  delayMs?: number;
  attempts?: number;
  /** Jobs with the same id are queued once (Bull semantics). */
  jobId?: string;
}

export type JobHandler<T> = (data: T) => Promise<void>;

/** Where jobs run: Bull on Redis when REDIS_URL is set, otherwise in this process. Same contract. */
export interface JobQueue {
  readonly kind: 'bull' | 'in-process';
  add<T extends object>(name: JobName, data: T, options?: JobOptions): Promise<void>;
  process<T extends object>(name: JobName, handler: JobHandler<T>): void;
  /** Resolves when no job is waiting or running (tests, graceful shutdown). */
  drain(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export const JOB_QUEUE = Symbol('JOB_QUEUE');

export const DEFAULT_JOB_OPTIONS = { attempts: 3, backoffMs: 1000 } as const;
