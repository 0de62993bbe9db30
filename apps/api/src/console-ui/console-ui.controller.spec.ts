import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Test } from '@nestjs/testing';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { CONSOLE_DIRS } from './console-ui.controller.js';
import { ConsoleUiModule } from './console-ui.module.js';

describe('ConsoleUiController', () => {
  let app: NestFastifyApplication;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'console-ui-'));
    const moduleRef = await Test.createTestingModule({ imports: [ConsoleUiModule] })
      .overrideProvider(CONSOLE_DIRS)
      .useValue([join(dir, 'dist/console')])
      .compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('explains in Chinese how to build the console when it is missing', async () => {
    const response = await request(app.getHttpServer()).get('/console/');
    expect(response.status).toBe(503);
    expect(response.text).toContain('管理后台尚未构建');
    expect(response.text).toContain('npm run build:console');
  });

  it('serves files, falls back to index.html for client routes and refuses path tricks', async () => {
    mkdirSync(join(dir, 'dist/console/assets'), { recursive: true });
    writeFileSync(join(dir, 'dist/console/index.html'), '<html>console-index</html>');
    writeFileSync(join(dir, 'dist/console/assets/app-abc.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'secret');
    const server = app.getHttpServer();
    const asset = await request(server).get('/console/assets/app-abc.js');
    expect(asset.text).toContain('console.log(1)');
    expect(asset.headers['cache-control']).toContain('immutable');
    const route = await request(server).get('/console/concerns/C-1');
    expect(route.status).toBe(200);
    expect(route.text).toContain('console-index');
    expect((await request(server).get('/console/assets/missing.js')).status).toBe(404);
    const escape = await request(server).get('/console/..%2F..%2Fsecret.txt');
    expect(escape.text).not.toContain('secret');
  });
});
