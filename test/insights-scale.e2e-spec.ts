import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createUserAndLogin, type SignedIn } from './support/auth.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const QUESTIONS_DIR = resolve('test/benchmark/questions');
const BASE: string[] = readdirSync(QUESTIONS_DIR).filter((f) => f.endsWith('.jsonl')).sort()
  .flatMap((f) => readFileSync(resolve(QUESTIONS_DIR, f), 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { q: string }).q));
const WRAPPERS = [['', ''], ['请问', ''], ['', '？'], ['你好，', '谢谢'], ['想问一下', '呢'], ['', '，急']];
const ROWS = 50_000;

/**
 * The learning loop over 50,000 declined questions in query_log, through the HTTP endpoint: SQL
 * aggregation, grouping and suggestions together. Prints the timings (reported in docs/insights.md).
 */
describe('learning loop at scale (e2e)', () => {
  let t: TestApp;
  let http: ReturnType<typeof request>;
  let curator: SignedIn;

  beforeAll(async () => {
    t = await startTestApp();
    http = request(t.app.getHttpServer());
    curator = await createUserAndLogin(t, 'curator');
    const dataSource = t.app.get(DataSource);
    for (let start = 0; start < ROWS; start += 5_000) {
      const texts: string[] = [];
      const users: string[] = [];
      const channels: string[] = [];
      for (let i = start; i < start + 5_000; i++) {
        const [before, after] = WRAPPERS[i % WRAPPERS.length];
        texts.push(before + BASE[(i * 7919) % BASE.length] + after);
        users.push(`user-${i % 20_000}`);
        // Each base question comes back every BASE.length rows: rotating the channel per round gives
        // each one askers on every channel (i % 3 gave some only web askers when BASE.length % 3 === 0).
        channels.push(['web', 'wechat', 'hotline'][Math.floor(i / BASE.length) % 3]);
      }
      await dataSource.query(
        `INSERT INTO query_log (created_at, channel, user_ref, question, normalized, decision, candidates)
         SELECT now() - (random() * interval '20 days'), c, u, q, q, 'none', '[]'
           FROM unnest($1::text[], $2::text[], $3::text[]) AS r(q, u, c)`,
        [texts, users, channels],
      );
    }
  }, 300_000);

  afterAll(async () => {
    await t?.close();
  });

  it('lists the groups of 50,000 questions within seconds', async () => {
    const first = performance.now();
    const res = await http.get('/api/console/learning/groups').set(curator.headers).expect(200);
    const firstMs = performance.now() - first;
    const again = performance.now();
    await http.get('/api/console/learning/groups').set(curator.headers).expect(200);
    const againMs = performance.now() - again;
    const dash = performance.now();
    await http.get('/api/console/dashboard').set(curator.headers).expect(200);
    const dashMs = performance.now() - dash;
    console.log(`learning groups over ${ROWS} query_log rows: first ${firstMs.toFixed(0)} ms, again ${againMs.toFixed(0)} ms; dashboard ${dashMs.toFixed(0)} ms`);
    const groups = res.body.groups as { count: number; hot: boolean }[];
    expect(groups.length).toBe(200);
    // Each base question is asked ~40 times by different users, two thirds of them on verified channels: every listed group is hot.
    expect(groups.every((g) => g.hot)).toBe(true);
    expect(groups[0].count).toBeGreaterThan(40);
    expect(firstMs).toBeLessThan(60_000);
  }, 300_000);
});
