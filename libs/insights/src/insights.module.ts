import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { DashboardService } from './dashboard.service.js';
import { INSIGHTS_SETTINGS, type InsightsSettings } from './insights.types.js';
import { CONCERN_WRITER, LearningService, type ConcernWriter } from './learning.service.js';

/**
 * Learning loop, feedback stats and dashboard. Needs the platform (database, answer index,
 * feedback) and something that writes concerns with an audit trail (the curation service).
 */
@Module({})
export class InsightsModule {
  static forRoot(options: { settings: InsightsSettings; concernWriter: Type<ConcernWriter>; imports?: DynamicModule['imports'] }): DynamicModule {
    return {
      module: InsightsModule,
      imports: options.imports ?? [],
      providers: [
        LearningService,
        DashboardService,
        { provide: INSIGHTS_SETTINGS, useValue: options.settings },
        { provide: CONCERN_WRITER, useClass: options.concernWriter },
      ],
      exports: [LearningService, DashboardService],
    };
  }
}
