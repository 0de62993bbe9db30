import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '@app/common';
import { WorkingDayCalendar } from '@app/hotline';
import { CurationConcernWriter, InsightsModule } from '@app/insights';
import { DashboardController } from './dashboard.controller.js';
import { FeedbackController } from './feedback.controller.js';
import { LearningController } from './learning.controller.js';

/** The learning loop, feedback stats and dashboard endpoints (curators and admins). */
@Module({})
export class InsightsApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: InsightsApiModule,
      imports: [InsightsModule.forRoot({
        // Disclosure deadlines count working days on the same calendar as hotline deadlines.
        settings: { ...config.insights, thresholds: config.matching.thresholds, calendar: new WorkingDayCalendar(config.hotline.calendar) },
        // Concerns are written through the curation service (global CurationModule): validated and audited.
        concernWriter: CurationConcernWriter,
      })],
      controllers: [LearningController, FeedbackController, DashboardController],
    };
  }
}
