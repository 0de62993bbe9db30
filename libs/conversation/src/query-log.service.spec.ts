import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, KNOWLEDGE_SCHEMA, QueryLogEntity, runMigrationsLocked } from '@app/knowledge';
import { QueryLogService, type QueryLogEntry } from './query-log.service.js';

/** The batch insert on the embedded engine (the e2e tests cover the PostgreSQL server). */
describe('QueryLogService', () => {
  let dataSource: DataSource;
  let log: QueryLogService;

  beforeAll(async () => {
    dataSource = new DataSource(buildDataSourceOptions({ dataDir: ':memory:' }, KNOWLEDGE_SCHEMA));
    await dataSource.initialize();
    await runMigrationsLocked(dataSource);
    log = new QueryLogService(dataSource);
  });

  afterAll(async () => {
    await log.onModuleDestroy();
    await dataSource.destroy();
  });

  const entry = (question: string, overrides: Partial<QueryLogEntry> = {}): QueryLogEntry => ({
    channel: 'web', userRef: null, question, normalized: question, decision: 'none', concernId: null,
    topScore: null, candidates: [], latencyMs: 1.5, ...overrides,
  });

  it('writes a batch exactly as given: quotes, backslashes, braces, commas, nulls and JSON candidates', async () => {
    const awkward = ['他说"低保"怎么办', 'C:\\路径\\{a,b}', "单引号'和,逗号", '{"像":"json"}', 'NULL'];
    for (const [i, text] of awkward.entries()) {
      log.record(entry(text, { userRef: i % 2 ? `u${i}` : null, concernId: i % 2 ? null : 'C-x', topScore: i % 2 ? null : 0.5, candidates: [{ id: `C-${i}`, score: 0.25 }] }));
    }
    await log.flush();
    const rows = await dataSource.getRepository(QueryLogEntity).find({ order: { id: 'ASC' } });
    expect(rows.map((r) => r.question)).toEqual(awkward);
    expect(rows.map((r) => r.userRef)).toEqual([null, 'u1', null, 'u3', null]);
    expect(rows.map((r) => r.topScore)).toEqual([0.5, null, 0.5, null, 0.5]);
    expect(rows[4].candidates).toEqual([{ id: 'C-4', score: 0.25 }]);
    expect(log.pending).toBe(0);
    expect(log.rejected).toBe(0);
  });

  it('masks phone and ID numbers before they are written', async () => {
    log.record(entry('我的电话13812345678，身份证110101199003071234'));
    await log.flush();
    const last = await dataSource.getRepository(QueryLogEntity).findOne({ where: {}, order: { id: 'DESC' } });
    expect(last!.question).not.toContain('13812345678');
    expect(last!.question).not.toContain('110101199003071234');
  });
});
