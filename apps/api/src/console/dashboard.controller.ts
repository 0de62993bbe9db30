import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRoles } from '@app/auth';
import { DashboardService, type Dashboard } from '@app/insights';
import { WindowQueryDto } from './learning.dto.js';

@ApiTags('管理后台 · 统计看板')
@Controller('api/console/dashboard')
@RequireRoles('curator')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  @ApiOperation({ summary: '每日提问量（分渠道）、答复/反问/未答比例、热门事项、未答问题组、超过公开时限的目录事项' })
  get(@Query() query: WindowQueryDto): Promise<Dashboard> {
    return this.dashboard.dashboard(query.days);
  }
}
