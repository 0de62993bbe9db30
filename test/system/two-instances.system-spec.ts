import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import request from 'supertest';
import { createTestSchema, startTestApp, type TestApp } from '../support/test-app.js';

/*
 * Two API instances on one PostgreSQL and one Redis behave as one service. Other suites cover the
 * rest of the list: a concern published on one instance is answered by the other within 2 s
 * (test/console*.e2e-spec.ts), hotline jobs run once with two instances (test/hotline*.e2e-spec.ts).
 */
const shared = process.env.DATABASE_URL && process.env.REDIS_URL ? describe : describe.skip;
const WECHAT_TOKEN = 'twoinstances';

shared('two instances, one service (PostgreSQL + Redis)', () => {
  let schema: Awaited<ReturnType<typeof createTestSchema>>;
  let a: TestApp;
  let b: TestApp;
  const ratePrefix = `test:${randomBytes(4).toString('hex')}:rate:`;

  beforeAll(async () => {
    schema = await createTestSchema();
    const configure = (config: TestApp['config']) => {
      config.security.rateLimit = { perIp: 1_000_000, perUser: 5, windowSeconds: 60, redisPrefix: ratePrefix };
      (config as unknown as { wechat: { token: string } }).wechat.token = WECHAT_TOKEN;
    };
    a = await startTestApp(configure, { sharedDatabaseUrl: schema.url });
    b = await startTestApp(configure, { sharedDatabaseUrl: schema.url });
  }, 180_000);

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await schema?.drop();
  });

  it('a clarification asked on one instance is completed on the other', async () => {
    const user = `two-${randomBytes(3).toString('hex')}`;
    const first = await request(a.app.getHttpServer()).post('/api/answer').send({ text: '低保', userId: user }).expect(200);
    expect(first.body.decision).toBe('clarify');
    const picked = await request(b.app.getHttpServer()).post('/api/answer').send({ text: '2', userId: user }).expect(200);
    expect(picked.body).toMatchObject({ decision: 'answer', concern: { id: first.body.choices[1].id } });
  });

  it('per-resident rate limits are shared: the limit counts requests on both instances', async () => {
    const user = `limited-${randomBytes(3).toString('hex')}`;
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const app = i % 2 === 0 ? a : b;
      statuses.push((await request(app.app.getHttpServer()).post('/api/answer').send({ text: '景区几点开门', userId: user })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
  });

  it('a WeChat retry that lands on the other instance gets the same reply and is processed once', async () => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = createHash('sha1').update([WECHAT_TOKEN, timestamp, 'n'].sort().join('')).digest('hex');
    const openid = `o-two-${randomBytes(3).toString('hex')}`;
    const msgId = String(Date.now());
    const xml = `<xml><ToUserName><![CDATA[gh_x]]></ToUserName><FromUserName><![CDATA[${openid}]]></FromUserName><CreateTime>${timestamp}</CreateTime>` +
      `<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[被旅行社坑了，去哪里投诉？]]></Content><MsgId>${msgId}</MsgId></xml>`;
    const path = `/wechat/official-account?signature=${signature}&timestamp=${timestamp}&nonce=n&openid=${openid}`;
    const post = (t: TestApp) => request(t.app.getHttpServer()).post(path).set('content-type', 'text/xml').send(xml);
    const [first, retry] = [await post(a), await post(b)];
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    const content = (body: string) => /<Content><!\[CDATA\[([\s\S]*?)\]\]><\/Content>/.exec(body)?.[1];
    expect(content(first.text)).toContain('旅游');
    expect(content(retry.text)).toBe(content(first.text));
    const { QueryLogService } = await import('@app/conversation');
    await a.app.get(QueryLogService).flush();
    await b.app.get(QueryLogService).flush();
    const { DataSource } = await import('typeorm');
    const [{ n }] = await a.app.get(DataSource).query('SELECT count(*)::int AS n FROM query_log WHERE user_ref = $1', [openid]);
    expect(n).toBe(1);
  });
});
