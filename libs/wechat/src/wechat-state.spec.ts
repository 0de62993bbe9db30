import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { FakeWechatApi } from '../../../test/support/fake-wechat-api.js';
import { AccessTokenService } from './access-token.service.js';
import { CustomerMessageSender } from './customer-message.sender.js';
import { MemoryKeyValueStore, RedisKeyValueStore, type KeyValueStore } from './key-value-store.js';
import { ReplyDeduplicator } from './reply-deduplicator.js';
import { CUSTOMER_MESSAGES_PER_WINDOW, ResidentState } from './resident-state.js';
import { HttpWechatApiClient } from './wechat-api-client.js';

const redisUrl = process.env.REDIS_URL;
let redis: Redis | null = null;

beforeAll(() => {
  if (redisUrl) redis = new Redis(redisUrl);
});

afterAll(async () => {
  await redis?.quit();
});

// Both implementations of KeyValueStore must behave alike; Redis only when REDIS_URL is set (CI's second pass).
const stores: [string, () => KeyValueStore][] = [
  ['memory', () => new MemoryKeyValueStore()],
  ...(redisUrl ? [['redis', () => new RedisKeyValueStore(redis!, `test:wx:${randomBytes(4).toString('hex')}:`)] as [string, () => KeyValueStore]] : []),
];

describe.each(stores)('KeyValueStore (%s)', (_name, makeStore) => {
  it('sets, reads, claims once, counts and expires', async () => {
    const store = makeStore();
    expect(await store.get('a')).toBeNull();
    await store.set('a', 'x', 60);
    expect(await store.get('a')).toBe('x');
    expect(await store.setIfAbsent('a', 'y', 60)).toBe(false);
    expect(await store.setIfAbsent('b', 'y', 1)).toBe(true);
    expect(await store.increment('n', 60)).toBe(1);
    expect(await store.increment('n', 60)).toBe(2);
    await store.delete('a');
    expect(await store.get('a')).toBeNull();
    await new Promise((r) => setTimeout(r, 1100));
    expect(await store.get('b')).toBeNull();
  });

  it('processes one message once even when retries overlap, and hands every retry the same reply', async () => {
    const store = makeStore();
    const instanceA = new ReplyDeduplicator(store);
    const instanceB = new ReplyDeduplicator(store); // a second service instance on the same store
    let runs = 0;
    const produce = async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 100));
      return `reply-${runs}`;
    };
    const replies = await Promise.all([
      instanceA.once('m1', 1000, 'success', produce),
      instanceA.once('m1', 1000, 'success', produce),
      instanceB.once('m1', 1000, 'success', produce),
    ]);
    expect(replies).toEqual(['reply-1', 'reply-1', 'reply-1']);
    expect(await instanceB.once('m1', 1000, 'success', produce)).toBe('reply-1');
    expect(runs).toBe(1);
  });

  it('answers the fallback to a retry when the first attempt is not ready in time, and frees a failed key', async () => {
    const store = makeStore();
    const dedupe = new ReplyDeduplicator(store);
    const other = new ReplyDeduplicator(store);
    const slow = dedupe.once('m2', 1000, 'success', () => new Promise((r) => setTimeout(() => r('late'), 300)));
    expect(await other.once('m2', 50, 'success', async () => 'never')).toBe('success');
    expect(await slow).toBe('late');
    await expect(dedupe.once('m3', 100, 'success', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(await dedupe.once('m3', 100, 'success', async () => 'second try')).toBe('second try');
  });
});

describe('when the shared store is away (Redis refusing connections)', () => {
  let dead: Redis;

  beforeAll(() => {
    // A real client against a port nothing listens on, not queueing: every command fails at once, as during an outage.
    dead = new Redis('redis://127.0.0.1:1', { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
    dead.on('error', () => undefined);
  });

  afterAll(async () => {
    // Its failed connection attempt must have ended (no retry), or its timer would outlive the suite.
    if (dead.status !== 'end' && dead.status !== 'wait') await new Promise((resolve) => dead.once('end', resolve));
  });

  it('forgets feedback context quietly but refuses to judge the customer-service window', async () => {
    const residents = new ResidentState(new RedisKeyValueStore(dead));
    await expect(residents.rememberAnswer('o-1', { concernId: 'C-1', question: 'q' }, 60)).resolves.toBeUndefined();
    await expect(residents.lastAnswer('o-1')).resolves.toBeNull();
    await expect(residents.forgetAnswer('o-1')).resolves.toBeUndefined();
    await expect(residents.canSendCustomerMessage('o-1')).rejects.toThrow();
  });

  it('lets the caller know de-duplication is unavailable instead of hanging', async () => {
    const dedupe = new ReplyDeduplicator(new RedisKeyValueStore(dead));
    let runs = 0;
    await expect(dedupe.once('m-dead', 100, 'success', async () => `reply-${++runs}`)).rejects.toThrow();
    expect(runs).toBe(0);
  });
});

describe('access_token and customer-service messages against a local WeChat API server', () => {
  let api: FakeWechatApi;

  beforeAll(async () => {
    api = await new FakeWechatApi().start();
  });

  afterAll(async () => {
    await api.stop();
  });

  it('fetches one token for several instances, reuses it, and renews it before expiry', async () => {
    let now = 1_000_000;
    const store = new MemoryKeyValueStore(() => now);
    const client = new HttpWechatApiClient(api.url);
    const first = new AccessTokenService(store, client, 'wx1111111111111111', 'secret-secret-secret', () => now);
    const second = new AccessTokenService(store, client, 'wx1111111111111111', 'secret-secret-secret', () => now);
    const before = api.tokenCalls;
    const [a, b] = await Promise.all([first.get(), second.get()]);
    expect(a).toBe(b);
    expect(api.tokenCalls - before).toBe(1);
    now += 6000 * 1000; // 1200 s left: still used
    expect(await second.get()).toBe(a);
    now += 1000 * 1000; // 200 s left: inside the 300 s margin → renewed
    const renewed = await first.get();
    expect(renewed).not.toBe(a);
    expect(api.tokenCalls - before).toBe(2);
  });

  it('sends within the 48-hour window and quota, renews a rejected token, and never writes outside the window', async () => {
    let now = 5_000_000;
    const store = new MemoryKeyValueStore(() => now);
    const client = new HttpWechatApiClient(api.url);
    const tokens = new AccessTokenService(store, client, 'wx2222222222222222', 'secret-secret-secret', () => now);
    const residents = new ResidentState(store, () => now);
    const sender = new CustomerMessageSender(client, tokens, residents);
    const sent = api.messages.length;

    expect(await sender.deliver({ openid: 'o-never-wrote', content: 'x' })).toBe('skipped');

    await residents.messageReceived('o-resident');
    expect(await sender.deliver({ openid: 'o-resident', content: '答复一' })).toBe('sent');
    api.revokeTokens(); // WeChat reset the token: the job fails once, the next attempt gets a new token
    await expect(sender.deliver({ openid: 'o-resident', content: '答复二' })).rejects.toThrow(/40001/);
    expect(await sender.deliver({ openid: 'o-resident', content: '答复二' })).toBe('sent');
    api.failNextSends = 1;
    await expect(sender.deliver({ openid: 'o-resident', content: '答复三' })).rejects.toThrow(/HTTP 500/);
    api.nextSendErrcode = 45015;
    expect(await sender.deliver({ openid: 'o-resident', content: '答复三' })).toBe('skipped');
    expect(api.messages.slice(sent).map((m) => m.text.content)).toEqual(['答复一', '答复二']);
    expect(api.messages[sent]).toEqual({ touser: 'o-resident', msgtype: 'text', text: { content: '答复一' } });

    for (let i = 2; i < CUSTOMER_MESSAGES_PER_WINDOW; i++) expect(await sender.deliver({ openid: 'o-resident', content: `q${i}` })).toBe('sent');
    expect(await sender.deliver({ openid: 'o-resident', content: 'over quota' })).toBe('skipped');

    await residents.messageReceived('o-resident'); // a new message opens a new window with a fresh quota
    expect(await sender.deliver({ openid: 'o-resident', content: 'fresh' })).toBe('sent');
    now += 49 * 3600 * 1000;
    expect(await sender.deliver({ openid: 'o-resident', content: 'too late' })).toBe('skipped');
    expect(api.messages.map((m) => m.text.content)).not.toContain('too late');
  });
});
