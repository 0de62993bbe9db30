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
});
