import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '@app/common';
import { HotlineModule } from '@app/hotline';
import { HotlineAdapterController } from './hotline-adapter.controller.js';
import { HotlineApiKeyGuard } from './hotline-http.js';
import { HotlineOperatorController } from './hotline-operator.controller.js';

/** 12345 hotline: the adapter API for the platform (X-Api-Key) and the operator API (signed-in operators). */
@Module({})
export class HotlineApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: HotlineApiModule,
      imports: [HotlineModule.forRoot({ config: config.hotline, redisUrl: config.storage.redisUrl })],
      controllers: [HotlineAdapterController, HotlineOperatorController],
      providers: [HotlineApiKeyGuard],
    };
  }
}
