import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class FeedbackQueryDto {
  @ApiPropertyOptional({ description: '只看某个事项' })
  @IsOptional()
  @IsString({ message: 'concernId 必须是字符串' })
  @MinLength(1, { message: 'concernId 不能为空' })
  @MaxLength(128, { message: 'concernId 不能超过 128 个字符' })
  concernId?: string;
}
