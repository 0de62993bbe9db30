import { Body, Controller, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ConversationService, type AnswerResult } from '@app/conversation';
import { AnswerIndexService } from '@app/matching';
import { AskQuestionDto, SearchQueryDto } from './answer.dto.js';
import { AnswerChannelGuard } from './channel.guard.js';

@ApiTags('问答')
@Controller('api')
export class AnswerController {
  constructor(
    private readonly conversation: ConversationService,
    private readonly answerIndex: AnswerIndexService,
  ) {}

  @Post('answer')
  @HttpCode(200)
  @UseGuards(AnswerChannelGuard)
  @ApiOperation({ summary: '一键应答：问题 → 答复口径 + 所依据的公开事项（或反问 / 如实告知不知道）' })
  ask(@Body() body: AskQuestionDto): Promise<AnswerResult> {
    return this.conversation.ask(body);
  }

  @Get('search')
  @ApiOperation({ summary: '话务员检索：关切事项优先，其次目录事项和政策解读' })
  search(@Query() query: SearchQueryDto) {
    const index = this.answerIndex.current();
    const knowledge = index.knowledge;
    const results = index.search(query.q, query.limit ?? 10, query.type);
    return {
      query: query.q,
      results: results.map((r) => ({
        type: r.type,
        id: r.id,
        title: r.title,
        score: Math.round(r.score * 1000) / 1000,
        matchedTerms: r.matchedTerms,
        answer: r.type === 'concern' ? (knowledge.concerns.get(r.id)?.answer ?? null) : null,
      })),
    };
  }
}
