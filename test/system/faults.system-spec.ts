import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { QueryLogService } from '@app/conversation';
import { loadKnowledgeSnapshot } from '../benchmark/knowledge-loader.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { DisposablePostgres, DisposableRedis, waitFor } from './service-processes.js';

const QUESTIONS = ['被旅行社坑了，去哪里投诉？', '景點幾點開門？', '护照加急办理需要几天', '低保', '旅游投诉电话是多少'];

async function listen(t: TestApp): Promise<string> {
  await t.app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
}

/** Asks `count` questions; returns how many did not get a 200. */
async function askMany(base: string, count: number, userPrefix: string): Promise<number> {
  let failed = 0;
  for (let i = 0; i < count; i++) {
    const res = await fetch(`${base}/api/answer`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: QUESTIONS[i % QUESTIONS.length], userId: `${userPrefix}-${i % 7}` }),
    }).catch(() => null);
    if (res?.status !== 200) failed++;
    await res?.arrayBuffer();
  }
  return failed;
}

const ready = (base: string) => fetch(`${base}/health/ready`).then((r) => r.status);

const redisDescribe = DisposableRedis.available() ? describe : describe.skip;
const postgresDescribe = DisposablePostgres.available() ? describe : describe.skip;

redisDescribe('fault: Redis stops and comes back', () => {
  let redis: DisposableRedis;
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    redis = await DisposableRedis.start();
    t = await startTestApp((config) => {
      config.storage.redisUrl = redis.url;
    });
    base = await listen(t);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  });

  it('answers keep flowing (and clarifications keep working on this instance) while Redis is away; readiness tells', async () => {
    expect(await askMany(base, 30, 'before')).toBe(0);
    await redis.stop();
    expect(await askMany(base, 60, 'during')).toBe(0);
    const clarify = await fetch(`${base}/api/answer`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: '低保', userId: 'r-outage' }) }).then((r) => r.json()) as { decision: string; choices: { id: string }[] };
    expect(clarify.decision).toBe('clarify');
    const picked = await fetch(`${base}/api/answer`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: '1', userId: 'r-outage' }) }).then((r) => r.json()) as { decision: string; concern: { id: string } };
    expect(picked).toMatchObject({ decision: 'answer', concern: { id: clarify.choices[0].id } });
    expect(await ready(base)).toBe(503);

    await redis.resume();
    await waitFor(async () => (await ready(base)) === 200, 30_000, 'ready again after Redis returns');
    expect(await askMany(base, 30, 'after')).toBe(0);
  });
});

postgresDescribe('fault: PostgreSQL stops and comes back', () => {
  let postgres: DisposablePostgres;
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    postgres = await DisposablePostgres.start();
    t = await startTestApp((config) => {
      config.storage.databaseUrl = postgres.url;
      config.storage.redisUrl = undefined;
    });
    base = await listen(t);
  }, 180_000);

  afterAll(async () => {
    await t?.close();
    await postgres?.destroy();
  });

  async function loggedQuestions(): Promise<number> {
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    const { rows } = await client.query('SELECT count(*)::int AS n FROM query_log');
    await client.end();
    return rows[0].n;
  }

  it('answers from the in-memory index while the database is away; the buffered query log is written when it returns, nothing lost', async () => {
    expect(await askMany(base, 40, 'before')).toBe(0);
    await t.app.get(QueryLogService).flush();
    const before = await loggedQuestions();
    expect(before).toBe(40);

    await postgres.stop();
    expect(await askMany(base, 80, 'during')).toBe(0);
    expect(await ready(base)).toBe(503);
    expect(t.app.get(QueryLogService).pending).toBeGreaterThan(0);

    await postgres.resume();
    await waitFor(async () => (await ready(base)) === 200, 60_000, 'ready again after PostgreSQL returns');
    await waitFor(async () => {
      await t.app.get(QueryLogService).flush();
      return t.app.get(QueryLogService).pending === 0;
    }, 30_000, 'query log flushed');
    expect(await loggedQuestions()).toBe(120);
  });
});

const cliBuilt = existsSync(resolve('dist/apps/cli/src/main.js'));
(DisposablePostgres.available() && cliBuilt ? describe : describe.skip)('fault: the import is killed midway', () => {
  let postgres: DisposablePostgres;

  beforeAll(async () => {
    postgres = await DisposablePostgres.start();
  }, 120_000);

  afterAll(async () => {
    await postgres?.destroy();
  });

  const cli = (args: string[]) => spawn(process.execPath, [resolve('dist/apps/cli/src/main.js'), ...args], {
    env: { ...process.env, DATABASE_URL: postgres.url, REDIS_URL: '', NODE_ENV: 'production', LOG_LEVEL: 'error' },
    stdio: 'ignore',
  });

  async function knowledgeCounts(): Promise<{ concerns: number; items: number; revision: string | null }> {
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    const [{ rows: c }, { rows: i }, { rows: r }] = await Promise.all([
      client.query('SELECT count(*)::int AS n FROM concerns'),
      client.query('SELECT count(*)::int AS n FROM catalogue_items'),
      client.query("SELECT value FROM app_state WHERE key = 'knowledge_revision'"),
    ]);
    await client.end();
    return { concerns: c[0].n, items: i[0].n, revision: r[0]?.value ?? null };
  }

  it('leaves the previous knowledge intact, whenever the process dies', async () => {
    const first = cli(['import', 'test/fixtures/knowledge-mini']);
    expect(await new Promise((r) => first.once('exit', r))).toBe(0);
    const previous = await knowledgeCounts();
    expect(previous.concerns).toBeGreaterThan(0);

    // Kill the import of the full knowledge base at several points of its run. After each kill the
    // database holds either all of the old knowledge or all of the new one, never a mixture.
    const full = await loadKnowledgeSnapshot(resolve('knowledge'));
    const complete = { concerns: full.concerns.size, items: full.items.size, revision: String(Number(previous.revision) + 1) };
    let interrupted = 0;
    for (const delayMs of [300, 600, 900, 1200, 1600, 2000, 2600, 3200, 4000]) {
      const importing = cli(['import', 'knowledge']);
      const exited = new Promise<number | null>((r) => importing.once('exit', (code) => r(code)));
      await new Promise((r) => setTimeout(r, delayMs));
      importing.kill('SIGKILL');
      await exited;
      const now = await knowledgeCounts();
      if (JSON.stringify(now) === JSON.stringify(complete)) break; // the import committed before the kill
      expect(now).toEqual(previous);
      interrupted++;
    }
    expect(interrupted).toBeGreaterThan(0);
  });
});
