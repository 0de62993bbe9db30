import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { log as wechatyLog } from 'wechaty';
import { loadPuppet, PuppetLoadError } from '@app/bot';
import { ConfigError, loadAppConfig } from '@app/common';
import { describeDatabase } from '@app/knowledge';
import { contextLogger, createBotApp, createBotLogger } from './bot-app.js';

async function main(): Promise<void> {
  const config = loadAppConfig();
  const appLogger = createBotLogger(config);
  const logger = contextLogger(appLogger, 'BotMain');
  // Wechaty's own log is plain text on stderr, chatty at its default level: warnings only unless WECHATY_LOG says otherwise.
  if (!process.env.WECHATY_LOG) wechatyLog.level('warn');
  // The puppet first: a missing package should stop us before the database is opened.
  const puppet = await loadPuppet({ puppet: config.bot.puppet, token: config.bot.puppetToken, options: config.bot.puppetOptions });
  logger.log(`微信组件：${config.bot.puppet}；数据库：${describeDatabase({ url: config.storage.databaseUrl, dataDir: config.storage.dataDir })}`);
  mkdirSync(dirname(resolve(config.bot.sessionName)), { recursive: true });
  const app = await createBotApp(config, { puppet, logger: appLogger });

  // A puppet's stray promise or timer must not take the bot down: log it and let the supervisor check the puppet.
  process.on('unhandledRejection', (reason) => {
    logger.error(`未处理的异步错误：${(reason as Error)?.message ?? String(reason)}`, (reason as Error)?.stack);
  });
  process.on('uncaughtException', (error) => {
    logger.error(`未捕获的异常：${error.message}`, error.stack);
    app.answerBot.recover('未捕获的异常');
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      logger.warn(`再次收到 ${signal}，立即退出`);
      process.exit(1);
    }
    stopping = true;
    logger.log(`收到 ${signal}，正在停止微信机器人……`);
    app.stop().then(
      () => process.exit(0),
      (error: Error) => {
        logger.error(`停止时出错：${error.message}`, error.stack);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  await app.answerBot.start();
}

main().catch((error: unknown) => {
  if (error instanceof PuppetLoadError || error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('微信机器人启动失败：', error);
  }
  process.exit(1);
});
