import { ConsoleLogger, type INestApplication, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import type { AppConfig } from '@app/common';
import { JsonLogger } from '@app/observability';
import { AppModule } from './app.module.js';
import { jsonBodyOptions } from './common/json-body.js';
import { createValidationPipe } from './common/validation.js';
import { CONSOLE_IMPORT_PATH, consoleImportBodyParsers } from './console/import-body.js';

/** JSON lines for collectors in production; Nest's readable console format when asked for text. */
export function createLogger(config: AppConfig): LoggerService {
  if (config.logging.format === 'json') return new JsonLogger(config.logging.level);
  const levels = (['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const);
  return new ConsoleLogger({ logLevels: [...levels.slice(0, levels.indexOf(config.logging.level) + 1)] });
}

/** Builds the configured HTTP application (used by main.ts and by the e2e tests). */
export async function createApiApp(config: AppConfig, options: { logger?: false | LoggerService } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    // Throw (and let main.ts report it in Chinese) instead of exiting the process on a wiring error.
    abortOnError: false,
    logger: options.logger ?? createLogger(config),
    // No forceCloseConnections: on close Node's server.close() drops idle keep-alive sockets and lets
    // in-flight requests finish (graceful shutdown; main.ts wires the signals).
  });
  app.set('trust proxy', config.security.trustProxy);
  app.disable('x-powered-by');
  app.use(helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design writes its styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  }));
  app.enableCors({ origin: config.security.corsOrigins.length > 0 ? config.security.corsOrigins : false });
  app.use(CONSOLE_IMPORT_PATH, ...consoleImportBodyParsers());
  // Nest's option type omits body-parser's `verify`, which it passes through.
  const jsonOptions = jsonBodyOptions(config.server.bodyLimitBytes);
  app.useBodyParser('json', jsonOptions);
  app.useBodyParser('urlencoded', { limit: config.server.bodyLimitBytes, extended: false });
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
