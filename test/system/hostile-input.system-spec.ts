import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { QueryLogService } from '@app/conversation';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { hostileIds, hostileJsonBodies, hostileQueries, hostileXmlBodies, seededRandom, type HostileRequest } from './hostile-corpus.js';

/** How many bad inputs per endpoint (the floor is 10,000; HOSTILE_COUNT lowers it for a quick local run). */
const COUNT = Number(process.env.HOSTILE_COUNT ?? 10_000);
const WECHAT_TOKEN = 'hostiletoken';
const HOTLINE_KEY = 'hostile-integration-key-0001';
const CONCURRENCY = 16;

interface Outcome {
  status: number;
  kind: string;
}

function signature(timestamp: string, nonce: string): string {
  return createHash('sha1').update([WECHAT_TOKEN, timestamp, nonce].sort().join('')).digest('hex');
}

function wechatText(content: string, msgId: number): string {
  return `<xml><ToUserName><![CDATA[gh_test]]></ToUserName><FromUserName><![CDATA[o-hostile]]></FromUserName>` +
    `<CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType>` +
    `<Content><![CDATA[${content}]]></Content><MsgId>${msgId}</MsgId></xml>`;
}

describe(`hostile input: ${COUNT} bad requests per public endpoint`, () => {
  let t: TestApp;
  let base: string;
  let dataSource: DataSource;

  beforeAll(async () => {
    t = await startTestApp((config) => {
      (config as unknown as { wechat: { token: string } }).wechat.token = WECHAT_TOKEN;
      (config as unknown as { hotline: { apiKeys: string } }).hotline.apiKeys = `hostile:${HOTLINE_KEY}`;
    });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    dataSource = t.app.get(DataSource);
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  async function send(requests: HostileRequest[]): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const request = requests[next++];
        const response = await fetch(base + request.path, { method: request.method, headers: request.headers, body: request.body });
        await response.arrayBuffer();
        outcomes.push({ status: response.status, kind: request.kind });
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return outcomes;
  }

  async function rows(table: string): Promise<number> {
    await t.app.get(QueryLogService).flush();
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM "${table}"`);
    return n;
  }

  function expectNoServerErrors(outcomes: Outcome[]): void {
    const failures = outcomes.filter((o) => o.status >= 500);
    const byKind = failures.reduce<Record<string, number>>((acc, o) => ({ ...acc, [`${o.kind}→${o.status}`]: (acc[`${o.kind}→${o.status}`] ?? 0) + 1 }), {});
    expect(byKind).toEqual({});
    expect(outcomes).toHaveLength(COUNT);
  }

  async function expectAlive(): Promise<void> {
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
  }

  const json = (path: string, fields: Record<string, unknown>, seed: number, headers: Record<string, string> = {}): HostileRequest[] =>
    hostileJsonBodies(seededRandom(seed), fields, COUNT).map(({ kind, body, contentType }) => ({
      kind, method: 'POST', path, headers: { 'content-type': contentType, ...headers }, body,
    }));

  it('POST /api/answer: no 5xx; only accepted questions are logged', async () => {
    const before = await rows('query_log');
    const outcomes = await send(json('/api/answer', { text: '低保怎么申请', userId: 'u-1', channel: 'web' }, 1));
    expectNoServerErrors(outcomes);
    const accepted = outcomes.filter((o) => o.status === 200).length;
    expect(outcomes.filter((o) => o.status !== 200).every((o) => o.status >= 400 && o.status < 500)).toBe(true);
    expect(await rows('query_log')).toBe(before + accepted);
    await expectAlive();
  });

  it('GET /api/search and GET /api/concerns/:id, /api/items/:id: no 5xx', async () => {
    const searches = hostileQueries(seededRandom(2), { q: '低保' }, COUNT).map(({ kind, query }) => ({ kind, method: 'GET' as const, path: `/api/search?${query}`, headers: {} }));
    expectNoServerErrors(await send(searches));
    const ids = hostileIds(seededRandom(3), COUNT).map(({ kind, id }, i) => ({ kind, method: 'GET' as const, path: `/api/${i % 2 ? 'concerns' : 'items'}/${id}`, headers: {} }));
    expectNoServerErrors(await send(ids));
    await expectAlive();
  });

  it('POST /api/feedback: no 5xx; rejected feedback leaves no row', async () => {
    const before = await rows('answer_feedback');
    const outcomes = await send(json('/api/feedback', { concernId: 'C-tourism-complaint', useful: true, sessionId: 's-1' }, 4));
    expectNoServerErrors(outcomes);
    expect(await rows('answer_feedback')).toBe(before + outcomes.filter((o) => o.status < 300).length);
  });

  it('POST /api/auth/login: no 5xx, never a session for bad input', async () => {
    const before = await rows('auth_sessions');
    const outcomes = await send(json('/api/auth/login', { username: 'admin', password: 'not-the-password' }, 5));
    expectNoServerErrors(outcomes);
    expect(outcomes.every((o) => o.status >= 400 && o.status < 500)).toBe(true);
    expect(await rows('auth_sessions')).toBe(before);
  });

  it('console API with forged or missing tokens: 401, nothing changed', async () => {
    const random = seededRandom(6);
    const requests: HostileRequest[] = Array.from({ length: COUNT }, (_, i) => ({
      kind: 'forged-token',
      method: (['GET', 'POST', 'PUT'] as const)[i % 3],
      path: ['/api/console/concerns', '/api/console/users', '/api/console/dashboard', '/api/auth/me'][i % 4],
      headers: { 'content-type': 'application/json', authorization: i % 5 === 0 ? '' : `Bearer ${Buffer.from(String(random())).toString('base64url')}` },
      body: i % 3 === 0 ? undefined : Buffer.from('{"title":"x"}'),
    }));
    const outcomes = await send(requests);
    expectNoServerErrors(outcomes);
    expect(outcomes.filter((o) => o.status !== 401 && o.status !== 404)).toEqual([]);
  });

  it('POST /api/hotline/orders: no 5xx; bad keys and bad bodies create no work order', async () => {
    const before = await rows('hotline_work_orders');
    const bodies = json('/api/hotline/orders', { channel: '电话', category: '咨询', content: '低保怎么申请', externalId: 'X-1' }, 7, { 'x-api-key': HOTLINE_KEY })
      .map((r, i) => (i % 4 === 0 ? { ...r, headers: { ...r.headers, 'x-api-key': i % 8 === 0 ? 'wrong-key-wrong-key-0001' : '' } } : r));
    const outcomes = await send(bodies);
    expectNoServerErrors(outcomes);
    const created = outcomes.filter((o) => o.status === 201).length;
    // One order per 201 and none for anything else: repeated pushes of externalId X-1 are answered from
    // the first order (idempotent); pushes without an externalId are new orders by definition.
    expect(await rows('hotline_work_orders')).toBe(before + created);
  });

  it('WeChat webhook: hostile XML, forged, replayed and expired signatures: no 5xx, no side effects', async () => {
    const nowSeconds = () => String(Math.floor(Date.now() / 1000));
    const signedPath = () => {
      const timestamp = nowSeconds();
      return `/wechat/official-account?signature=${signature(timestamp, 'n1')}&timestamp=${timestamp}&nonce=n1&openid=o-hostile`;
    };
    const before = await rows('query_log');
    // Correctly signed but bad bodies.
    const xml = hostileXmlBodies(seededRandom(8), wechatText('低保怎么申请', 1), COUNT / 2).map(({ kind, body }) => ({
      kind, method: 'POST' as const, path: signedPath(), headers: { 'content-type': 'text/xml' }, body,
    }));
    // A valid message with forged, missing, expired or mismatched signatures: must never be processed.
    const random = seededRandom(9);
    const forged = Array.from({ length: COUNT / 2 }, (_, i): HostileRequest => {
      const stale = String(Math.floor(Date.now() / 1000) - 3600 - Math.floor(random() * 1e6));
      const paths = [
        `/wechat/official-account?signature=${'0'.repeat(40)}&timestamp=${nowSeconds()}&nonce=n1`,
        `/wechat/official-account?signature=${signature(stale, 'n1')}&timestamp=${stale}&nonce=n1`,
        `/wechat/official-account?timestamp=${nowSeconds()}&nonce=n1`,
        `/wechat/official-account?signature=${signature(nowSeconds(), 'n1')}&timestamp=${nowSeconds()}&nonce=n2`,
        `/wechat/official-account?signature[]=a&timestamp[]=1&nonce=n1`,
      ];
      return { kind: `forged-${i % paths.length}`, method: 'POST', path: paths[i % paths.length], headers: { 'content-type': 'text/xml' }, body: Buffer.from(wechatText(`低保怎么申请${i}`, 10_000 + i)) };
    });
    const forgedOutcomes = await send(forged.concat(xml.slice(0, 0)));
    expect(forgedOutcomes.filter((o) => o.status >= 500)).toEqual([]);
    expect(forgedOutcomes.filter((o) => o.status !== 401 && o.status !== 403 && o.status !== 400)).toEqual([]);
    expect(await rows('query_log')).toBe(before);

    const xmlOutcomes = await send(xml);
    expect(xmlOutcomes.filter((o) => o.status >= 500)).toEqual([]);
    const accepted = xmlOutcomes.filter((o) => o.status === 200).length;
    expect(await rows('query_log')).toBeLessThanOrEqual(before + accepted);
    await expectAlive();
  });
});
