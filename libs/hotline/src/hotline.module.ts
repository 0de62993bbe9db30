import { Inject, Injectable, Logger, Module, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import type { HotlineConfig } from '@app/common';
import { BullJobQueue, InProcessJobQueue, type JobQueue } from '@app/jobs';
import { HotlineApiKeys } from './api-keys.js';
import { HOTLINE_SETTINGS, hotlineSettings, type HotlineSettings } from './hotline-settings.js';
import { OperatorSearchService } from './operator-search.service.js';
import { HOTLINE_JOB_QUEUE, WorkOrderScheduler } from './work-order-scheduler.js';
import { WorkOrderService } from './work-order.service.js';
import { WorkingDayCalendar } from './working-day-calendar.js';

// The State Council publishes next year's holidays in November or December: warn from 60 days before it begins.
const CALENDAR_WARNING_DAYS = 60;

/** Says at start-up which years the working-day calendar cannot count, long before an order needs them. */
@Injectable()
export class HotlineStartupCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger('Hotline');

  constructor(
    private readonly calendar: WorkingDayCalendar,
    private readonly keys: HotlineApiKeys,
    @Inject(HOTLINE_SETTINGS) private readonly settings: HotlineSettings,
  ) {}

  onApplicationBootstrap(): void {
    // Only when it matters soon: every start from January on warned about a next year nobody has published yet.
    const missing = this.calendar.missingYearsAhead(new Date(), CALENDAR_WARNING_DAYS);
    if (missing.length > 0) {
      this.logger.warn(
        `工作日历缺少 ${missing.join('、')} 年的节假日和调休数据（已有 ${this.calendar.coveredYears().at(-1) ?? '无'} 年及以前）：` +
        `落在这些年份的办理时限不会按周一至周五推算，工单将标记为“需人工确定时限”。` +
        `请在国务院办公厅发布放假安排后更新 chinese-days，或在配置 hotline.calendar.extraHolidays / extraWorkdays 中补充。`,
      );
    }
    this.logger.log(`12345 热线对接：${this.keys.size > 0 ? `${this.keys.size} 个对接方密钥` : '未配置 HOTLINE_API_KEYS，对接接口关闭'}；任务队列前缀 ${this.settings.queuePrefix}`);
  }
}

@Module({})
export class HotlineModule {
  /** Needs the platform (database, conversation, answer index) to be imported globally. */
  static forRoot(options: { config?: HotlineConfig; redisUrl?: string }): DynamicModule {
    const settings = hotlineSettings(options.config);
    return {
      module: HotlineModule,
      providers: [
        { provide: HOTLINE_SETTINGS, useValue: settings },
        { provide: WorkingDayCalendar, useFactory: () => new WorkingDayCalendar(settings.calendar) },
        { provide: HotlineApiKeys, useFactory: () => new HotlineApiKeys(settings.apiKeys) },
        {
          provide: HOTLINE_JOB_QUEUE,
          // A queue of its own: deadline jobs are kept apart from the service's other jobs (and test runs from each other).
          useFactory: (): JobQueue => (options.redisUrl ? new BullJobQueue(options.redisUrl, settings.queuePrefix) : new InProcessJobQueue()),
        },
        WorkOrderScheduler,
        WorkOrderService,
        OperatorSearchService,
        HotlineStartupCheck,
      ],
      exports: [HOTLINE_SETTINGS, WorkingDayCalendar, HotlineApiKeys, WorkOrderScheduler, WorkOrderService, OperatorSearchService],
    };
  }
}
