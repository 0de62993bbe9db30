import type { Server } from 'node:http';
import { ConsoleLogger, HttpException, HttpStatus, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '@app/common';
import { JsonLogger } from '@app/observability';
import { OfficialAccountWebhook, WECHAT_SETTINGS, type WechatSettings } from '@app/wechat';
import { AppModule } from './app.module.js';
import { adjustRoutes, inflateCompressedBodies, registerBodyParsers } from './common/http-setup.js';
import { closeSilentUploads, limitConnectionsPerAddress, slowClientServerOptions } from './common/slow-clients.js';
import { createValidationPipe } from './common/validation.js';
import { adjustConsoleImportRoute } from './console/import-body.js';
import { RateLimitHook } from './operations/rate-limit.hook.js';
import { RequestContextHooks } from './operations/request-context.hooks.js';
import { readWebhookText, WEBHOOK_PATH } from './wechat/webhook-body.js';

/** JSON lines for collectors in production; Nest's readable console format when asked for text. */
export function createLogger(config: AppConfig): LoggerService {
  if (config.logging.format === 'json') return new JsonLogger(config.logging.level);
  const levels = (['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const);
  return new ConsoleLogger({ logLevels: [...levels.slice(0, levels.indexOf(config.logging.level) + 1)] });
}

/**
 * Nest wraps Fastify's own 4xx errors (body too large, length mismatch) in an HttpException that
 * drops the original error: keep it as the cause, so that AllExceptionsFilter finds its code and
 * answers in Chinese instead of Fastify's English message.
 */
class ApiFastifyAdapter extends FastifyAdapter {
  override mapException(error: unknown): unknown {
    const mapped = super.mapException(error);
    if (mapped !== error && mapped instanceof HttpException && mapped.cause === undefined) mapped.cause = error;
    return mapped;
  }
}

/**
 * Builds the configured HTTP application (used by main.ts and by the e2e tests) on NestJS's Fastify
 * adapter. Call `app.init()` (or `listen()`) afterwards; tests then wait for `getInstance().ready()`.
 */
export async function createApiApp(config: AppConfig, options: { logger?: false | LoggerService } = {}): Promise<NestFastifyApplication> {
  const adapter = new ApiFastifyAdapter({
    // Trust exactly the configured number of hops, never all of them: that would take the
    // client-written left end of X-Forwarded-For as the client's address.
    trustProxy: config.security.trustProxy > 0 ? (_address: string, hop: number) => hop < config.security.trustProxy : false,
    bodyLimit: config.server.bodyLimitBytes,
    ...slowClientServerOptions(config.server),
    // Nest's logger and the request-context hooks log; Fastify's own request log would double it.
    logger: false,
    // Like Express: /chat/ is /chat; route ids may be long (hostile input) and are answered by the
    // route (404), not refused by the router (414).
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 10_000 },
    // The router refuses a malformed URL (%ZZ) before any hook or filter runs: same shape and
    // language as every other error.
    frameworkErrors: (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
      const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
      reply.code(status).send({ statusCode: status, error: HttpStatus[status] ?? 'Error', message: '请求地址无效 (invalid URL)' });
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bodyParser: false,
    // Throw (and let main.ts report it in Chinese) instead of exiting the process on a wiring error.
    abortOnError: false,
    logger: options.logger ?? createLogger(config),
    // No forceCloseConnections: on close the server stops accepting, drops idle keep-alive sockets
    // and lets in-flight requests finish (graceful shutdown; main.ts wires the signals).
  });
  const fastify = app.getHttpAdapter().getInstance();
  closeSilentUploads(fastify, config.server.idleTimeoutSeconds * 1000);
  // Behind a proxy every connection comes from the proxy: limiting per address there is the proxy's job.
  limitConnectionsPerAddress(app.getHttpServer() as Server, config.security.trustProxy > 0 ? 0 : config.server.maxConnectionsPerIp);
  // Built once: @fastify/helmet rebuilt the middleware (and re-parsed the CSP) on every request.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design writes its styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        // Not helmet's default upgrade: many counties serve the console over plain HTTP on an
        // intranet address, where upgraded script and API requests would fail. HTTPS is the proxy's job.
        upgradeInsecureRequests: null,
      },
    },
  });
  fastify.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)));
  app.enableCors({ origin: config.security.corsOrigins.length > 0 ? config.security.corsOrigins : false });
  app.get(RequestContextHooks).register(fastify);
  const webhook = app.get(OfficialAccountWebhook, { strict: false });
  app.get(RateLimitHook).register(fastify, (request) => request.routeOptions.url === WEBHOOK_PATH && webhook.isSigned(request.query as Record<string, unknown>));
  inflateCompressedBodies(fastify);
  const wechat = app.get<WechatSettings>(WECHAT_SETTINGS, { strict: false });
  registerBodyParsers(fastify, {
    bodyLimit: config.server.bodyLimitBytes,
    textRoutes: new Map([[WEBHOOK_PATH, (request, payload) => readWebhookText(request, payload, wechat.maxBodyBytes)]]),
  });
  adjustRoutes(fastify, (route) => {
    adjustConsoleImportRoute(route);
    // The webhook reads its XML within its own limit (readWebhookText); JSON and forms sent there
    // are refused by the webhook after the global parsers.
    if (route.url === WEBHOOK_PATH) route.bodyLimit = Math.max(wechat.maxBodyBytes, config.server.bodyLimitBytes);
  });
  app.useGlobalPipes(createValidationPipe());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('政务公开一键应答 API')
      .setDescription('群众关切事项清单 + 政务公开事项标准目录 + 政策解读的一键应答服务')
      .setVersion('0.1.0')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document);
  return app;
}
