import { existsSync, statSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendFile } from '../common/send-file.js';

/**
 * Where `npm run build:console` put the console: dist/console next to the compiled API
 * (dist/apps/api/src/console-ui → dist/console) or, when the API runs from sources (tests,
 * ts-node), under the repository's dist/.
 */
export function defaultConsoleDirs(): string[] {
  const here = fileURLToPath(new URL('.', import.meta.url));
  return [resolve(here, '../../../../console'), resolve(here, '../../../../dist/console'), resolve(process.cwd(), 'dist/console')];
}

/** Injection token: the folders searched, in order, for the built console (tests point it elsewhere). */
export const CONSOLE_DIRS = Symbol('CONSOLE_DIRS');

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>管理后台尚未构建</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 4em auto; line-height: 1.7">
<h1>管理后台尚未构建</h1>
<p>服务正常运行，但没有找到管理后台的前端文件（<code>dist/console/index.html</code>）。</p>
<p>请在项目目录执行 <code>npm run build:console</code>（或 <code>npm run build</code>），然后刷新本页，无需重启服务。</p>
<p>问答接口不受影响：<a href="/api/docs">API 文档</a>。</p>
</body></html>`;

/** Serves the built console at /console/ with an SPA fallback to index.html for client-side routes. */
@ApiExcludeController()
@Controller()
export class ConsoleUiController {
  constructor(@Inject(CONSOLE_DIRS) private readonly dirs: string[]) {}

  // Fastify's router (find-my-way) takes a bare trailing wildcard.
  @Get(['console', 'console/*'])
  async serve(@Req() request: FastifyRequest, @Res() response: FastifyReply): Promise<void> {
    // Looked up per request so that building the console while the service runs is enough.
    const root = this.dirs.find((dir) => existsSync(resolve(dir, 'index.html')));
    if (!root) {
      response.code(503).type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
      return;
    }
    const path = request.url.split('?')[0];
    let relative: string;
    try {
      relative = decodeURIComponent(path.replace(/^\/console\/?/, ''));
    } catch {
      response.code(404).type('text/plain; charset=utf-8').send('文件不存在');
      return;
    }
    const file = resolve(root, relative);
    const inside = file.startsWith(root + sep);
    const index = () => sendFile(request, response, root, 'index.html', 'no-cache');
    if (inside && extname(file) && existsSync(file) && statSync(file).isFile()) {
      // Vite puts a content hash in every asset name, so they never change under the same URL.
      const immutable = relative.startsWith('assets/');
      await sendFile(request, response, root, file.slice(root.length + 1), immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      return;
    }
    if (extname(relative) && relative.startsWith('assets/')) {
      response.code(404).type('text/plain; charset=utf-8').send('文件不存在');
      return;
    }
    await index();
  }
}
