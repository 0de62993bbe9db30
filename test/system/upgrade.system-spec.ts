import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { InitialSchema1764000000000 } from '../../libs/knowledge/src/migrations/1764000000000-initial-schema.js';
import { createTestSchema, startTestApp, type TestApp } from '../support/test-app.js';

/*
 * The upgrade path: a database as version 0.1 left it (its only migration, its data), then today's
 * service started on it. Every later migration must run on top, keep the data, and the service must
 * answer from the knowledge that was there — without re-importing anything.
 */
const withPostgres = process.env.DATABASE_URL ? describe : describe.skip;

withPostgres('upgrade: migrations up on a version 0.1 database', () => {
  let schema: Awaited<ReturnType<typeof createTestSchema>>;
  let t: TestApp;

  beforeAll(async () => {
    schema = await createTestSchema();
    const previous = await new DataSource({ type: 'postgres', url: schema.url, migrations: [InitialSchema1764000000000], migrationsTransactionMode: 'each' }).initialize();
    await previous.runMigrations();
    // What 0.1's import wrote (columns as they were then).
    await previous.query(`INSERT INTO areas (code, name, aliases, department, position) VALUES ('civil', '民政', '["社会救助"]', '县民政局', 0)`);
    await previous.query(`INSERT INTO catalogue_items (id, area_code, level1, title, content, basis, time_limit, publisher, channels, audience, mode, level, position)
      VALUES ('civil-1', 'civil', '社会救助', '最低生活保障', '申请条件、办理程序', '《社会救助暂行办法》', '信息形成之日起20个工作日内', '县民政局', '政府网站', '全社会', '主动', '县级', 0)`);
    await previous.query(`INSERT INTO concerns (id, title, question, paraphrases, keywords, answer, area_code, status, position)
      VALUES ('C-old-dibao', '低保怎么申请', '低保怎么申请？', '["吃低保要什么条件","怎么办理最低生活保障"]', '["低保"]', '向户籍所在地乡镇人民政府（街道办事处）提出申请，具体以县民政局公布的为准。', 'civil', 'published', 0)`);
    await previous.query(`INSERT INTO concern_items (concern_id, item_id, position) VALUES ('C-old-dibao', 'civil-1', 0)`);
    await previous.query(`INSERT INTO app_state (key, value) VALUES ('knowledge_revision', '7')`);
    await previous.query(`INSERT INTO query_log (channel, user_ref, question, normalized, decision, concern_id, top_score, candidates, latency_ms)
      VALUES ('wechat', 'o-old', '低保怎么申请', '低保怎么申请', 'answer', 'C-old-dibao', 0.9, '[]', 1.2)`);
    await previous.destroy();

    t = await startTestApp(() => undefined, { sharedDatabaseUrl: schema.url });
  }, 180_000);

  afterAll(async () => {
    await t?.close();
    await schema?.drop();
  });

  it('runs every later migration, keeps the data and answers from it', async () => {
    const dataSource = t.app.get(DataSource);
    const applied: { name: string }[] = await dataSource.query('SELECT name FROM migrations ORDER BY id');
    expect(applied[0].name).toBe('InitialSchema1764000000000');
    expect(applied.length).toBe(dataSource.migrations.length);
    expect(await dataSource.showMigrations()).toBe(false);

    const [{ n }] = await dataSource.query('SELECT count(*)::int AS n FROM query_log');
    expect(n).toBe(1);
    const res = await request(t.app.getHttpServer()).post('/api/answer').send({ text: '吃低保需要什么条件' }).expect(200);
    expect(res.body.decision).toBe('answer');
    expect(res.body.concern.id).toBe('C-old-dibao');
    expect(res.body.items[0].id).toBe('civil-1');
    // The non-empty database was not replaced by the shipped knowledge folder.
    await request(t.app.getHttpServer()).get('/api/concerns/C-tourism-complaint').expect(404);
  });
});
