import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ConversationService, QueryLogService, type Question } from '@app/conversation';
import { ReplyDeduplicator, WECHAT_SETTINGS, WechatCrypt, wechatSignature, type WechatSettings } from '@app/wechat';
import { FakeWechatApi } from './support/fake-wechat-api.js';
import { MINI_KNOWLEDGE, startTestApp, type TestApp } from './support/test-app.js';
import { newMsgId, parseReply, randomOpenid, signedQuery, textMessage, wechatXml } from './support/wechat-messages.js';

const TOKEN = 'wxTestToken2026';
// A fresh AppID per run: the access_token cache is keyed by it and may live in a shared Redis.
const APP_ID = `wx${randomBytes(8).toString('hex')}`;
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

async function queryLogRows(t: TestApp, openid?: string): Promise<number> {
  await t.app.get(QueryLogService).flush();
  const dataSource = t.app.get(DataSource);
  const rows: { n: string }[] = openid
    ? await dataSource.query('SELECT COUNT(*) AS n FROM query_log WHERE user_ref = $1', [openid])
    : await dataSource.query('SELECT COUNT(*) AS n FROM query_log');
  return Number(rows[0].n);
}

// The mini knowledge plus one concern whose approved answer is far beyond WeChat's 2048-byte limit.
const LONG_ANSWER = Array.from({ length: 60 }, (_, i) => `第${i + 1}条：自驾车辆请按景区停车场指示牌有序停放，节假日高峰期请提前规划出行路线。`).join('\n');

function knowledgeWithLongConcern(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wechat-knowledge-'));
  cpSync(MINI_KNOWLEDGE, dir, { recursive: true });
  writeFileSync(join(dir, 'concerns', 'parking.yaml'), [
    '- id: C-tourism-parking',
    '  title: 自驾去景区怎么停车',
    '  question: 自驾去景区停车有什么规定？',
    '  paraphrases: [景区停车场在哪, 开车去景区停哪里, 景区能不能停车, 自驾游停车收费吗]',
    '  keywords: [景区停车, 自驾停车]',
    '  answer: |',
    ...LONG_ANSWER.split('\n').map((line) => `    ${line}`),
    '  area: tourism',
    '',
  ].join('\n'));
  return dir;
}

describe('WeChat official account webhook, plain mode (e2e)', () => {
  let t: TestApp;
  let api: FakeWechatApi;
  let http: ReturnType<typeof request>;
  const knowledgeDir = knowledgeWithLongConcern();

  beforeAll(async () => {
    api = await new FakeWechatApi().start();
    t = await startTestApp((config) => {
      config.knowledge.dir = knowledgeDir;
      Object.assign(config.wechat, {
        token: TOKEN, appId: APP_ID, appSecret: 'test-app-secret-0123456789', apiBaseUrl: api.url,
        publicBaseUrl: 'https://wenda.example.gov.cn',
        menu: { HOT: 'hot', COMPLAINT: 'concern:C-tourism-complaint', DIBAO: 'area:social-assistance', GUIDE: 'text:办事指南请见县政府网站。' },
      });
    });
    http = request(t.app.getHttpServer());
  });

  afterAll(async () => {
    await t.close();
    await api.stop();
    rmSync(knowledgeDir, { recursive: true, force: true });
  });

  const post = (xml: string, query = signedQuery(TOKEN)) =>
    http.post('/wechat/official-account').query(query).set('content-type', 'text/xml').send(xml);

  async function say(openid: string, content: string): Promise<Record<string, string>> {
    const res = await post(textMessage(openid, content)).expect(200);
    expect(res.headers['content-type']).toMatch(/xml/);
    expect(bytes(res.text)).toBeLessThan(2048 + 300);
    const reply = parseReply(res.text);
    expect(reply).toMatchObject({ ToUserName: openid, FromUserName: 'gh_test_account', MsgType: 'text' });
    expect(bytes(reply.Content)).toBeLessThanOrEqual(2048);
    return reply;
  }

  it('verifies the server URL with the token and echoes echostr; anything else is refused', async () => {
    const ok = await http.get('/wechat/official-account').query(signedQuery(TOKEN, { echostr: '4375120948345356249' })).expect(200);
    expect(ok.text).toBe('4375120948345356249');
    await http.get('/wechat/official-account').query(signedQuery('wrongToken', { echostr: '1' })).expect(401);
    await http.get('/wechat/official-account').query({ echostr: '1' }).expect(400);
    await http.get('/wechat/official-account').query(signedQuery(TOKEN, { echostr: '<script>' })).expect(400);
  });

  it('answers a text message with a passive reply built from the approved answer, and records 1/0 feedback', async () => {
    const openid = randomOpenid();
    const reply = await say(openid, '被旅行社坑了，去哪里投诉？');
    expect(reply.Content).toContain('县级文化和旅游行政部门');
    expect(reply.Content).toContain('回复“1”有用');

    const thanks = await say(openid, '1');
    expect(thanks.Content).toContain('感谢您的反馈');
    const rows = await t.app.get(DataSource).query('SELECT channel, concern_id, useful, question FROM answer_feedback WHERE user_ref = $1', [openid]);
    expect(rows).toEqual([{ channel: 'wechat', concern_id: 'C-tourism-complaint', useful: true, question: '被旅行社坑了，去哪里投诉？' }]);

    // Feedback counts once per answer: a second "0" is a new message, not a vote.
    await say(openid, '0');
    expect(await t.app.get(DataSource).query('SELECT useful FROM answer_feedback WHERE user_ref = $1', [openid])).toHaveLength(1);
    expect(await queryLogRows(t, openid)).toBe(2);
  });

  it('shortens an answer beyond 2048 bytes and links to the full-answer page, which shows all of it', async () => {
    const reply = await say(randomOpenid(), '开车去景区停哪里');
    expect(bytes(LONG_ANSWER)).toBeGreaterThan(4000);
    expect(reply.Content.startsWith('【自驾去景区怎么停车】')).toBe(true);
    expect(reply.Content).toContain('完整答复请点击：https://wenda.example.gov.cn/answer/C-tourism-parking');
    expect(reply.Content).toContain('回复“1”有用');
    expect(bytes(reply.Content)).toBeLessThanOrEqual(2048);
    const page = await http.get('/answer/C-tourism-parking').expect(200);
    expect(page.text).toContain('第60条：自驾车辆请按景区停车场指示牌有序停放');
  });

  it('asks back and takes the resident’s number in the next message ("回复数字选择" per openid)', async () => {
    const openid = randomOpenid();
    const first = await say(openid, '低保');
    expect(first.Content).toMatch(/请回复序号/);
    const second = await say(openid, '2');
    expect(second.Content).toMatch(/^【/);
    expect(second.Content).toContain('回复“1”有用');
  });

  it('treats voice with Recognition as text and asks for text for empty voice, images, locations and links', async () => {
    const openid = randomOpenid();
    const base = { ToUserName: 'gh_test_account', FromUserName: openid, CreateTime: String(Math.floor(Date.now() / 1000)) };
    const voice = await post(wechatXml({ ...base, MsgType: 'voice', MediaId: 'media_id', Format: 'amr', Recognition: '景区几点开门', MsgId: newMsgId() })).expect(200);
    expect(parseReply(voice.text).Content).toContain('【');
    const others: Record<string, string>[] = [
      { MsgType: 'voice', MediaId: 'media_id', Format: 'amr', Recognition: '' },
      { MsgType: 'image', PicUrl: 'this is a url', MediaId: 'media_id' },
      { MsgType: 'location', Location_X: '23.134521', Location_Y: '113.358803', Scale: '20', Label: '位置信息' },
      { MsgType: 'link', Title: 't', Description: 'd', Url: 'https://example.com' },
    ];
    for (const extra of others) {
      const res = await post(wechatXml({ ...base, ...extra, MsgId: newMsgId() })).expect(200);
      expect(parseReply(res.text).Content).toContain('请直接输入文字');
    }
  });

  it('welcomes a new follower with the hot concerns and serves the configured menu clicks', async () => {
    const openid = randomOpenid();
    // Events are told apart by FromUserName + CreateTime: each click gets its own second.
    let createTime = Math.floor(Date.now() / 1000);
    const event = (name: string, key?: string) => wechatXml({
      ToUserName: 'gh_test_account', FromUserName: openid, CreateTime: String(createTime++), MsgType: 'event', Event: name,
      ...(key ? { EventKey: key } : {}),
    });
    const welcome = parseReply((await post(event('subscribe', 'qrscene_123123')).expect(200)).text).Content;
    expect(welcome).toContain('欢迎关注');
    expect(welcome).toContain('大家都在问');
    expect(welcome).toContain('· ');

    expect(parseReply((await post(event('CLICK', 'COMPLAINT')).expect(200)).text).Content).toContain('县级文化和旅游行政部门');
    expect(parseReply((await post(event('CLICK', 'DIBAO')).expect(200)).text).Content).toMatch(/常见问题[\s\S]*低保/);
    expect(parseReply((await post(event('CLICK', 'GUIDE')).expect(200)).text).Content).toBe('办事指南请见县政府网站。');
    expect(parseReply((await post(event('CLICK', 'HOT')).expect(200)).text).Content).toContain('大家都在问');
    expect(parseReply((await post(event('CLICK', 'NOPE')).expect(200)).text).Content).toContain('暂未配置');
    expect((await post(event('unsubscribe')).expect(200)).text).toBe('success');
    expect((await post(event('VIEW', 'https://example.com')).expect(200)).text).toBe('success');
  });

  it('processes a message WeChat retries only once and answers every retry with the same reply', async () => {
    const openid = randomOpenid();
    const xml = textMessage(openid, '景区几点开门？', newMsgId());
    const concurrent = await Promise.all([post(xml), post(xml), post(xml)]);
    const later = await post(xml);
    const contents = [...concurrent, later].map((r) => parseReply(r.text).Content);
    expect(new Set(contents).size).toBe(1);
    expect(contents[0]).toContain('【');
    expect(await queryLogRows(t, openid)).toBe(1);
  });

  it('answers WeChat’s retry (same timestamp, nonce and message) but refuses that timestamp and nonce with another body', async () => {
    const query = signedQuery(TOKEN);
    const openid = randomOpenid();
    const first = textMessage(openid, '景区几点开门？');
    const reply = (await post(first, query).expect(200)).text;
    expect((await post(first, query).expect(200)).text).toBe(reply);
    const before = await queryLogRows(t, openid);
    const replayed = await post(textMessage(openid, '低保怎么申请'), query).expect(401);
    expect(replayed.body.message).toContain('重放');
    expect(await queryLogRows(t, openid)).toBe(before);
  });

  it('keys retries on sender and MsgId: another resident’s message with the same MsgId gets its own answer', async () => {
    const msgId = newMsgId();
    const first = parseReply((await post(textMessage(randomOpenid(), '景区几点开门？', msgId)).expect(200)).text);
    const other = randomOpenid();
    const second = parseReply((await post(textMessage(other, '被旅行社坑了，去哪里投诉？', msgId)).expect(200)).text);
    expect(second.ToUserName).toBe(other);
    expect(second.Content).not.toBe(first.Content);
    expect(second.Content).toContain('文化和旅游');
  });

  it('still answers when the shared store is unavailable (no de-duplication rather than no reply)', async () => {
    const dedupe = t.app.get(ReplyDeduplicator);
    const original = dedupe.once.bind(dedupe);
    dedupe.once = async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
    };
    try {
      const reply = await say(randomOpenid(), '被旅行社坑了，去哪里投诉？');
      expect(reply.Content).toContain('县级文化和旅游行政部门');
    } finally {
      dedupe.once = original;
    }
  });

  it('answers `success` in time when the engine is slow, then delivers the answer as a customer-service message', async () => {
    const conversation = t.app.get(ConversationService);
    const settings = t.app.get<WechatSettings>(WECHAT_SETTINGS);
    const original = conversation.ask.bind(conversation);
    // A slow engine: the real one, 2 s late; the reply budget is cut to 100 ms.
    conversation.ask = async (question: Question) => {
      await new Promise((r) => setTimeout(r, 2000));
      return original(question);
    };
    settings.replyBudgetMs = 100;
    try {
      const openid = randomOpenid();
      const xml = textMessage(openid, '被旅行社坑了，去哪里投诉？', newMsgId());
      const started = Date.now();
      const first = await post(xml).expect(200);
      expect(first.text).toBe('success');
      expect(Date.now() - started).toBeLessThan(1500); // did not wait for the engine
      const retry = await post(xml).expect(200); // WeChat's retry: same answer, not a second job
      expect(retry.text).toBe('success');

      const sent = await api.waitForMessages(1);
      const mine = sent.filter((m) => m.touser === openid);
      expect(mine).toHaveLength(1);
      expect(mine[0].msgtype).toBe('text');
      expect(mine[0].text.content).toContain('县级文化和旅游行政部门');
      await new Promise((r) => setTimeout(r, 300));
      expect(api.messages.filter((m) => m.touser === openid)).toHaveLength(1);
      expect(await queryLogRows(t, openid)).toBe(1);
      const metrics = await http.get('/metrics').expect(200);
      expect(metrics.text).toMatch(/^gda_wechat_webhook_timeouts_total 1$/m);
    } finally {
      conversation.ask = original;
      settings.replyBudgetMs = 4000;
    }
  });

  it('refuses forged, replayed, malformed, hostile and oversized requests with a 4xx and no side effects', async () => {
    const before = await queryLogRows(t);
    const openid = randomOpenid();
    const good = textMessage(openid, '低保怎么申请');
    const old = String(Math.floor(Date.now() / 1000) - 3600);
    const cases: [string, () => request.Test, number][] = [
      ['wrong signature', () => post(good, signedQuery('notTheToken')), 401],
      ['no signature', () => post(good, { timestamp: old, nonce: '1' }), 401],
      ['replayed (expired) timestamp', () => post(good, signedQuery(TOKEN, {}, old)), 401],
      ['missing timestamp', () => post(good, { signature: 'a'.repeat(40), nonce: '1' }), 400],
      ['malformed XML', () => post('<xml><Content>低保</xml>'), 400],
      ['XXE entity', () => post(`<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${good.replace('低保怎么申请', '&xxe;')}`), 400],
      ['JSON instead of XML', () => http.post('/wechat/official-account').query(signedQuery(TOKEN)).send({ Content: '低保' }), 400],
      ['empty body', () => post(''), 400],
      ['missing FromUserName', () => post(good.replace(/<FromUserName>.*?<\/FromUserName>/, '')), 400],
      ['bad FromUserName', () => post(good.replace(openid, 'o<script>')), 400],
      ['event without Event', () => post(wechatXml({ ToUserName: 'gh', FromUserName: openid, CreateTime: '1', MsgType: 'event' })), 400],
      ['encrypted message in plain mode', () => post(good, signedQuery(TOKEN, { encrypt_type: 'aes', msg_signature: 'a'.repeat(40) })), 400],
      ['oversized body', () => post(textMessage(openid, '低保'.repeat(20_000))), 413],
    ];
    for (const [name, send, status] of cases) {
      const res = await send();
      expect({ name, status: res.status }).toEqual({ name, status });
      expect(JSON.stringify(res.body)).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await queryLogRows(t)).toBe(before);
  });

  it('answers 503 with a clear message while the token is not configured', async () => {
    const settings = t.app.get<WechatSettings>(WECHAT_SETTINGS);
    const token = settings.token;
    settings.token = undefined;
    try {
      const res = await post(textMessage(randomOpenid(), '低保')).expect(503);
      expect(res.body.message).toContain('WECHAT_TOKEN');
      await http.get('/wechat/official-account').query({ echostr: '1' }).expect(503);
    } finally {
      settings.token = token;
    }
  });

  it('takes feedback from the web chat and serves the full-answer and chat pages', async () => {
    // A vote cites the exchange it is about: that answer's concern, once.
    const answered = await http.post('/api/answer').send({ text: '被旅行社坑了，去哪里投诉？' }).expect(200);
    const { exchangeId } = answered.body;
    expect(exchangeId).toMatch(/^[0-9a-f-]{36}$/);
    const greeting = await http.post('/api/answer').send({ text: '你好' }).expect(200);
    expect(greeting.body.exchangeId).toMatch(/^[0-9a-f-]{36}$/);
    const wrongConcern = await http.post('/api/feedback').send({ exchangeId, concernId: 'C-tourism-scenic-hours', useful: false }).expect(400);
    expect(wrongConcern.body.message).toContain('这次答复');
    await http.post('/api/feedback').send({ exchangeId, concernId: 'C-tourism-complaint', useful: false, sessionId: 'web-0123456789abcdef' }).expect(201);
    const again = await http.post('/api/feedback').send({ exchangeId, concernId: 'C-tourism-complaint', useful: false }).expect(409);
    expect(again.body.message).toContain('已经评价');
    const unknown = await http.post('/api/feedback').send({ exchangeId: '00000000-0000-4000-8000-000000000000', concernId: 'C-tourism-complaint', useful: true }).expect(400);
    expect(unknown.body.message).toContain('答复记录不存在或已过期');
    await http.post('/api/feedback').send({ exchangeId: greeting.body.exchangeId, concernId: 'C-tourism-complaint', useful: true }).expect(400);
    const votes = await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM answer_feedback WHERE user_ref = 'web-0123456789abcdef'`);
    expect(votes).toEqual([{ n: 1 }]);
    for (const bad of [
      { useful: true }, { exchangeId, useful: true }, { concernId: 'C-tourism-complaint', useful: true },
      { exchangeId, concernId: 'C-tourism-complaint', useful: 'yes' }, { exchangeId, concernId: 'C-tourism-complaint', useful: true, admin: 1 },
      { exchangeId: 'not an id', concernId: 'C-tourism-complaint', useful: true },
    ]) {
      await http.post('/api/feedback').send(bad).expect(400);
    }

    const page = await http.get('/answer/C-tourism-complaint').expect(200);
    expect(page.headers['content-type']).toMatch(/html/);
    expect(page.text).toContain('<h1>旅游投诉怎么办</h1>');
    expect(page.text).toContain('旅游市场举报投诉信息');
    const missing = await http.get('/answer/%3Cscript%3Ealert(1)%3C%2Fscript%3E').expect(404);
    expect(missing.text).not.toContain('<script>');
    await http.get('/answer/C-tourism-draft').expect(404);

    expect((await http.get('/chat').expect(200)).text).toContain('长者模式');
    expect((await http.get('/chat/chat.js').expect(200)).text).toContain('/api/answer');
    await http.get('/chat/chat.css').expect(200);
    await http.get('/chat/index.html.bak').expect(404);
    await http.get('/chat/..%2F..%2Fpackage.json').expect(404);
  });
});

describe('WeChat official account webhook, safe mode (e2e)', () => {
  const KEY = randomBytes(32).toString('base64').replace(/[^A-Za-z0-9]/g, 'x').slice(0, 43);
  const PREVIOUS = 'P'.repeat(43);
  let t: TestApp;
  let http: ReturnType<typeof request>;
  const crypt = new WechatCrypt([KEY], APP_ID);

  beforeAll(async () => {
    t = await startTestApp((config) => {
      Object.assign(config.wechat, { token: TOKEN, appId: APP_ID, encodingAesKey: KEY, previousEncodingAesKey: PREVIOUS });
    });
    http = request(t.app.getHttpServer());
  });

  afterAll(async () => {
    await t.close();
  });

  function encryptedPost(inner: string, using = crypt, tamper = false) {
    const encrypt = using.encrypt(inner);
    const query = signedQuery(TOKEN, { encrypt_type: 'aes', openid: 'o-any' });
    query.msg_signature = tamper ? wechatSignature('other', query.timestamp, query.nonce, encrypt) : wechatSignature(TOKEN, query.timestamp, query.nonce, encrypt);
    return http.post('/wechat/official-account').query(query).set('content-type', 'text/xml')
      .send(`<xml><ToUserName><![CDATA[gh_test_account]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`);
  }

  it('decrypts the message, answers it and replies encrypted with a valid MsgSignature', async () => {
    const openid = randomOpenid();
    const res = await encryptedPost(textMessage(openid, '被旅行社坑了，去哪里投诉？')).expect(200);
    const envelope = parseReply(res.text);
    expect(wechatSignature(TOKEN, envelope.TimeStamp, envelope.Nonce, envelope.Encrypt)).toBe(envelope.MsgSignature);
    const reply = parseReply(crypt.decrypt(envelope.Encrypt).message);
    expect(reply).toMatchObject({ ToUserName: openid, FromUserName: 'gh_test_account', MsgType: 'text' });
    expect(reply.Content).toContain('县级文化和旅游行政部门');
  });

  it('still accepts the previous EncodingAESKey and answers with it', async () => {
    const previous = new WechatCrypt([PREVIOUS], APP_ID);
    const res = await encryptedPost(textMessage(randomOpenid(), '景区几点开门')).expect(200);
    expect(res.text).toContain('<Encrypt>');
    const old = await encryptedPost(textMessage(randomOpenid(), '景区几点开门'), previous).expect(200);
    expect(parseReply(previous.decrypt(parseReply(old.text).Encrypt).message).Content).toContain('【');
  });

  it('refuses a wrong msg_signature, a plain message, another account and garbage ciphertext', async () => {
    const before = await queryLogRows(t);
    await encryptedPost(textMessage(randomOpenid(), '低保'), crypt, true).expect(401);
    await http.post('/wechat/official-account').query(signedQuery(TOKEN)).set('content-type', 'text/xml').send(textMessage(randomOpenid(), '低保')).expect(400);
    await encryptedPost(textMessage(randomOpenid(), '低保'), new WechatCrypt([KEY], 'wx0000000000000000')).expect(400);
    const query = signedQuery(TOKEN, { encrypt_type: 'aes' });
    query.msg_signature = wechatSignature(TOKEN, query.timestamp, query.nonce, 'QUJD');
    await http.post('/wechat/official-account').query(query).set('content-type', 'text/xml').send('<xml><Encrypt>QUJD</Encrypt></xml>').expect(400);
    expect(await queryLogRows(t)).toBe(before);
  });
});
