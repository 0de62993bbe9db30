import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { connect, type Socket } from 'node:net';
import request from 'supertest';
import type { AppConfig } from '@app/common';
import { startTestApp, type TestApp } from './support/test-app.js';
import { randomOpenid, signedQuery, textMessage } from './support/wechat-messages.js';

/** The service for one describe block, configured by it; started before its tests, closed after. */
function serviceWith(configure: (config: AppConfig) => void): () => ReturnType<typeof request> {
  let t: TestApp;
  let http: ReturnType<typeof request>;
  beforeAll(async () => {
    t = await startTestApp(configure);
    http = request(t.app.getHttpServer());
  });
  afterAll(async () => {
    await t.close();
  });
  return () => http;
}

/** Rate limits under a key prefix of this run's own, so runs sharing one Redis do not count together. */
const limits = (perIp: number, perUser: number) => ({ perIp, perUser, windowSeconds: 60, redisPrefix: `test:${randomBytes(4).toString('hex')}:rate:` });

describe('operations: request ids, metrics, security headers, CORS (e2e)', () => {
  const http = serviceWith((config) => {
    config.security.corsOrigins = ['https://www.example.gov.cn'];
    config.hotline.apiKeys = 'metrics-test:metrics-test-key-0123456789';
  });

  it('gives every response a request id, and keeps a sane one sent by the caller', async () => {
    const fresh = await http().get('/health').expect(200);
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await http().get('/health').set('X-Request-Id', 'lb-12345678').expect(200);
    expect(kept.headers['x-request-id']).toBe('lb-12345678');
    const replaced = await http().get('/health').set('X-Request-Id', '<script>').expect(200);
    expect(replaced.headers['x-request-id']).not.toBe('<script>');
  });

  it('counts answers by decision and channel in the Prometheus metrics', async () => {
    // Only an integration (or signed-in staff) may speak for the wechat channel on /api/answer.
    await http().post('/api/answer').set('X-Api-Key', 'metrics-test-key-0123456789').send({ text: '被旅行社坑了，去哪里投诉？', channel: 'wechat' }).expect(200);
    await http().post('/api/answer').send({ text: '护照加急办理需要几天' }).expect(200);
    const res = await http().get('/metrics').expect(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.text).toMatch(/gda_answers_total\{channel="wechat",decision="answer"\} 1/);
    expect(res.text).toMatch(/gda_answers_total\{channel="web",decision="none"\} 1/);
    expect(res.text).toContain('gda_answer_duration_seconds_bucket');
    expect(res.text).toMatch(/gda_http_request_duration_seconds_count\{method="POST",route="\/api\/answer",status="200"\} 2/);
    expect(res.text).toMatch(/gda_job_queue_depth\{state="waiting"\} \d+/);
    expect(res.text).toMatch(/gda_match_cache_lookups\{result="miss"\} 2/);
  });

  it('names an unknown field in Chinese (and English) instead of passing it on', async () => {
    const res = await http().post('/api/answer').send({ text: '低保怎么申请', isAdmin: true }).expect(400);
    expect(res.body.message).toEqual(['不接受的字段 isAdmin (property isAdmin should not exist)']);
  });

  it('sends security headers and no framework banner', async () => {
    const res = await http().get('/health').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBeDefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
    // Counties often serve the console over plain HTTP on their intranet: upgrading its scripts to HTTPS would break it.
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });

  it('allows cross-origin calls only from configured origins', async () => {
    const allowed = await http().options('/api/answer').set('Origin', 'https://www.example.gov.cn').set('Access-Control-Request-Method', 'POST');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://www.example.gov.cn');
    const denied = await http().options('/api/answer').set('Origin', 'https://evil.example.com').set('Access-Control-Request-Method', 'POST');
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('rate limits (e2e)', () => {
  const http = serviceWith((config) => {
    config.security.rateLimit = limits(8, 3);
  });

  it('limits one resident, then one address, with 429, a Chinese message and Retry-After; health is never limited', async () => {
    for (let i = 0; i < 3; i++) await http().post('/api/answer').send({ text: '景区几点开门', userId: 'busy-user' }).expect(200);
    const limited = await http().post('/api/answer').send({ text: '景区几点开门', userId: 'busy-user' }).expect(429);
    expect(limited.body.message).toContain('请求过于频繁');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);

    // Another resident from the same address still gets through until the address limit (8) is reached.
    let status = 200;
    let allowed = 0;
    while (status === 200 && allowed < 20) {
      status = (await http().post('/api/answer').send({ text: '景区几点开门', userId: `other-${allowed}` })).status;
      if (status === 200) allowed++;
    }
    expect(status).toBe(429);
    expect(allowed).toBe(8 - 4);
    await http().get('/health').expect(200);
  });
});

describe('rate limits on percent-encoded paths (e2e)', () => {
  const http = serviceWith((config) => {
    config.security.rateLimit = limits(100, 2);
  });

  it('counts a path the router decodes to a public door (/api/%61nswer is /api/answer)', async () => {
    await http().post('/api/%61nswer').send({ text: '景区几点开门', userId: 'encoded-user' }).expect(200);
    await http().post('/api/answer').send({ text: '景区几点开门', userId: 'encoded-user' }).expect(200);
    await http().post('/api/%61nswer').send({ text: '景区几点开门', userId: 'encoded-user' }).expect(429);
    await http().post('/%77echat/official-account').query({ openid: 'o-encoded' }).expect(503);
    await http().post('/%77echat/official-account').query({ openid: 'o-encoded' }).expect(503);
    await http().post('/%77echat/official-account').query({ openid: 'o-encoded' }).expect(429);
  });
});

describe('rate limits on public knowledge reads (e2e)', () => {
  const http = serviceWith((config) => {
    config.security.rateLimit = limits(3, 100);
  });

  it('counts /api/concerns/:id, /api/items/:id, /api/interpretations/:id and /api/areas per IP, so ids cannot be enumerated unthrottled', async () => {
    await http().get('/api/concerns/C-tourism-a1b2c3').expect(404);
    await http().get('/api/items/tourism-4').expect(200);
    await http().get('/api/areas').expect(200);
    const limited = await http().get('/api/interpretations/interp-tourism-guideline').expect(429);
    expect(limited.body.message).toContain('请求过于频繁');
  });
});

describe('rate limits on the official account webhook (e2e)', () => {
  const TOKEN = 'limitToken2026';
  const http = serviceWith((config) => {
    config.wechat.token = TOKEN;
    config.security.rateLimit = limits(5, 3);
  });
  const send = (openid: string, query: Record<string, string>) =>
    http().post('/wechat/official-account').query({ ...query, openid }).set('Content-Type', 'text/xml').send(textMessage(openid, '景区几点开门'));

  it('limits signed messages per openid, not per address: all of WeChat arrives from a few Tencent addresses', async () => {
    // Twice the per-IP limit, from one address, each from its own resident.
    for (let i = 0; i < 10; i++) await send(randomOpenid(), signedQuery(TOKEN)).expect(200);
    const busy = randomOpenid();
    for (let i = 0; i < 3; i++) await send(busy, signedQuery(TOKEN)).expect(200);
    const limited = await send(busy, signedQuery(TOKEN)).expect(429);
    expect(limited.body.message).toContain('请求过于频繁');
  });

  it('still limits unsigned calls per address, and a signature replayed with other openids per signature', async () => {
    const replayed = signedQuery(TOKEN);
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await send(randomOpenid(), replayed)).status);
    // The webhook refuses the other messages under a used timestamp/nonce (401); the limiter stops them after the per-resident allowance.
    expect(statuses).toEqual([200, 401, 401, 429, 429, 429]);
    const forged = { ...signedQuery(TOKEN), signature: '0'.repeat(40) };
    let status = 0;
    let refused = 0;
    while (status !== 429 && refused < 10) {
      status = (await send(randomOpenid(), forged)).status;
      if (status === 401) refused++;
    }
    expect(status).toBe(429);
    expect(refused).toBeLessThanOrEqual(5);
  });
});

describe('client address behind a proxy (e2e)', () => {
  const http = serviceWith((config) => {
    config.security.trustProxy = 1;
    config.security.rateLimit = limits(3, 100);
  });

  it('takes the address the proxy saw, so a made-up X-Forwarded-For entry does not dodge the per-IP limit', async () => {
    const ask = (forwardedFor: string, userId: string) =>
      http().post('/api/answer').set('X-Forwarded-For', forwardedFor).send({ text: '景区几点开门', userId });
    for (let i = 0; i < 3; i++) await ask(`10.9.${i}.1, 203.0.113.9`, `spoof-${i}`).expect(200);
    await ask('10.9.99.1, 203.0.113.9', 'spoof-99').expect(429);
    // Another resident behind the same proxy is counted on their own address.
    await ask('203.0.113.10', 'neighbour').expect(200);
  });
});

/** A raw connection to the listening service; resolves once connected. */
function openSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
  });
}

/** Resolves with true when the server closes the socket, false if it is still open after `guardMs`. */
function closedWithin(socket: Socket, guardMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const guard = setTimeout(() => resolve(false), guardMs);
    socket.on('error', () => undefined);
    socket.once('close', () => {
      clearTimeout(guard);
      resolve(true);
    });
  });
}

describe('slow clients and connection floods (e2e, listening on a port)', () => {
  let t: TestApp;
  let port: number;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await startTestApp((config) => {
      config.server.idleTimeoutSeconds = 1;
      config.server.requestTimeoutSeconds = 3;
      config.server.maxConnectionsPerIp = 3;
    });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await t.close();
  });

  const open = async () => {
    const socket = await openSocket(port);
    sockets.push(socket);
    return socket;
  };

  it('closes a connection whose body trickles in (one byte, then silence)', async () => {
    const socket = await open();
    socket.write('POST /api/answer HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{');
    // The idle limit is 1 s; the guard only keeps a failure from hanging the test.
    expect(await closedWithin(socket, 8000)).toBe(true);
  });

  it('closes a connection that keeps sending a byte now and then, at the request time limit', async () => {
    const socket = await open();
    socket.write('POST /api/answer HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n');
    const drip = setInterval(() => socket.writable && socket.write(' '), 300);
    try {
      expect(await closedWithin(socket, 15_000)).toBe(true);
    } finally {
      clearInterval(drip);
    }
  });

  it('accepts a few connections per address and refuses the ones beyond', async () => {
    const kept = [await open(), await open(), await open()];
    const extra = await open();
    expect(await closedWithin(extra, 5000)).toBe(true);
    kept[0].destroy();
    await new Promise((r) => setTimeout(r, 100));
    const again = await open();
    again.write('GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    const reply = await new Promise<string>((resolve) => {
      let text = '';
      again.on('data', (chunk) => (text += chunk));
      again.on('close', () => resolve(text));
    });
    expect(reply).toMatch(/^HTTP\/1\.1 200/);
  });
});
