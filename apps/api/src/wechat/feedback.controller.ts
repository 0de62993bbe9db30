import { Body, Controller, HttpCode, NotFoundException, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { FeedbackService } from '@app/conversation';
import { AnswerIndexService } from '@app/matching';
import { IsBoolean, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

export class FeedbackDto {
  @ApiProperty({ description: '所评价答复的 exchangeId（POST /api/answer 的返回值，24 小时内有效，每次答复只能评价一次）' })
  @IsUUID('4', { message: 'exchangeId 应为 POST /api/answer 返回的 exchangeId' })
  exchangeId: string;

  @ApiProperty({ description: '答复所属的关切事项编号', example: 'C-dibao-apply' })
  @IsString({ message: 'concernId 必须是字符串 (concernId must be a string)' })
  @MaxLength(128, { message: 'concernId 不能超过 128 个字符' })
  concernId: string;

  @ApiProperty({ description: 'true = 有用，false = 没用' })
  @IsBoolean({ message: 'useful 必须是 true 或 false (useful must be a boolean)' })
  useful: boolean;

  @ApiPropertyOptional({ description: '网页对话的会话标识', maxLength: 128 })
  @IsOptional()
  @IsString({ message: 'sessionId 必须是字符串' })
  @MaxLength(128, { message: 'sessionId 不能超过 128 个字符' })
  @Matches(/^[\w.:@-]+$/, { message: 'sessionId 只能包含字母、数字和 _.:@-' })
  sessionId?: string;

  @ApiPropertyOptional({ description: '被答复的问题（可选，手机号、身份证号会被遮盖）', maxLength: 1000 })
  @IsOptional()
  @IsString({ message: 'question 必须是字符串' })
  @MaxLength(1000, { message: 'question 不能超过 1000 个字符' })
  question?: string;
}

@ApiTags('问答')
@Controller('api')
export class FeedbackController {
  constructor(private readonly feedback: FeedbackService, private readonly answerIndex: AnswerIndexService) {}

  @Post('feedback')
  @HttpCode(201)
  @ApiOperation({ summary: '群众对一条答复的评价（有用 / 没用），网页对话使用；须带该答复的 exchangeId，每次答复一票（再次评价返回 409）' })
  async record(@Body() body: FeedbackDto): Promise<{ ok: true }> {
    const concern = this.answerIndex.current().knowledge.concerns.get(body.concernId);
    if (!concern || concern.status !== 'published') throw new NotFoundException({ message: `关切事项 ${body.concernId} 不存在` });
    await this.feedback.recordForExchange({ exchangeId: body.exchangeId, userRef: body.sessionId ?? null, concernId: concern.id, useful: body.useful, question: body.question });
    return { ok: true };
  }
}
