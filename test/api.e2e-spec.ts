import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { constants as zlibConstants, createBrotliCompress, gzipSync } from 'node:zlib';
import request from 'supertest';
import { createUserAndLogin, type SignedIn } from './support/auth.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const INTEGRATION_KEY = 'answer-e2e-key-0123456789abcdef';

describe('answer API (e2e)', () => {
  let t: TestApp;
  let http: ReturnType<typeof request>;
  let operator: SignedIn;

  beforeAll(async () => {
    t = await startTestApp((c) => {
      c.hotline.apiKeys = `platform-a:${INTEGRATION_KEY}`;
    });
    http = request(t.app.getHttpServer());
    operator = await createUserAndLogin(t, 'operator');
  });

  afterAll(async () => {
    await t.close();
  });

  const ask = (body: object) => http.post('/api/answer').send(body);
  // WeChat and hotline channels speak for verified residents: only staff or an integration may claim them.
  const askAsOperator = (body: object) => http.post('/api/answer').set(operator.headers).send(body);

  it('refuses channel wechat or hotline from an anonymous caller; accepts them from a signed-in operator or an X-Api-Key', async () => {
    for (const channel of ['wechat', 'hotline']) {
      const refused = await ask({ text: '低保怎么申请', channel }).expect(403);
      expect(refused.body.message).toMatch(/渠道.*话务员.*X-Api-Key/);
      await http.post('/api/answer').set('X-Api-Key', 'wrong').send({ text: '低保怎么申请', channel }).expect(403);
      await askAsOperator({ text: '低保怎么申请', channel }).expect(200);
      await http.post('/api/answer').set('X-Api-Key', INTEGRATION_KEY).send({ text: '低保怎么申请', channel }).expect(200);
    }
    await http.post('/api/answer').set('Authorization', 'Bearer nope').send({ text: '低保怎么申请', channel: 'hotline' }).expect(401);
    await ask({ text: '低保怎么申请', channel: 'web' }).expect(200);
  });

  it('answers a confident question with the approved answer and the item it rests on', async () => {
    const res = await ask({ text: '被旅行社坑了，去哪里投诉？', userId: 'u-answer' }).expect(200);
    expect(res.body.decision).toBe('answer');
    expect(res.body.concern).toEqual({ id: 'C-tourism-complaint', title: '旅游投诉怎么办' });
    expect(res.body.reply).toContain('县级文化和旅游行政部门');
    expect(res.body.reply).toContain('公开事项：旅游市场举报投诉信息');
    expect(res.body.reply).toContain('公开时限：信息形成之日起20个工作日内公开');
    expect(res.body.reply).toContain('《莆田市旅游领域基层政务公开标准指引》解读');
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual(['tourism-9']);
    expect(res.body.candidates[0]).toMatchObject({ type: 'concern', id: 'C-tourism-complaint' });
    expect(res.body.candidates.length).toBeLessThanOrEqual(5);
  });

  it('accepts traditional script, full-width characters and emoji', async () => {
    const res = await ask({ text: '景點幾點開門？😀ＡＢＣ' }).expect(200);
    expect(res.body.decision).toBe('answer');
    expect(res.body.concern.id).toBe('C-tourism-scenic-hours');
  });

  it('asks back when unsure, and the next message "2" picks the second choice for that user only', async () => {
    const first = await askAsOperator({ text: '低保', userId: 'u-clarify', channel: 'wechat' }).expect(200);
    expect(first.body.decision).toBe('clarify');
    expect(first.body.choices.length).toBeGreaterThanOrEqual(2);
    expect(first.body.reply).toMatch(/请回复序号/);
    const second = first.body.choices[1];

    const other = await askAsOperator({ text: '2', userId: 'someone-else', channel: 'wechat' }).expect(200);
    expect(other.body.decision).not.toBe('answer');

    const picked = await askAsOperator({ text: '2', userId: 'u-clarify', channel: 'wechat' }).expect(200);
    expect(picked.body.decision).toBe('answer');
    expect(picked.body.concern.id).toBe(second.id);

    const again = await askAsOperator({ text: '2', userId: 'u-clarify', channel: 'wechat' }).expect(200);
    expect(again.body.decision).not.toBe('answer');
  });

  it('answers punctuation, digits or emoji alone with a friendly prompt, never a 400', async () => {
    for (const text of ['？？？', '。。。。', '1111', '👍👍', '...']) {
      const res = await ask({ text }).expect(200);
      expect(res.body.decision).toBe('greeting');
      expect(res.body.concern).toBeNull();
      expect(res.body.candidates).toEqual([]);
      expect(res.body.reply).toMatch(/请用文字/);
    }
  });

  it('says so when a bare number answers no open clarification', async () => {
    const res = await ask({ text: '3', userId: 'u-no-clarification' }).expect(200);
    expect(res.body.decision).toBe('greeting');
    expect(res.body.concern).toBeNull();
    expect(res.body.reply).toMatch(/没有待选/);
  });

  it('answers the concern a choice button names, however old its clarification', async () => {
    const first = await ask({ text: '低保', userId: 'u-button' }).expect(200);
    expect(first.body.decision).toBe('clarify');
    const picked = first.body.choices[first.body.choices.length - 1];
    // Another question in between: the clarification is gone, the button still works.
    await ask({ text: '景区几点开门', userId: 'u-button' }).expect(200);
    const res = await ask({ text: picked.title, choice: picked.id, userId: 'u-button' }).expect(200);
    expect(res.body.decision).toBe('answer');
    expect(res.body.concern.id).toBe(picked.id);
    // An id that is not a published concern falls back to the text; a malformed one is refused.
    const unknown = await ask({ text: '景区几点开门', choice: 'C-no-such-concern' }).expect(200);
    expect(unknown.body.concern?.id).not.toBe('C-no-such-concern');
    await ask({ text: '低保', choice: 'a b' }).expect(400);
  });

  it('says honestly when it does not know, with the hotline', async () => {
    const res = await ask({ text: '护照加急办理需要几天' }).expect(200);
    expect(res.body.decision).toBe('none');
    expect(res.body.concern).toBeNull();
    expect(res.body.reply).toContain('12345');
  });

  it('greets without picking a concern', async () => {
    for (const text of ['你好', '谢谢！']) {
      const res = await ask({ text }).expect(200);
      expect(res.body.decision).toBe('greeting');
      expect(res.body.concern).toBeNull();
    }
  });

  it('never answers with a draft concern', async () => {
    const res = await ask({ text: '怎么报名当旅游志愿者' }).expect(200);
    expect(res.body.concern?.id).not.toBe('C-tourism-draft');
  });

  it.each([
    [{}, 'text'],
    [{ text: '' }, 'text'],
    [{ text: '   \n\t ' }, 'text'],
    [{ text: 42 }, 'text'],
    [{ text: ['低保'] }, 'text'],
    [{ text: '低'.repeat(1001) }, 'text'],
    [{ text: '低保', channel: 'fax' }, 'channel'],
    [{ text: '低保', userId: 'a b' }, 'userId'],
    [{ text: '低保', admin: true }, 'admin'],
  ])('rejects %j with a 400 naming %s', async (body, field) => {
    const res = await ask(body).expect(400);
    expect(JSON.stringify(res.body.message)).toContain(field);
  });

  it('rejects malformed JSON and oversized bodies with a 4xx, not a 500', async () => {
    await http.post('/api/answer').set('content-type', 'application/json').send('{"text": "低保').expect(400);
    const huge = JSON.stringify({ text: 'x'.repeat(200_000) });
    const tooLarge = await http.post('/api/answer').set('content-type', 'application/json').send(huge).expect(413);
    // Fastify's own 4xx errors are answered in Chinese like every other error (docs/architecture.md).
    expect(tooLarge.body).toEqual({ statusCode: 413, error: 'PAYLOAD_TOO_LARGE', message: '请求体过大 (request body too large)' });
  });

  it('survives a corrupt compressed body on a route that never reads it', async () => {
    // A gzip error with no reader used to be an unhandled 'error' event: the process exited.
    await http.get('/health').set('content-encoding', 'gzip').send(Buffer.from('not gzip at all')).expect(200);
    await http.post('/api/answer').set('content-type', 'text/plain').set('content-encoding', 'gzip').send(Buffer.from('not gzip at all')).expect(400);
    await http.post('/api/answer').set('content-type', 'application/json').set('content-encoding', 'gzip').serialize(asIs).send(Buffer.from('not gzip at all')).expect(400);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await http.get('/health').expect(200);
    const zipped = gzipSync(JSON.stringify({ text: '景区几点开门' }));
    await http.post('/api/answer').set('content-type', 'application/json').set('content-encoding', 'gzip').serialize(asIs).send(zipped).expect(200);
  });

  it('stops inflating a compressed body once it has been refused', async () => {
    const bomb = await brotliOfSpaces(1024); // 1 GiB of spaces in about 1.6 KB
    await http.post('/api/answer').set('content-type', 'application/json').set('content-encoding', 'br').serialize(asIs).send(bomb).expect(413);
    const before = process.cpuUsage();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const used = process.cpuUsage(before);
    // Inflating the rest (1 GiB) takes seconds of CPU; nothing should be left running.
    expect((used.user + used.system) / 1e6).toBeLessThan(0.4);
  });

  it('searches for operators, concerns first, with the approved answer', async () => {
    const res = await http.get('/api/search').query({ q: '旅游投诉' }).expect(200);
    expect(res.body.results[0]).toMatchObject({ type: 'concern', id: 'C-tourism-complaint' });
    expect(res.body.results[0].answer).toContain('文化和旅游行政部门');
    const items = await http.get('/api/search').query({ q: '旅行社名录', type: 'item' }).expect(200);
    expect(items.body.results.every((r: { type: string }) => r.type === 'item')).toBe(true);
    await http.get('/api/search').query({ q: '' }).expect(400);
    await http.get('/api/search').query({ q: '低保', limit: 'many' }).expect(400);
    await http.get('/api/search').query({ q: '低保', type: 'everything' }).expect(400);
  });

  it('links both ways: a concern shows its items, an item its concerns and interpretations', async () => {
    const concern = await http.get('/api/concerns/C-tourism-scenic-hours').expect(200);
    expect(concern.body.items[0]).toMatchObject({ id: 'tourism-4', title: 'A级旅游景区基本情况' });
    const item = await http.get('/api/items/tourism-4').expect(200);
    expect(item.body.concerns.map((c: { id: string }) => c.id).sort()).toEqual(['C-tourism-scenic-hours', 'C-tourism-scenic-list']);
    expect(item.body.interpretations).toEqual([{ id: 'interp-tourism-guideline', title: '《莆田市旅游领域基层政务公开标准指引》解读' }]);
    const interp = await http.get('/api/interpretations/interp-tourism-guideline').expect(200);
    expect(interp.body.concerns).toEqual([{ id: 'C-tourism-complaint', title: '旅游投诉怎么办' }]);
    await http.get('/api/items/nope').expect(404);
    await http.get('/api/concerns/%E4%B8%8D%E5%AD%98%E5%9C%A8').expect(404);
  });

  it('shows residents published concerns only: a draft (or retired) concern is 404, like /answer/:id', async () => {
    const draft = await http.get('/api/concerns/C-tourism-draft').expect(404);
    expect(draft.body.message).toContain('不存在');
    expect(JSON.stringify(draft.body)).not.toContain('草稿，不对外');
    await http.get('/answer/C-tourism-draft').expect(404);
  });

  it('reports health and readiness', async () => {
    const health = await http.get('/health').expect(200);
    expect(health.body).toMatchObject({ status: 'ok', concerns: 6, items: 4 });
    await http.get('/health/ready').expect(200);
  });

  it('serves the OpenAPI document', async () => {
    const res = await http.get('/api/docs-json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/answer', '/api/search', '/api/items/{id}']));
  });
});

/** Sends a Buffer as it is (superagent would JSON-encode it for a JSON content type). */
const asIs = (body: unknown) => body as string;

/** `mib` MiB of spaces, brotli-compressed: a tiny body that inflates far beyond any limit. */
function brotliOfSpaces(mib: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(1 << 20, 0x20);
    const brotli = createBrotliCompress({ params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 3 } });
    const out: Buffer[] = [];
    brotli.on('data', (data: Buffer) => out.push(data)).on('end', () => resolve(Buffer.concat(out))).on('error', reject);
    let written = 0;
    const write = () => {
      while (written < mib) {
        written++;
        if (!brotli.write(chunk)) return void brotli.once('drain', write);
      }
      brotli.end();
    };
    write();
  });
}
