import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequireRoles, type AuthenticatedUser } from '@app/auth';
import { CurationService } from '@app/curation';
import { ConcernDto, ConcernQueryDto, ConcernStatusDto, ConcernTestDto } from './curation.dto.js';
import { IdPipe } from './id.pipe.js';

@ApiTags('管理后台 · 关切事项')
@Controller('api/console')
@RequireRoles('curator')
export class ConcernsController {
  constructor(private readonly curation: CurationService) {}

  @Get('concerns')
  @ApiOperation({ summary: '关切事项清单：按领域、状态、负责人、待复核、复核逾期筛选，全文检索' })
  list(@Query() query: ConcernQueryDto) {
    return this.curation.listConcerns(query);
  }

  @Post('concerns/test')
  @HttpCode(200)
  @ApiOperation({ summary: '测试问题：哪个关切事项胜出、候选及匹配词（可指定未发布的关切事项）' })
  test(@Body() body: ConcernTestDto) {
    return this.curation.testQuestions(body.questions, body.concernId);
  }

  @Get('concerns/:id')
  @ApiOperation({ summary: '关切事项详情，含所依据的目录事项和政策解读（编号与标题）' })
  get(@Param('id', new IdPipe('关切事项')) id: string) {
    return this.curation.getConcern(id);
  }

  @Post('concerns')
  @ApiOperation({ summary: '新建关切事项（草稿）' })
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: ConcernDto) {
    return this.curation.createConcern(user, body);
  }

  @Put('concerns/:id')
  @ApiOperation({ summary: '修改关切事项（保存即视为已复核）' })
  update(@CurrentUser() user: AuthenticatedUser, @Param('id', new IdPipe('关切事项')) id: string, @Body() body: ConcernDto) {
    return this.curation.updateConcern(user, id, body);
  }

  @Get('concerns/:id/preview')
  @ApiOperation({ summary: '发布前预览：居民将收到的答复文字，以及还不能发布的原因' })
  preview(@Param('id', new IdPipe('关切事项')) id: string) {
    return this.curation.previewConcern(id);
  }

  @Post('concerns/:id/status')
  @HttpCode(200)
  @ApiOperation({ summary: '发布 / 停用 / 退回草稿：发布后数秒内即可答复，无需重启' })
  status(@CurrentUser() user: AuthenticatedUser, @Param('id', new IdPipe('关切事项')) id: string, @Body() body: ConcernStatusDto) {
    return this.curation.setConcernStatus(user, id, body.status);
  }

  @Get('reviews/overdue')
  @ApiOperation({ summary: '复核日期已过的关切事项' })
  overdue() {
    return this.curation.overdueReviews();
  }
}
