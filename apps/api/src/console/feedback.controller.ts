import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRoles } from '@app/auth';
import { DashboardService, type FeedbackStats } from '@app/insights';
import { FeedbackQueryDto } from './feedback.dto.js';

@ApiTags('管理后台 · 群众评价')
@Controller('api/console/feedback')
@RequireRoles('curator')
export class FeedbackController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  @ApiOperation({ summary: '各事项答复的“有用 / 没用”评价数' })
  stats(@Query() query: FeedbackQueryDto): Promise<FeedbackStats> {
    return this.dashboard.feedbackStats(query.concernId);
  }
}
