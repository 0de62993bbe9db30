import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { KnowledgeImportError, KnowledgeService, KnowledgeStore, readKnowledgeFolder } from '@app/knowledge';
import { AnswerIndexService } from '@app/matching';
import { DataSource } from 'typeorm';
import request from 'supertest';
import { ConcernKind1765500000000 } from '../libs/knowledge/src/migrations/1765500000000-concern-kind.js';
import { MINI_KNOWLEDGE, createTestSchema, startTestApp, type TestApp } from './support/test-app.js';

describe('knowledge store (e2e, real database)', () => {
  let t: TestApp;
  let knowledge: KnowledgeService;
  let work: string;

  beforeAll(async () => {
    t = await startTestApp();
    knowledge = t.app.get(KnowledgeService);
    work = await mkdtemp(join(tmpdir(), 'kb-e2e-'));
  });

  afterAll(async () => {
    await t.close();
    await rm(work, { recursive: true, force: true });
  });

  it('imported the fixture on first start, with links stored both ways', async () => {
    const snapshot = knowledge.snapshot();
    expect(snapshot.concerns.size).toBe(7);
    expect(snapshot.concernsByItem.get('tourism-4')?.sort()).toEqual(['C-tourism-scenic-hours', 'C-tourism-scenic-list']);
    const links = await t.app.get(DataSource).query(`SELECT concern_id FROM concern_items WHERE item_id = 'tourism-9'`);
    expect(links).toEqual([{ concern_id: 'C-tourism-complaint' }]);
  });

  it('round-trips through the database: import(export(x)) equals x', async () => {
    const out = join(work, 'export');
    await knowledge.exportFolder(out);
    const original = await readKnowledgeFolder(MINI_KNOWLEDGE);
    const exported = await readKnowledgeFolder(out);
    expect(exported.issues).toEqual([]);
    expect(exported.bundle).toEqual(original.bundle);
  });

  it('a referral keeps its kind through the database and back out (and the kind migration runs both ways)', async () => {
    const withReferral = join(work, 'with-referral');
    await cp(MINI_KNOWLEDGE, withReferral, { recursive: true });
    await writeFile(join(withReferral, 'concerns', 'referrals.yaml'),
      '- id: C-referral-power\n  title: 停电找供电公司\n  question: 家里停电了找谁？\n  answer: 由供电企业处理，可拨打95598。\n  kind: referral\n');
    try {
      await knowledge.importFolder(withReferral);
      const ds = t.app.get(DataSource);
      expect(await ds.query(`SELECT id, kind FROM concerns WHERE id IN ('C-referral-power', 'C-tourism-complaint') ORDER BY id`))
        .toEqual([{ id: 'C-referral-power', kind: 'referral' }, { id: 'C-tourism-complaint', kind: 'concern' }]);
      expect(knowledge.snapshot().concerns.get('C-referral-power')?.kind).toBe('referral');
      const out = join(work, 'export-referral');
      await knowledge.exportFolder(out);
      expect((await readKnowledgeFolder(out)).bundle).toEqual((await readKnowledgeFolder(withReferral)).bundle);
      expect(await readFile(join(out, 'concerns', 'tourism.yaml'), 'utf8')).not.toContain('kind:');

      // Down keeps a referral's kind in `extra` (as a folder from before the column would have); up moves it back.
      const runner = ds.createQueryRunner();
      await runner.startTransaction();
      try {
        const migration = new ConcernKind1765500000000();
        await migration.down(runner);
        expect(await runner.query(`SELECT extra FROM concerns WHERE id = 'C-referral-power'`)).toEqual([{ extra: { kind: 'referral' } }]);
        await migration.up(runner);
        expect(await runner.query(`SELECT kind, extra FROM concerns WHERE id IN ('C-referral-power', 'C-tourism-complaint') ORDER BY id`))
          .toEqual([{ kind: 'referral', extra: {} }, { kind: 'concern', extra: {} }]);
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    } finally {
      await knowledge.importFolder(MINI_KNOWLEDGE);
    }
  });

  it('an import with errors changes nothing and names every error', async () => {
    const broken = join(work, 'broken');
    await cp(MINI_KNOWLEDGE, broken, { recursive: true });
    await writeFile(join(broken, 'concerns', 'new.yaml'), '- { id: C-new, title: 新, question: 新？, answer: 新, items: [missing] }\n- { id: C-bad }\n');
    const before = await t.app.get(KnowledgeStore).revision();
    const error = await knowledge.importFolder(broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnowledgeImportError);
    expect((error as KnowledgeImportError).issues.map((i) => `${i.entry}·${i.field}`)).toEqual(
      expect.arrayContaining(['C-new·items', 'C-bad（第2项）·title', 'C-bad（第2项）·question', 'C-bad（第2项）·answer']),
    );
    expect(await t.app.get(KnowledgeStore).revision()).toBe(before);
    expect(knowledge.snapshot().concerns.has('C-new')).toBe(false);
  });

  it('a failure inside the transaction rolls the whole import back', async () => {
    const store = t.app.get(KnowledgeStore);
    const bundle = (await readKnowledgeFolder(MINI_KNOWLEDGE)).bundle;
    const before = await store.loadBundle();
    // Bypasses folder validation to reach the database with a dangling link.
    bundle.concerns[0] = { ...bundle.concerns[0], itemIds: ['no-such-item'] };
    await expect(store.replaceAll(bundle)).rejects.toThrow();
    expect(await store.loadBundle()).toEqual(before);
  });

  it('a new import is answered from without a restart', async () => {
    const changed = join(work, 'changed');
    await cp(MINI_KNOWLEDGE, changed, { recursive: true });
    const file = join(changed, 'concerns', 'tourism.yaml');
    await writeFile(file, (await readFile(file, 'utf8')) + `
- id: C-tourism-volunteer
  title: 报名旅游志愿者
  question: 怎么报名成为文明旅游志愿者？
  paraphrases: [想当景区志愿者, 旅游志愿服务在哪报名, 假期去景点做义工, 文明旅游宣传员怎么当]
  answer: 文明旅游宣传主题及活动信息、旅游志愿服务信息由县级文化和旅游行政部门公开，可关注县政府网站。
  area: tourism
`);
    await knowledge.importFolder(changed);
    // The new index is built in slices while the previous one answers; then it is swapped in.
    await t.app.get(AnswerIndexService).settled();
    const res = await request(t.app.getHttpServer()).post('/api/answer').send({ text: '我想去景区当志愿者，怎么报名' }).expect(200);
    expect(res.body.concern?.id).toBe('C-tourism-volunteer');
  });
});

const onPostgres = process.env.DATABASE_URL ? describe : describe.skip;

onPostgres('two instances on one PostgreSQL (e2e)', () => {
  let schema: Awaited<ReturnType<typeof createTestSchema>>;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    schema = await createTestSchema();
    // Started together: migrations must run once, the knowledge must be imported once.
    [a, b] = await Promise.all([startTestApp(undefined, { sharedDatabaseUrl: schema.url }), startTestApp(undefined, { sharedDatabaseUrl: schema.url })]);
  });

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await schema?.drop();
  });

  it('migrated and imported once', async () => {
    const ds = a.app.get(DataSource);
    expect(await ds.query('SELECT count(*)::int AS n FROM migrations')).toEqual([{ n: ds.migrations.length }]);
    expect((await ds.query('SELECT count(*)::int AS n FROM concerns'))[0].n).toBe(7);
    expect(await a.app.get(KnowledgeStore).revision()).toBe(1);
  });

  it('an import through one instance is answered by the other within 2 s', async () => {
    const changed = await mkdtemp(join(tmpdir(), 'kb-two-'));
    try {
      await cp(MINI_KNOWLEDGE, changed, { recursive: true });
      const file = join(changed, 'concerns', 'tourism.yaml');
      await writeFile(file, (await readFile(file, 'utf8')).replace('title: 景区开放时间', 'title: 景区开放时间和闭园安排'));
      const started = Date.now();
      await a.app.get(KnowledgeService).importFolder(changed);
      for (;;) {
        const index = b.app.get(AnswerIndexService).current();
        if (index.knowledge.concerns.get('C-tourism-scenic-hours')?.title === '景区开放时间和闭园安排') break;
        expect(Date.now() - started).toBeLessThan(2000);
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await rm(changed, { recursive: true, force: true });
    }
  });

  it('a clarification started on one instance is completed on the other (shared through Redis)', async () => {
    const first = await request(a.app.getHttpServer()).post('/api/answer').send({ text: '低保', userId: 'two-instances' }).expect(200);
    expect(first.body.decision).toBe('clarify');
    const picked = await request(b.app.getHttpServer()).post('/api/answer').send({ text: '1', userId: 'two-instances' }).expect(200);
    expect(picked.body.decision).toBe('answer');
    expect(picked.body.concern.id).toBe(first.body.choices[0].id);
  });
});
