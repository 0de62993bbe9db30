import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { FeedbackService, QueryLogService } from '@app/conversation';
import { DataSource } from 'typeorm';
import { createUserAndLogin, type SignedIn } from './support/auth.js';
import { startTestApp, type TestApp } from './support/test-app.js';

interface GroupView {
  key: string;
  label: string;
  count: number;
  channels: { web: number; wechat: number; hotline: number };
  questions: { text: string; count: number }[];
  askers: number;
  suggestedConcern: { id: string; title: string; score: number } | null;
  hot: boolean;
}

// Not in the mini knowledge: the engine declines these (decision "none").
const PASSPORT = ['护照加急办理需要几天', '护照加急办理需要几天？', '请问护照加急办理需要几天', '护照加急办理要几天啊', '护照加急办理需要几天呢'];
const DRIVING = ['驾驶证到期换证去哪里办', '驾驶证到期换证在哪里办理'];
const HOTLINE_KEY = randomBytes(12).toString('hex');

describe('learning loop, feedback and dashboard (e2e)', () => {
  let t: TestApp;
  let http: ReturnType<typeof request>;
  let curator: SignedIn;
  let dataSource: DataSource;

  // The wechat channel on /api/answer is for integrations (X-Api-Key) only.
  const ask = (text: string, userId?: string, channel = 'web') =>
    http.post('/api/answer').set(channel === 'web' ? {} : { 'X-Api-Key': HOTLINE_KEY }).send({ text, ...(userId ? { userId } : {}), channel }).expect(200);
  const flush = () => t.app.get(QueryLogService).flush();
  const groups = async (query = '') => {
    const res = await http.get(`/api/console/learning/groups${query}`).set(curator.headers).expect(200);
    return res.body.groups as GroupView[];
  };
  const groupWith = (list: GroupView[], text: string) => list.find((g) => g.questions.some((q) => q.text === text));
  /** A query_log row written directly (hotline callers, old askings): the columns the engine writes. */
  const logRow = (row: { question: string; channel: string; userRef: string | null; decision: string; topScore?: number | null; concernId?: string | null; daysAgo?: number }) =>
    dataSource.query(
      `INSERT INTO query_log (created_at, channel, user_ref, question, normalized, decision, concern_id, top_score, candidates)
       VALUES (now() - ($1 || ' days')::interval, $2, $3, $4, $5, $6, $7, $8, '[]')`,
      [String(row.daysAgo ?? 0), row.channel, row.userRef, row.question, row.question.replace(/[？?，。！]/g, ' ').trim(), row.decision,
        row.concernId ?? null, row.topScore ?? null],
    );

  beforeAll(async () => {
    t = await startTestApp((c) => {
      // Four: the passport group has six askers, of whom three are verified (the web ones are not).
      c.insights.hotAskers = 4;
      c.hotline.apiKeys = `platform-test:${HOTLINE_KEY}`;
      c.hotline.queuePrefix = `test-insights-${HOTLINE_KEY.slice(0, 8)}`;
    });
    http = request(t.app.getHttpServer());
    curator = await createUserAndLogin(t, 'curator');
    dataSource = t.app.get(DataSource);

    // Five residents on the web and WeChat ask about passports; two about driving licences.
    for (const [i, text] of PASSPORT.entries()) await ask(text, `resident-${i}`, i % 2 ? 'wechat' : 'web');
    for (const [i, text] of DRIVING.entries()) await ask(text, `driver-${i}`);
    // Confident answers and a clarification (asked back): only the latter is for the learning loop.
    await ask('被旅行社坑了，去哪里投诉？', 'happy-1');
    await ask('被旅行社坑了，去哪里投诉？', 'happy-2');
    await ask('低保', 'unsure-1', 'wechat');
    // A hotline caller (work order not answered) and an asking from long ago.
    await logRow({ question: '护照加急办理需要几天', channel: 'hotline', userRef: 'caller-1', decision: 'none' });
    await logRow({ question: '护照加急办理需要几天', channel: 'web', userRef: 'old-resident', decision: 'none', daysAgo: 45 });
    // Answered, but with a low score: unsure too.
    await logRow({ question: '景区门票能退吗', channel: 'web', userRef: 'guess-1', decision: 'answer', topScore: 0.52, concernId: 'C-tourism-scenic-hours' });
    await flush();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('needs a curator (or admin)', async () => {
    await http.get('/api/console/learning/groups').expect(401);
    const operator = await createUserAndLogin(t, 'operator');
    await http.get('/api/console/learning/groups').set(operator.headers).expect(403);
    await http.get('/api/console/dashboard').set(operator.headers).expect(403);
    await http.get('/api/console/feedback').set(operator.headers).expect(403);
    const admin = await createUserAndLogin(t, 'admin');
    await http.get('/api/console/learning/groups').set(admin.headers).expect(200);
  });

  it('groups similar declined questions with counts per channel and a hot flag; different ones apart', async () => {
    const list = await groups();
    const passport = groupWith(list, '护照加急办理需要几天')!;
    expect(passport).toBeDefined();
    // Five askings through the API + one hotline caller; the 45-day-old one is outside the window.
    expect(passport.count).toBe(6);
    expect(passport.channels).toEqual({ web: 3, wechat: 2, hotline: 1 });
    expect(passport.askers).toBe(6);
    // Hot counts verified askers only (2 WeChat + 1 hotline): web userIds are self-declared.
    expect(passport.hot).toBe(false);
    expect(passport.label).toBe('护照加急办理需要几天');
    expect(passport.questions.reduce((s, q) => s + q.count, 0)).toBe(6);

    const driving = groupWith(list, '驾驶证到期换证去哪里办')!;
    expect(driving).toBeDefined();
    expect(driving.key).not.toBe(passport.key);
    expect(driving.count).toBe(2);
    expect(driving.hot).toBe(false);
    expect(groupWith(list, '驾驶证到期换证在哪里办理')?.key).toBe(driving.key);

    // The clarification and the low-score answer are there; the confident answers are not.
    expect(groupWith(list, '低保')).toBeDefined();
    expect(groupWith(list, '景区门票能退吗')).toBeDefined();
    expect(groupWith(list, '被旅行社坑了，去哪里投诉？')).toBeUndefined();

    // The window: with 60 days the old asking counts too.
    expect(groupWith(await groups('?days=60'), '护照加急办理需要几天')!.count).toBe(7);
    // One channel only.
    const hotline = await groups('?channel=hotline');
    expect(hotline.map((g) => g.count)).toEqual([1]);
    expect(hotline[0].channels).toEqual({ web: 0, wechat: 0, hotline: 1 });
  });

  it('suggests the closest existing concern', async () => {
    const list = await groups();
    const dibao = groupWith(list, '低保')!;
    expect(dibao.suggestedConcern?.id).toMatch(/^C-social-assistance-dibao-/);
    expect(groupWith(list, '景区门票能退吗')!.suggestedConcern?.id).toMatch(/^C-tourism-scenic-/);
  });

  it('rejects bad parameters with a clear 4xx', async () => {
    const bad = async (path: string, status = 400) => {
      const res = await http.get(path).set(curator.headers).expect(status);
      expect(String(res.body.message)).toMatch(/[\u4e00-\u9fa5]/);
    };
    await bad('/api/console/learning/groups?days=0');
    await bad('/api/console/learning/groups?days=abc');
    await bad('/api/console/learning/groups?channel=fax');
    await bad('/api/console/dashboard?days=1000');
    const post = (path: string, body: object = {}) => http.post(path).set(curator.headers).send(body);
    expect((await post('/api/console/learning/groups/not-a-key/dismiss')).status).toBe(400);
    const missing = await post('/api/console/learning/groups/0123456789abcdef/dismiss').expect(404);
    expect(missing.body.message).toContain('问题组');
    const { key } = groupWith(await groups(), '低保')!;
    await post(`/api/console/learning/groups/${key}/add-paraphrases`, {}).expect(400);
    await post(`/api/console/learning/groups/${key}/add-paraphrases`, { concernId: 'C-no-such' }).expect(404);
    // A failed action leaves the group listed; two clicks at once act once.
    const twice = await Promise.all([post(`/api/console/learning/groups/${key}/dismiss`), post(`/api/console/learning/groups/${key}/dismiss`)]);
    expect(twice.map((r) => r.status).sort()).toEqual([200, 404]);
  });

  it('turns a group into a draft concern with the other questions as paraphrases; the group is gone', async () => {
    const driving = groupWith(await groups(), '驾驶证到期换证去哪里办')!;
    const res = await http.post(`/api/console/learning/groups/${driving.key}/new-concern`).set(curator.headers)
      .send({ answer: '驾驶证到期换证可到县公安局交警大队车管所办理。' }).expect(201);
    const id = res.body.concern.id as string;
    const concern = await http.get(`/api/console/concerns/${id}`).set(curator.headers).expect(200);
    expect(concern.body.status).toBe('draft');
    expect(concern.body.title).toBe('驾驶证到期换证去哪里办');
    expect(concern.body.question).toBe('驾驶证到期换证去哪里办');
    expect(concern.body.paraphrases).toEqual(['驾驶证到期换证在哪里办理']);
    // Audited: who created it.
    const audit = await http.get(`/api/console/audit?entityType=concern&entityId=${id}`).set(curator.headers).expect(200);
    expect(JSON.stringify(audit.body)).toContain(curator.user.username);

    const after = await groups();
    expect(groupWith(after, '驾驶证到期换证去哪里办')).toBeUndefined();
    // Still declined (a draft is not answered), yet handled: asking again does not bring it back.
    await ask('驾驶证到期换证去哪里办', 'driver-9');
    await flush();
    expect(groupWith(await groups(), '驾驶证到期换证去哪里办')).toBeUndefined();
  });

  it('adds a group as paraphrases of an existing concern, which then answers them', async () => {
    const tickets = groupWith(await groups(), '景区门票能退吗')!;
    const res = await http.post(`/api/console/learning/groups/${tickets.key}/add-paraphrases`).set(curator.headers)
      .send({ concernId: 'C-tourism-scenic-hours' }).expect(200);
    expect(res.body.added).toEqual(['景区门票能退吗']);
    const concern = await http.get('/api/console/concerns/C-tourism-scenic-hours').set(curator.headers).expect(200);
    expect(concern.body.paraphrases).toContain('景区门票能退吗');
    expect(groupWith(await groups(), '景区门票能退吗')).toBeUndefined();
    // The published concern now answers the question (the index follows within seconds).
    let decision = '';
    for (let i = 0; i < 50 && decision !== 'answer'; i++) {
      decision = (await ask('景区门票能退吗')).body.decision;
      if (decision !== 'answer') await new Promise((r) => setTimeout(r, 100));
    }
    expect(decision).toBe('answer');
  });

  it('dismisses a group; only new askings bring it back', async () => {
    const passport = groupWith(await groups(), '护照加急办理需要几天')!;
    await http.post(`/api/console/learning/groups/${passport.key}/dismiss`).set(curator.headers).expect(200);
    expect(groupWith(await groups(), '护照加急办理需要几天')).toBeUndefined();
    // The stored group is used up: acting on it again is a 404, not a silent no-op.
    await http.post(`/api/console/learning/groups/${passport.key}/dismiss`).set(curator.headers).expect(404);

    await ask('护照加急办理需要几天', 'resident-new');
    await flush();
    const back = groupWith(await groups(), '护照加急办理需要几天')!;
    expect(back.count).toBe(1);
    expect(back.hot).toBe(false);
  });

  it('12345 work orders the knowledge cannot answer land in the loop; many callers make a hot group', async () => {
    const contents = ['小区路灯坏了好几天没人修', '小区路灯坏了没人修找谁', '我们小区路灯坏了好几天了没人修', '小区路灯坏了好几天没人修', '小区的路灯坏了好几天没人来修'];
    for (const content of contents) {
      await http.post('/api/hotline/orders').set('X-Api-Key', HOTLINE_KEY).send({ channel: '电话', category: '求助', content }).expect(201);
    }
    await flush();
    const hotline = await groups('?channel=hotline');
    const lights = groupWith(hotline, '小区路灯坏了好几天没人修')!;
    expect(lights).toBeDefined();
    expect(lights.count).toBe(5);
    expect(lights.channels).toEqual({ web: 0, wechat: 0, hotline: 5 });
    expect(lights.questions.map((q) => q.text).sort()).toEqual([...new Set(contents)].sort());
    expect(lights.hot).toBe(true);
  });

  it('shows useful / not useful per concern', async () => {
    const feedback = t.app.get(FeedbackService);
    await feedback.record({ channel: 'web', userRef: 'a', concernId: 'C-tourism-complaint', useful: true });
    await feedback.record({ channel: 'wechat', userRef: 'b', concernId: 'C-tourism-complaint', useful: true });
    await feedback.record({ channel: 'web', userRef: 'c', concernId: 'C-tourism-complaint', useful: false });
    await feedback.record({ channel: 'web', userRef: 'd', concernId: 'C-social-assistance-dibao-apply', useful: false });
    const all = await http.get('/api/console/feedback').set(curator.headers).expect(200);
    expect(all.body.concerns).toEqual([
      { concernId: 'C-tourism-complaint', title: '旅游投诉怎么办', useful: 2, notUseful: 1 },
      { concernId: 'C-social-assistance-dibao-apply', title: '低保怎么申请', useful: 0, notUseful: 1 },
    ]);
    const one = await http.get('/api/console/feedback?concernId=C-social-assistance-dibao-apply').set(curator.headers).expect(200);
    expect(one.body.concerns).toEqual([{ concernId: 'C-social-assistance-dibao-apply', title: '低保怎么申请', useful: 0, notUseful: 1 }]);
  });

  it('dashboard: questions per day and channel, decisions, top concerns and gaps, late disclosures', async () => {
    await flush();
    const [{ n }] = await dataSource.query(`SELECT COUNT(*) AS n FROM query_log WHERE created_at >= now() - interval '30 days'`);
    const [{ answered }] = await dataSource.query(
      `SELECT COUNT(*) AS answered FROM query_log WHERE created_at >= now() - interval '30 days' AND concern_id = 'C-tourism-complaint' AND decision = 'answer'`,
    );
    // One item well past its 20 working days; one whose limit cannot be checked (no number).
    await dataSource.query(`UPDATE catalogue_items SET updated_at = '2024-03-01T02:00:00Z' WHERE id IN ('tourism-9', 'tourism-5')`);
    await dataSource.query(`UPDATE catalogue_items SET time_limit = '及时公开' WHERE id = 'tourism-5'`);

    const res = await http.get('/api/console/dashboard').set(curator.headers).expect(200);
    const d = res.body;
    expect(d.total).toBe(Number(n));
    expect(d.perDay.reduce((s: number, r: { count: number }) => s + r.count, 0)).toBe(Number(n));
    expect(d.perDay.every((r: { date: string }) => /^\d{4}-\d{2}-\d{2}$/.test(r.date))).toBe(true);
    // Every day of the window (31 calendar days for 30 × 24 h) × three channels, quiet days as zeros.
    expect(d.perDay).toHaveLength(31 * 3);
    expect(new Set(d.perDay.map((r: { channel: string }) => r.channel))).toEqual(new Set(['web', 'wechat', 'hotline']));
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const todays = d.perDay.filter((r: { date: string }) => r.date === today);
    expect(todays.reduce((s: number, r: { count: number }) => s + r.count, 0)).toBe(Number(n));
    expect(todays.find((r: { channel: string }) => r.channel === 'hotline').count).toBe(6);
    expect(d.decisions.answer + d.decisions.clarify + d.decisions.none + d.decisions.greeting).toBe(Number(n));
    expect(d.decisions.clarify).toBeGreaterThanOrEqual(1);
    expect(d.decisionRates.none).toBeCloseTo(d.decisions.none / Number(n), 2);
    expect(d.topConcerns).toContainEqual({ id: 'C-tourism-complaint', title: '旅游投诉怎么办', count: Number(answered) });
    expect(d.topUnanswered.length).toBeGreaterThan(0);
    expect(d.topUnanswered[0]).toEqual(expect.objectContaining({ label: expect.any(String), count: expect.any(Number) }));
    expect(d.overdueItems).toEqual([
      expect.objectContaining({ id: 'tourism-9', area: '旅游', timeLimit: '信息形成之日起20个工作日内公开', lastUpdated: '2024-03-01' }),
    ]);
    expect(d.overdueItems[0].deadline).toBe('2024-03-29');
    expect(d.overdueTotal).toBe(1);
  });
});
