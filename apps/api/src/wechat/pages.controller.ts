import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { AppConfig } from '@app/common';
import { AnswerIndexService } from '@app/matching';
import { APP_CONFIG } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendFile } from '../common/send-file.js';
import { renderAnswerPage, renderNotFoundPage } from './answer-page.js';

/** apps/api/public/chat, from the sources (tests) or from dist/ (the build does not copy it). */
function chatDir(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const candidates = [resolve(here, '../../public/chat'), resolve(process.cwd(), 'apps/api/public/chat')];
  return candidates.find((dir) => existsSync(resolve(dir, 'index.html'))) ?? candidates[1];
}

// The only files of the chat page: a fixed list, so no path from the request ever reaches the file system.
const CHAT_FILES: Record<string, string> = { 'chat.js': 'chat.js', 'chat.css': 'chat.css' };

/** Pages for residents: the web chat (/chat) and the full answer of one concern (/answer/:id). */
@ApiExcludeController()
@Controller()
export class ResidentPagesController {
  private readonly dir = chatDir();

  constructor(private readonly answerIndex: AnswerIndexService, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  // The router ignores a trailing slash: this is /chat and /chat/.
  @Get('chat')
  chat(@Req() request: FastifyRequest, @Res() response: FastifyReply): Promise<void> {
    return sendFile(request, response, this.dir, 'index.html', 'no-cache');
  }

  @Get('chat/:file')
  async asset(@Param('file') file: string, @Req() request: FastifyRequest, @Res() response: FastifyReply): Promise<void> {
    const name = Object.hasOwn(CHAT_FILES, file) ? CHAT_FILES[file] : null;
    if (!name) {
      response.code(404).type('text/plain; charset=utf-8').send('文件不存在');
      return;
    }
    await sendFile(request, response, this.dir, name, 'no-cache');
  }

  @Get('answer/:concernId')
  answer(@Param('concernId') concernId: string, @Res() response: FastifyReply): void {
    const knowledge = this.answerIndex.current().knowledge;
    const concern = knowledge.concerns.get(concernId);
    const hotline = this.config.conversation.hotline;
    if (!concern || concern.status !== 'published') {
      response.code(404).type('text/html; charset=utf-8').send(renderNotFoundPage(hotline));
      return;
    }
    response.type('text/html; charset=utf-8').send(renderAnswerPage(concern, knowledge, hotline));
  }
}
