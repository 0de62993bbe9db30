import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LEARNING_CHANNELS, type LearningChannel } from '@app/insights';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

/** An optional whole number from the query string, within bounds, with Chinese messages. */
function OptionalIntQuery(name: string, max: number, description: string) {
  return applyDecorators(
    ApiPropertyOptional({ description, minimum: 1, maximum: max }),
    IsOptional(),
    Type(() => Number),
    IsInt({ message: `${name} 必须是整数` }),
    Min(1, { message: `${name} 至少为 1` }),
    Max(max, { message: `${name} 不能超过 ${max}` }),
  );
}

/** `days` for the learning loop and the dashboard: how far back to look. */
export class WindowQueryDto {
  @OptionalIntQuery('days', 366, '统计最近多少天，默认见配置 insights.windowDays')
  days?: number;
}

export class LearningGroupsQueryDto extends WindowQueryDto {
  @ApiPropertyOptional({ enum: LEARNING_CHANNELS, description: '只看某个渠道：web 网页、wechat 微信、hotline 12345 热线' })
  @IsOptional()
  @IsIn(LEARNING_CHANNELS, { message: `channel 只能是 ${LEARNING_CHANNELS.join('、')}` })
  channel?: LearningChannel;

  @OptionalIntQuery('limit', 5000, '最多返回多少组（不超过配置 insights.maxGroups）')
  limit?: number;
}

export class GroupKeyParamDto {
  @ApiProperty({ description: '问题组的 key（列表中返回）' })
  @Matches(/^[0-9a-f]{16}$/, { message: '问题组 key 格式不正确' })
  key: string;
}

export class NewConcernFromGroupDto {
  @ApiPropertyOptional({ description: '事项标题，默认用问题组中提问最多的问法' })
  @IsOptional()
  @IsString({ message: 'title 必须是字符串' })
  @MinLength(2, { message: '标题至少 2 个字' })
  @MaxLength(200, { message: '标题不能超过 200 个字' })
  title?: string;

  @ApiPropertyOptional({ description: '答复口径（草稿，可稍后在事项编辑中完善）' })
  @IsOptional()
  @IsString({ message: 'answer 必须是字符串' })
  @MaxLength(20000, { message: '答复口径不能超过 20000 个字' })
  answer?: string;

  @ApiPropertyOptional({ description: '所属领域编码' })
  @IsOptional()
  @IsString({ message: 'areaCode 必须是字符串' })
  @MaxLength(64, { message: '领域编码不能超过 64 个字符' })
  areaCode?: string;
}

export class AddParaphrasesDto {
  @ApiProperty({ description: '把本组问题加为哪个已有事项的问法' })
  @IsString({ message: 'concernId 必须是字符串' })
  @MinLength(1, { message: '请选择事项' })
  @MaxLength(128, { message: 'concernId 不能超过 128 个字符' })
  concernId: string;
}
