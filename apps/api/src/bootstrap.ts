import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from '@app/common';
import { AppModule } from './app.module.js';
import { createValidationPipe } from './common/validation.js';

/** Builds the configured HTTP application (used by main.ts and by the e2e tests). */
export async function createApiApp(config: AppConfig, options: { logger?: false } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    logger: options.logger,
  });
  app.useBodyParser('json', { limit: config.server.bodyLimitBytes });
  app.useBodyParser('urlencoded', { limit: config.server.bodyLimitBytes, extended: false });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
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
