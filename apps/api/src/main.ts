import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadAppConfig } from '@app/common';
import { describeDatabase } from '@app/knowledge';
import { createApiApp } from './bootstrap.js';

async function main(): Promise<void> {
  const started = performance.now();
  const config = loadAppConfig();
  const logger = new Logger('Main');
  logger.log(`数据库：${describeDatabase({ url: config.storage.databaseUrl, dataDir: config.storage.dataDir })}`);
  logger.log(`任务队列与会话状态：${config.storage.redisUrl ? 'Redis' : '进程内（未设置 REDIS_URL）'}`);
  const app = await createApiApp(config);
  await app.listen(config.server.port);
  logger.log(`政务公开一键应答已启动：http://localhost:${config.server.port}（API 文档 /api/docs），用时 ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('启动失败：', error);
  }
  process.exit(1);
});
