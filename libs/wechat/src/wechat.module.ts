import { Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { JOB_QUEUE, JobName, type JobQueue } from '@app/jobs';
import type { Redis } from 'ioredis';
import { acquireRedis, releaseRedis } from '@app/common';
import { AccessTokenService } from './access-token.service.js';
import { CustomerMessageSender, type CustomerMessageJob } from './customer-message.sender.js';
import { HotConcernsService } from './hot-concerns.service.js';
import { MemoryKeyValueStore, RedisKeyValueStore, WECHAT_STORE, type KeyValueStore } from './key-value-store.js';
import { OfficialAccountService } from './official-account.service.js';
import { OfficialAccountWebhook } from './official-account.webhook.js';
import { ReplyDeduplicator } from './reply-deduplicator.js';
import { ResidentState } from './resident-state.js';
import { HttpWechatApiClient, WECHAT_API_CLIENT, type WechatApiClient } from './wechat-api-client.js';
import { WECHAT_SETTINGS, wechatSettingsProblems, type WechatSettings } from './wechat-settings.js';

export interface WechatModuleOptions {
  settings: WechatSettings;
  redisUrl?: string;
  /** Key prefix in Redis (tests give each run its own). */
  redisPrefix?: string;
  /** Replaces the HTTP client of api.weixin.qq.com (e.g. one pointing at a local server). */
  apiClient?: WechatApiClient;
}

/** Registers the customer-service job and closes the Redis connection on shutdown. */
class WechatLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('WechatOfficialAccount');

  constructor(
    @Inject(WECHAT_SETTINGS) private readonly settings: WechatSettings,
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
    @Inject(WECHAT_API_CLIENT) private readonly client: WechatApiClient,
    @Inject(WECHAT_STORE) private readonly store: KeyValueStore,
    private readonly residents: ResidentState,
    private readonly redis: Redis | null,
  ) {}

  onModuleInit(): void {
    const { appId, appSecret } = this.settings;
    const sender = appId && appSecret
      ? new CustomerMessageSender(this.client, new AccessTokenService(this.store, this.client, appId, appSecret), this.residents)
      : null;
    this.jobs.process<CustomerMessageJob>(JobName.WechatCustomerMessage, async (job) => {
      // Jobs are shared by every instance; one without credentials lets the job go back for a retry.
      if (!sender) throw new Error('未配置 WECHAT_APP_ID / WECHAT_APP_SECRET，无法发送客服消息');
      await sender.deliver(job);
    });
    if (this.settings.token) {
      this.logger.log(`公众号接口已启用：/wechat/official-account（${this.settings.encodingAesKey ? '安全模式' : '明文模式'}，答复时限 ${this.settings.replyBudgetMs} ms）`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.redis) await releaseRedis(this.redis);
  }
}

@Module({})
export class WechatModule {
  static forRoot(options: WechatModuleOptions): DynamicModule {
    const problems = wechatSettingsProblems(options.settings);
    if (problems.length > 0) throw new Error(`微信公众号配置有误：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    const redis = options.redisUrl ? acquireRedis(options.redisUrl) : null;
    const store: KeyValueStore = redis ? new RedisKeyValueStore(redis, options.redisPrefix) : new MemoryKeyValueStore();
    return {
      module: WechatModule,
      providers: [
        { provide: WECHAT_SETTINGS, useValue: options.settings },
        { provide: WECHAT_STORE, useValue: store },
        { provide: WECHAT_API_CLIENT, useValue: options.apiClient ?? new HttpWechatApiClient(options.settings.apiBaseUrl) },
        { provide: ResidentState, useValue: new ResidentState(store) },
        { provide: ReplyDeduplicator, useValue: new ReplyDeduplicator(store) },
        {
          provide: WechatLifecycle,
          inject: [WECHAT_SETTINGS, JOB_QUEUE, WECHAT_API_CLIENT, WECHAT_STORE, ResidentState],
          useFactory: (settings: WechatSettings, jobs: JobQueue, client: WechatApiClient, kv: KeyValueStore, residents: ResidentState) =>
            new WechatLifecycle(settings, jobs, client, kv, residents, redis),
        },
        HotConcernsService,
        OfficialAccountService,
        OfficialAccountWebhook,
      ],
      exports: [OfficialAccountWebhook, OfficialAccountService, WECHAT_SETTINGS, WECHAT_STORE, WECHAT_API_CLIENT],
    };
  }
}
