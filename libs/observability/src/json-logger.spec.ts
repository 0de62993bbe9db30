import { describe, expect, it } from '@jest/globals';
import { JsonLogger } from './json-logger.js';
import { runWithRequestContext } from './request-context.js';

function capture(level: ConstructorParameters<typeof JsonLogger>[0] = 'log') {
  const lines: { entry: Record<string, unknown>; isError: boolean }[] = [];
  const logger = new JsonLogger(level, (line, isError) => lines.push({ entry: JSON.parse(line), isError }));
  return { logger, lines };
}

describe('JsonLogger', () => {
  it('writes one JSON object per line with level, context and the request id', () => {
    const { logger, lines } = capture();
    runWithRequestContext({ requestId: 'req-00000001' }, () => logger.log('已启动', 'Main'));
    expect(lines).toHaveLength(1);
    expect(lines[0].entry).toMatchObject({ level: 'log', context: 'Main', message: '已启动', requestId: 'req-00000001' });
    expect(Date.parse(lines[0].entry.time as string)).not.toBeNaN();
  });

  it('masks phone and ID numbers in messages and stacks', () => {
    const { logger, lines } = capture();
    logger.error('来电 13812345678 身份证 110101199003074518', 'Error: at 13812345678', 'HTTP');
    const text = JSON.stringify(lines[0].entry);
    expect(text).not.toContain('13812345678');
    expect(text).not.toContain('110101199003074518');
    expect(lines[0].isError).toBe(true);
    expect(lines[0].entry.stack).toBeDefined();
  });

  it('drops messages below the configured level', () => {
    const { logger, lines } = capture('warn');
    logger.log('细节');
    logger.debug('更多细节');
    logger.warn('注意');
    expect(lines.map((l) => l.entry.message)).toEqual(['注意']);
  });

  it('keeps Nest\'s start-up wiring (one line per route and module) out of the log unless debugging', () => {
    const quiet = capture('log');
    quiet.logger.log('Mapped {/api/answer, POST} route', 'RouterExplorer');
    quiet.logger.log('AppModule dependencies initialized', 'InstanceLoader');
    quiet.logger.log('已启动', 'Main');
    expect(quiet.lines.map((l) => l.entry.message)).toEqual(['已启动']);
    const debugging = capture('debug');
    debugging.logger.log('Mapped {/api/answer, POST} route', 'RouterExplorer');
    expect(debugging.lines[0].entry).toMatchObject({ level: 'debug', context: 'RouterExplorer' });
  });

  it('prints a warning of several lines (the one-time admin password) as a readable block, once', () => {
    const written: string[] = [];
    const logger = new JsonLogger('log', (line) => written.push(line));
    logger.warn('已创建管理员账号“admin”，初始密码：Abc123xyz987QwEr\n  【重要】此密码只显示这一次', 'AuthService');
    expect(written).toHaveLength(1);
    const block = written[0].split('\n');
    expect(block[0]).toMatch(/^=+$/);
    expect(block).toContain('已创建管理员账号“admin”，初始密码：Abc123xyz987QwEr');
    expect(block).toContain('  【重要】此密码只显示这一次');
    expect(block.at(-1)).toMatch(/^=+$/);
    expect(() => JSON.parse(written[0])).toThrow();
  });
});
