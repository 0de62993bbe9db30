import { ConsoleLogger, type INestApplicationContext, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WechatyBuilder, type WechatyOptions } from 'wechaty';
import { AnswerBot, type BotLogger } from '@app/bot';
import type { AppConfig } from '@app/common';
import { ConversationService } from '@app/conversation';
import { JsonLogger } from '@app/observability';
import { PlatformModule } from '@app/platform';

export interface BotApp {
  answerBot: AnswerBot;
  context: INestApplicationContext;
  /** Stops the bot (waiting for replies being sent), then the engine (flushing the query log). */
  stop(): Promise<void>;
}

/** JSON lines or Nest's readable format, as configured for the API (logging.format / level). */
export function createBotLogger(config: AppConfig): LoggerService {
  if (config.logging.format === 'json') return new JsonLogger(config.logging.level);
  const levels = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;
  return new ConsoleLogger({ logLevels: [...levels.slice(0, levels.indexOf(config.logging.level) + 1)] });
}

export function contextLogger(logger: LoggerService, context: string): BotLogger {
  return {
    log: (message) => logger.log(message, context),
    warn: (message) => logger.warn(message, context),
    error: (message, trace) => logger.error(message, trace, context),
  };
}

/**
 * The engine runs in this process: the platform (database, knowledge, matching, conversation) is
 * booted as a Nest application context, and each WeChat contact talks to ConversationService as
 * `bot:<contactId>` on the `wechat` channel, so clarifications work per contact and every exchange
 * lands in the query log like any other channel's.
 */
export async function createBotApp(
  config: AppConfig,
  options: { puppet: object; logger: LoggerService; sessionName?: string },
): Promise<BotApp> {
  const context = await NestFactory.createApplicationContext(PlatformModule.forRoot(config), { logger: options.logger });
  const conversation = context.get(ConversationService);
  const bot = WechatyBuilder.build({
    name: options.sessionName ?? config.bot.sessionName,
    puppet: options.puppet as WechatyOptions['puppet'],
  });
  const answerBot = new AnswerBot(
    bot,
    async ({ contactId, text }) => (await conversation.ask({ channel: 'wechat', userId: `bot:${contactId}`, text })).reply,
    { ...config.bot, hotline: config.conversation.hotline },
    contextLogger(options.logger, 'WechatBot'),
  );
  return {
    answerBot,
    context,
    async stop() {
      await answerBot.stop();
      await context.close();
    },
  };
}
