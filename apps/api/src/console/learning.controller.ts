import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequireRoles, type AuthenticatedUser } from '@app/auth';
import { LearningService } from '@app/insights';
import { AddParaphrasesDto, GroupKeyParamDto, LearningGroupsQueryDto, NewConcernFromGroupDto } from './learning.dto.js';

/** 问题归集: what residents asked that the engine could not answer well, grouped, and what staff do about it. */
@ApiTags('管理后台 · 问题归集')
@Controller('api/console/learning')
@RequireRoles('curator')
export class LearningController {
  constructor(private readonly learning: LearningService) {}

  @Get('groups')
  @ApiOperation({ summary: '未答或没把握的问题，按相似度分组（次数、渠道、建议事项、热点）' })
  async groups(@Query() query: LearningGroupsQueryDto) {
    return { groups: await this.learning.groups(query) };
  }

  @Post('groups/:key/new-concern')
  @HttpCode(201)
  @ApiOperation({ summary: '由问题组新建关切事项（草稿），组内其他问法作为同义问法' })
  newConcern(@Param() { key }: GroupKeyParamDto, @Body() body: NewConcernFromGroupDto, @CurrentUser() user: AuthenticatedUser) {
    return this.learning.newConcern(key, body, user);
  }

  @Post('groups/:key/add-paraphrases')
  @HttpCode(200)
  @ApiOperation({ summary: '把问题组的问法加到已有事项' })
  addParaphrases(@Param() { key }: GroupKeyParamDto, @Body() body: AddParaphrasesDto, @CurrentUser() user: AuthenticatedUser) {
    return this.learning.addParaphrases(key, body.concernId, user);
  }

  @Post('groups/:key/dismiss')
  @HttpCode(200)
  @ApiOperation({ summary: '忽略问题组（之后有新的提问会重新出现）' })
  dismiss(@Param() { key }: GroupKeyParamDto, @CurrentUser() user: AuthenticatedUser) {
    return this.learning.dismiss(key, user);
  }
}
