import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createUserAndLogin, type SignedIn } from './support/auth.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const ROWS = 3000;
const HEADER = '编号,领域,一级事项,二级事项,公开内容';

function catalogue(content: (i: number) => string): string {
  const rows = Array.from({ length: ROWS }, (_, i) => `batch-${i},旅游,公共服务,批量事项${i},${content(i)}`);
  // tourism-4 rests under C-tourism-scenic-hours: changing it flags that concern for review.
  return [HEADER, ...rows, `tourism-4,旅游,公共服务,A级旅游景区基本情况,${content(-1)}`].join('\n');
}

/**
 * A catalogue import commits thousands of rows in a few statements per chunk, not several per row:
 * each statement on the embedded database runs on the main thread, and 4,000 rows one by one kept
 * residents' questions waiting for half a minute.
 */
describe('catalogue import commit in batches (e2e)', () => {
  let t: TestApp;
  let http: ReturnType<typeof request>;
  let curator: SignedIn;
  let statements = 0;

  beforeAll(async () => {
    t = await startTestApp();
    http = request(t.app.getHttpServer());
    curator = await createUserAndLogin(t, 'curator');
    // Counts what the database is sent (TypeORM reports every statement to its logger).
    const logger = t.app.get(DataSource).logger;
    const logQuery = logger.logQuery.bind(logger);
    logger.logQuery = (...args) => {
      statements++;
      return logQuery(...args);
    };
  }, 180_000);

  afterAll(() => t.close());

  const post = (path: string, body: object) => http.post(`/api/console/${path}`).set(curator.headers).send(body);

  async function importCsv(csv: string): Promise<{ body: { added: number; changed: number }; statements: number }> {
    const preview = await post('import/catalogue/preview', { filename: '旅游.csv', contentBase64: Buffer.from(csv).toString('base64') }).expect(200);
    expect(preview.body.errors).toEqual([]);
    statements = 0;
    const committed = await post('import/catalogue/commit', { previewId: preview.body.previewId }).expect(200);
    return { body: committed.body, statements };
  }

  it('adds, then changes, 3,000 items in a bounded number of statements, with an audit entry each', async () => {
    const added = await importCsv(catalogue((i) => `内容${i}`));
    expect(added.body).toEqual({ added: ROWS, changed: 1 });
    expect(added.statements).toBeLessThan(120);

    const changed = await importCsv(catalogue((i) => `新内容${i}`));
    expect(changed.body).toEqual({ added: 0, changed: ROWS + 1 });
    expect(changed.statements).toBeLessThan(120);

    const item = await http.get('/api/console/items/batch-2999').set(curator.headers).expect(200);
    expect(item.body).toMatchObject({ title: '批量事项2999', content: '新内容2999', areaCode: 'tourism' });
    const audit = await http.get('/api/console/audit?entityType=item&entityId=batch-7').set(curator.headers).expect(200);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['import', 'import']);
    expect(audit.body.items[0].before.content).toBe('内容7');
    const concern = await http.get('/api/console/concerns/C-tourism-scenic-hours').set(curator.headers).expect(200);
    expect(concern.body.needsReview).toBe(true);
    expect(concern.body.reviewNote).toContain('A级旅游景区基本情况');
    // New items come after the existing ones, in file order.
    const positions = await t.app.get(DataSource).query(`SELECT id FROM catalogue_items WHERE id IN ('batch-0','batch-1','tourism-4') ORDER BY position`);
    expect(positions.map((r: { id: string }) => r.id)).toEqual(['tourism-4', 'batch-0', 'batch-1']);
  });

  it('still refuses a preview whose items were changed since, and changes nothing', async () => {
    const preview = await post('import/catalogue/preview', {
      filename: '旅游.csv', contentBase64: Buffer.from(catalogue((i) => `第三版${i}`)).toString('base64'),
    }).expect(200);
    await http.put('/api/console/items/batch-5').set(curator.headers)
      .send({ areaCode: 'tourism', level1: '公共服务', title: '批量事项5', content: '他人修改' }).expect(200);
    const refused = await post('import/catalogue/commit', { previewId: preview.body.previewId }).expect(409);
    expect(refused.body.message).toContain('batch-5');
    const untouched = await http.get('/api/console/items/batch-6').set(curator.headers).expect(200);
    expect(untouched.body.content).toBe('新内容6');
  });
});
