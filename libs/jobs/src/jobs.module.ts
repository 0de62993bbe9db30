import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { BullJobQueue } from './bull-job-queue.js';
import { InProcessJobQueue } from './in-process-job-queue.js';
import { JOB_QUEUE, type JobQueue } from './job-queue.js';

class JobQueueCloser implements OnApplicationShutdown {
  constructor(@Inject(JOB_QUEUE) private readonly queue: JobQueue) {}

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}

@Module({})
export class JobsModule {
  /** Bull when a Redis URL is given, the in-process runner otherwise. */
  static forRoot(options: { redisUrl?: string; prefix?: string }): DynamicModule {
    return {
      module: JobsModule,
      global: true,
      providers: [
        {
          provide: JOB_QUEUE,
          useFactory: (): JobQueue =>
            options.redisUrl ? new BullJobQueue(options.redisUrl, options.prefix) : new InProcessJobQueue(),
        },
        JobQueueCloser,
      ],
      exports: [JOB_QUEUE],
    };
  }
}
