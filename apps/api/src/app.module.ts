import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { AppConfig } from '@app/common';
import { PlatformModule } from '@app/platform';
import { AnswerController } from './answer/answer.controller.js';
import { AllExceptionsFilter } from './common/all-exceptions.filter.js';
import { HealthController } from './health/health.controller.js';
import { KnowledgeController } from './knowledge/knowledge.controller.js';
import { WechatApiModule } from './wechat/wechat-api.module.js';
import { HotlineApiModule } from './hotline/hotline-api.module.js';
import { ConsoleApiModule } from './console/console-api.module.js';
import { InsightsApiModule } from './console/insights-api.module.js';
import { ConsoleUiModule } from './console-ui/console-ui.module.js';
import { OperationsModule } from './operations/operations.module.js';

/** The HTTP service: thin controllers over the platform. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot(config), HotlineApiModule.forRoot(config), ConsoleApiModule.forRoot(config), InsightsApiModule.forRoot(config), ConsoleUiModule, OperationsModule.forRoot(config), WechatApiModule.forRoot(config)],
      controllers: [AnswerController, KnowledgeController, HealthController],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
    };
  }
}
