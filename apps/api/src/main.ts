import 'reflect-metadata';
import cluster from 'node:cluster';
import type { Server } from 'node:http';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigError, loadAppConfig, type AppConfig } from '@app/common';
import { describeDatabase } from '@app/knowledge';
import { createApiApp, createLogger } from './bootstrap.js';

async function serve(config: AppConfig): Promise<void> {
  const started = performance.now();
  const logger = new Logger('Main');
  const app = await createApiApp(config);
  stopGracefullyOnSignals(app, logger);
  await listenOnAllInterfaces(app, config.server.port);
  logger.log(`政务公开一键应答已启动：http://localhost:${config.server.port}（API 文档 /api/docs），用时 ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * Fastify listens on localhost unless told otherwise; the service answers on every interface, as
 * Node does for a bare port: IPv6 and IPv4 on '::', IPv4 alone where the host has no IPv6.
 */
async function listenOnAllInterfaces(app: NestFastifyApplication, port: number): Promise<void> {
  try {
    await app.listen(port, '::');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EAFNOSUPPORT' && code !== 'EADDRNOTAVAIL') throw error;
    await app.listen(port, '0.0.0.0');
  }
}

// Longer than any request or job step should take; a stuck shutdown must still end.
const SHUTDOWN_TIMEOUT_MS = 30_000;

/**
 * SIGTERM / SIGINT: stop accepting, let in-flight requests finish, flush the query log, close queues
 * and connections (Nest's shutdown hooks), then exit 0 — instead of dying mid-request.
 */
function stopGracefullyOnSignals(app: NestFastifyApplication, logger: Logger): void {
  let stopping = false;
  // Fastify keeps idle keep-alive connections for 72 s: while stopping, every response tells the
  // client to close its connection, and connections left idle are closed, so that the server closes
  // as soon as the requests in flight are answered.
  app.getHttpAdapter().getInstance().addHook('onSend', (_request, reply, payload, done) => {
    if (stopping) reply.header('Connection', 'close');
    done(null, payload);
  });
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log(`收到 ${signal}，正在停止：处理完进行中的请求和任务后退出`);
    const timer = setTimeout(() => {
      logger.error(`停止超过 ${SHUTDOWN_TIMEOUT_MS / 1000} 秒，强制退出`);
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    // First stop accepting and wait for the requests in flight (Nest would close the HTTP server only
    // after the modules' destroy hooks, when the query log has already been flushed), then the rest.
    const server = app.getHttpServer() as Server;
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    new Promise<void>((resolve) => server.close(() => resolve())).then(() => {
      clearInterval(idle);
      return app.close();
    }).then(
      () => process.exit(0),
      (error: Error) => {
        logger.error(`停止时出错：${error.message}`);
        process.exit(1);
      },
    );
  };
  // A worker gets the signal twice when the whole service is signalled (systemd's control group,
  // Ctrl-C) and the primary passes it on: with `once`, the second one killed it mid-request.
  // A single process keeps `once`: a second Ctrl-C still stops it at once.
  const listen = cluster.isWorker ? process.on.bind(process) : process.once.bind(process);
  listen('SIGTERM', stop);
  listen('SIGINT', stop);
}

/** The primary only forks and re-forks; workers share the port and the state in PostgreSQL and Redis. */
function superviseWorkers(config: AppConfig): void {
  const logger = new Logger('Cluster');
  if (!config.storage.databaseUrl || !config.storage.redisUrl) {
    throw new ConfigError('WORKERS 大于 1 时必须同时设置 DATABASE_URL 和 REDIS_URL（内嵌数据库只能由一个进程打开，会话状态也需共享）');
  }
  let stopping = false;
  for (let i = 0; i < config.server.workers; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    logger.warn(`工作进程 ${worker.process.pid} 退出（${signal ?? code}），重新启动`);
    // Not once the service is stopping: a worker started then would get no signal and keep it running.
    setTimeout(() => {
      if (!stopping) cluster.fork();
    }, 1000);
  });
  const stop = (signal: NodeJS.Signals) => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

async function main(): Promise<void> {
  const config = loadAppConfig();
  Logger.overrideLogger(createLogger(config));
  if (cluster.isPrimary) {
    const logger = new Logger('Main');
    logger.log(`数据库：${describeDatabase({ url: config.storage.databaseUrl, dataDir: config.storage.dataDir })}`);
    logger.log(`任务队列与会话状态：${config.storage.redisUrl ? 'Redis' : '进程内（未设置 REDIS_URL）'}`);
    if (config.server.workers > 1) return superviseWorkers(config);
  }
  await serve(config);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('启动失败：', error);
  }
  process.exit(1);
});
