import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNELS, type Channel } from '@app/conversation';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export const MAX_QUESTION_LENGTH = 1000;

export class AskQuestionDto {
  @ApiProperty({ description: '居民的问题（简体、繁体均可）', example: '低保怎么申请？', maxLength: MAX_QUESTION_LENGTH })
  @IsString({ message: 'text 必须是字符串 (text must be a string)' })
  // Anything but blank is a message: ？？？, 1111 or 👍 get a friendly prompt, not an error.
  @Matches(/\S/u, { message: 'text 不能为空或只有空白 (text must not be empty)' })
  @MaxLength(MAX_QUESTION_LENGTH, { message: `text 不能超过 ${MAX_QUESTION_LENGTH} 个字符 (text too long)` })
  text: string;

  @ApiPropertyOptional({ description: '用户标识（如 openid），用于“回复数字选择”', maxLength: 128 })
  @IsOptional()
  @IsString({ message: 'userId 必须是字符串 (userId must be a string)' })
  @MaxLength(128, { message: 'userId 不能超过 128 个字符 (userId too long)' })
  @Matches(/^[\w.:@-]+$/, { message: 'userId 只能包含字母、数字和 _.:@- (userId has invalid characters)' })
  userId?: string;

  @ApiPropertyOptional({ description: '居民点了先前答复中的某个选项：该选项的关切事项编号（choices[].id），直接答复该事项', maxLength: 80 })
  @IsOptional()
  @IsString({ message: 'choice 必须是字符串 (choice must be a string)' })
  @Matches(/^[\w.-]{1,80}$/, { message: 'choice 应为关切事项编号 (choice must be a concern id)' })
  choice?: string;

  @ApiPropertyOptional({ enum: CHANNELS, default: 'web' })
  @IsOptional()
  @IsIn(CHANNELS, { message: `channel 只能是 ${CHANNELS.join('、')} (invalid channel)` })
  channel?: Channel;
}

export const SEARCH_TYPES = ['concern', 'item', 'interpretation'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

export class SearchQueryDto {
  @ApiProperty({ description: '检索词', example: '旅游投诉' })
  @IsString({ message: 'q 必须是字符串 (q must be a string)' })
  @Matches(/[\p{L}\p{N}]/u, { message: 'q 不能为空 (q must not be empty)' })
  @MaxLength(200, { message: 'q 不能超过 200 个字符 (q too long)' })
  q: string;

  @ApiPropertyOptional({ enum: SEARCH_TYPES })
  @IsOptional()
  @IsIn(SEARCH_TYPES, { message: `type 只能是 ${SEARCH_TYPES.join('、')} (invalid type)` })
  type?: SearchType;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 10 })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @IsInt({ message: 'limit 必须是整数 (limit must be an integer)' })
  @Min(1, { message: 'limit 至少为 1' })
  @Max(50, { message: 'limit 至多为 50' })
  limit?: number;
}
