import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { QueryLogService } from '@app/conversation';
import { WorkingDayCalendar, WorkOrderService, localDate } from '@app/hotline';
import { DataSource } from 'typeorm';
import { createUserAndLogin, type SignedIn } from './support/auth.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const KEY_A = `key-a-${randomBytes(12).toString('hex')}`;
const KEY_B = `key-b-${randomBytes(12).toString('hex')}`;

describe('12345 hotline API (e2e)', () => {
  let t: TestApp;
  let http: ReturnType<typeof request>;
  let operator: SignedIn;
  let otherOperator: SignedIn;
  let admin: SignedIn;
  let curator: SignedIn;
  const calendar = new WorkingDayCalendar();

  beforeAll(async () => {
    t = await startTestApp((c) => {
      c.hotline.apiKeys = `platform-a:${KEY_A},platform-b:${KEY_B}`;
      c.hotline.queuePrefix = `test-hotline-${randomBytes(4).toString('hex')}`;
    });
    http = request(t.app.getHttpServer());
    [operator, otherOperator, admin, curator] = await Promise.all([
      createUserAndLogin(t, 'operator'), createUserAndLogin(t, 'operator'), createUserAndLogin(t, 'admin'), createUserAndLogin(t, 'curator'),
    ]);
  });

  afterAll(async () => {
    await t?.close();
  });

  const create = (body: object, key = KEY_A) => http.post('/api/hotline/orders').set('X-Api-Key', key).send(body);
  const order = (id: string, key = KEY_A) => http.get(`/api/hotline/orders/${id}`).set('X-Api-Key', key);
  const transition = (id: string, body: object, key = KEY_A) => http.post(`/api/hotline/orders/${id}/transitions`).set('X-Api-Key', key).send(body);
  const transitions = async (id: string) => (await http.get(`/api/hotline/orders/${id}/transitions`).set('X-Api-Key', KEY_A).expect(200)).body.transitions;
  /** What the calendar says for an order accepted at `acceptedAt` (or the manual flag in a year without data). */
  const expectedDeadline = (acceptedAt: string, days: number) => {
    try {
      return calendar.deadline(new Date(acceptedAt), days, '18:00').toISOString();
    } catch {
      return null;
    }
  };

  describe('adapter authentication', () => {
    it('rejects a missing or wrong X-Api-Key with 401 and creates nothing', async () => {
      const body = { channel: '电话', category: '咨询', content: '低保怎么申请' };
      expect((await http.post('/api/hotline/orders').send(body).expect(401)).body.message).toMatch(/X-Api-Key/);
      await create(body, 'wrong-key-wrong-key-wrong').expect(401);
      await create(body, `${KEY_A}x`).expect(401);
      const { total } = (await http.get('/api/hotline/work-orders').set(admin.headers).expect(200)).body;
      expect(total).toBe(0);
    });

    it('validates the body with clear Chinese messages', async () => {
      const res = await create({ channel: '电话', category: '闲聊', content: '', extra: 1 }).expect(400);
      const text = JSON.stringify(res.body.message);
      expect(text).toContain('category 只能是');
      expect(text).toContain('content 不能为空');
      expect(text).toContain('extra');
      await create({ channel: '电话', category: '咨询', content: '低保', callerPhone: 'abc' }).expect(400);
    });
  });

  describe('reply modes proposed from the engine', () => {
    it('即时答复: a confident answer to a 咨询 closes the order with the approved answer', async () => {
      const res = await create({ channel: '电话', category: '咨询', content: '被旅行社坑了，去哪里投诉？', callerPhone: '13812345678' }).expect(201);
      const o = res.body.order;
      expect(o).toMatchObject({ replyMode: 'instant', replyModeLabel: '即时答复', status: 'closed', deadline: null, callerPhone: '138****5678' });
      expect(o.answer).toContain('县级文化和旅游行政部门');
      expect(o.proposal.concernId).toBe('C-tourism-complaint');
      const steps = await transitions(o.id);
      expect(steps.map((s: { from: string | null; to: string }) => `${s.from}>${s.to}`)).toEqual(['null>accepted', 'accepted>replied', 'replied>closed']);
      expect(steps[0].actor).toBe('integration:platform-a');
      expect(steps[1].actor).toBe('system');
    });

    it('限时答复: a complaint is dispatched to the area department with a deadline in working days', async () => {
      const res = await create({ channel: '网站', category: '投诉', content: '旅游投诉怎么办，被强制购物' }).expect(201);
      const o = res.body.order;
      expect(o).toMatchObject({ replyMode: 'limited', status: 'dispatched', department: '县级文化和旅游行政部门' });
      expect(o.proposal.concernId).toBe('C-tourism-complaint'); // kept as a reference for the department
      const expected = expectedDeadline(o.acceptedAt, 15);
      expect(o.deadline).toBe(expected);
      expect(o.deadlineSource).toBe(expected ? 'calendar' : 'manual-required');
      expect(new Date(o.deadline ?? o.acceptedAt).getTime()).toBeGreaterThanOrEqual(new Date(o.acceptedAt).getTime());
    });

    it('限时答复 without a known department stays 受理 for the operator to dispatch; with an area it is dispatched', async () => {
      const none = (await create({ channel: '电话', category: '咨询', content: '护照加急办理需要几天' }).expect(201)).body.order;
      expect(none).toMatchObject({ replyMode: 'limited', status: 'accepted', department: null });
      expect(none.deadline).toBe(expectedDeadline(none.acceptedAt, 3));
      const withArea = (await create({ channel: '电话', category: '求助', content: '家里房子漏雨没人管', areaCode: 'social-assistance' }).expect(201)).body.order;
      expect(withArea).toMatchObject({ replyMode: 'limited', status: 'dispatched', department: '县民政局' });
      expect(withArea.deadline).toBe(expectedDeadline(withArea.acceptedAt, 7));
    });

    it('短时答复: when the engine asks back, the order gets a same-working-day deadline and a callback', async () => {
      const o = (await create({ channel: '电话', category: '咨询', content: '低保' }).expect(201)).body.order;
      expect(o).toMatchObject({ replyMode: 'short', status: 'accepted' });
      // The operator confirms one of the concerns the engine offered.
      expect(o.proposal.choices.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining(['C-social-assistance-dibao-apply', 'C-social-assistance-dibao-standard']));
      let expected: string | null = null;
      try {
        expected = calendar.sameDayDeadline(new Date(o.acceptedAt), '18:00').toISOString();
      } catch { /* year without data: manual */ }
      expect(o.deadline).toBe(expected);
      expect(o.callbackDueAt).toBe(expected);
      if (expected) expect(calendar.isWorkingDay(localDate(new Date(expected)))).toBe(true);
    });

    it('a year without calendar data gives a flagged manual deadline, never a Monday–Friday guess', async () => {
      const service = t.app.get(WorkOrderService) as unknown as { calendar: WorkingDayCalendar };
      const original = service.calendar;
      service.calendar = new WorkingDayCalendar({}, { holidays: {}, workdays: {} });
      try {
        const o = (await create({ channel: '电话', category: '建议', content: '建议景区增加停车位' }).expect(201)).body.order;
        expect(o).toMatchObject({ replyMode: 'limited', deadline: null, deadlineSource: 'manual-required', needsManualDeadline: true });
        expect(o.deadlineNote).toMatch(/工作日历没有 \d{4} 年/);
        // The operator sets it by hand.
        const id = o.id;
        const set = await http.post(`/api/hotline/work-orders/${id}/deadline`).set(operator.headers)
          .send({ deadline: '2099-01-05T18:00:00+08:00', note: '按县政府办通知' }).expect(200);
        expect(set.body).toMatchObject({ deadline: '2099-01-05T10:00:00.000Z', deadlineSource: 'manual', needsManualDeadline: false });
        await http.post(`/api/hotline/work-orders/${id}/deadline`).set(operator.headers).send({ deadline: '明天' }).expect(400);
      } finally {
        service.calendar = original;
      }
    });

    it('sends every order through the engine on the hotline channel, so unanswered ones reach the learning loop', async () => {
      await create({ channel: '电话', category: '咨询', content: '公租房摇号结果在哪看，我电话13912345678' }).expect(201);
      await t.app.get(QueryLogService).flush();
      const rows = await t.app.get(DataSource).query(`SELECT question, decision FROM query_log WHERE channel = 'hotline' AND question LIKE '%公租房摇号%'`);
      expect(rows).toHaveLength(1);
      expect(rows[0].decision).not.toBe('answer');
      expect(rows[0].question).toContain('139****5678');
      expect(rows[0].question).not.toContain('13912345678');
    });
  });

  describe('idempotent creation on the external id', () => {
    const body = { externalId: `GD-${randomBytes(4).toString('hex')}`, channel: '电话', category: '求助', content: '低保去哪里办', callerPhone: '13800001111' };

    it('returns the same order for the same body (200) and 409 for a different body with the same id', async () => {
      const first = await create(body).expect(201);
      const again = await create(body).expect(200);
      expect(again.body).toMatchObject({ created: false, order: { id: first.body.order.id } });
      const conflict = await create({ ...body, content: '低保标准是多少' }).expect(409);
      expect(conflict.body.message).toContain(body.externalId);
      // Another integration may use the same number for its own order.
      const other = await create(body, KEY_B).expect(201);
      expect(other.body.order.id).not.toBe(first.body.order.id);
      await order(first.body.order.id, KEY_B).expect(404);
    });

    it('creates one order when the platform delivers the same order several times at once', async () => {
      const parallel = { ...body, externalId: `GD-${randomBytes(4).toString('hex')}` };
      const results = await Promise.all(Array.from({ length: 5 }, () => create(parallel)));
      expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
      expect(new Set(results.map((r) => r.body.order.id)).size).toBe(1);
    });
  });

  describe('lifecycle', () => {
    it('walks 派单 → 办理 → 答复 → 办结 → 回访/评价, recording every step, and rejects every illegal transition', async () => {
      const o = (await create({ channel: '电话', category: '咨询', content: '护照加急办理需要几天' }).expect(201)).body.order;
      expect(o.status).toBe('accepted');
      const illegal = await transition(o.id, { to: 'closed' }).expect(409);
      expect(illegal.body.message).toBe('工单当前状态为「受理」，不能转为「办结」（可转为：「派单」、「答复」）');
      expect((await transition(o.id, { to: 'dispatched' }).expect(400)).body.message).toContain('承办单位');
      await transition(o.id, { to: 'dispatched', department: '县公安局出入境管理大队' }).expect(200);
      await transition(o.id, { to: 'replied', answer: 'x' }).expect(409);
      await transition(o.id, { to: 'processing', note: '已签收' }).expect(200);
      expect((await transition(o.id, { to: 'replied' }).expect(400)).body.message).toContain('答复内容');
      await transition(o.id, { to: 'replied', answer: '一般 7 个工作日，以出入境管理部门告知为准。' }).expect(200);
      await transition(o.id, { to: 'closed' }).expect(200);
      expect((await transition(o.id, { to: 'reviewed' }).expect(400)).body.message).toContain('满意度');
      const done = await transition(o.id, { to: 'reviewed', satisfaction: '满意' }).expect(200);
      expect(done.body).toMatchObject({ status: 'reviewed', satisfaction: '满意', next: [] });
      expect((await transition(o.id, { to: 'accepted' }).expect(409)).body.message).toContain('流程已结束');
      await transition(o.id, { to: 'nonsense' }).expect(400);
      const steps = await transitions(o.id);
      expect(steps.map((s: { to: string }) => s.to)).toEqual(['accepted', 'dispatched', 'processing', 'replied', 'closed', 'reviewed']);
      expect(steps.every((s: { at: string; actor: string }) => s.at && s.actor === 'integration:platform-a')).toBe(true);
      await http.get('/api/hotline/orders/999999999').set('X-Api-Key', KEY_A).expect(404);
      await http.get('/api/hotline/orders/abc').set('X-Api-Key', KEY_A).expect(400);
    });

    it('lets only one of two concurrent transitions from the same status win', async () => {
      const o = (await create({ channel: '电话', category: '咨询', content: '护照丢了怎么补办' }).expect(201)).body.order;
      await transition(o.id, { to: 'dispatched', department: '县公安局' }).expect(200);
      const results = await Promise.all([transition(o.id, { to: 'processing' }), transition(o.id, { to: 'accepted', note: '退单' })]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect((await transitions(o.id)).length).toBe(3);
    });
  });

  describe('operator endpoints and personal data', () => {
    let id: string;

    beforeAll(async () => {
      id = (await create({ channel: '电话', category: '求助', content: '我叫张三，电话13812345678，身份证110101199003071234，家里困难想办低保', callerPhone: '13812345678' }).expect(201)).body.order.id;
    });

    it('requires a signed-in operator (401 without token, 403 for a curator)', async () => {
      await http.get('/api/hotline/work-orders').expect(401);
      await http.get('/api/hotline/work-orders').set(curator.headers).expect(403);
      await http.get('/api/hotline/search?q=低保').set(curator.headers).expect(403);
    });

    it('lists with filters and masked content; the detail is full only for the owner and admins', async () => {
      const list = (await http.get('/api/hotline/work-orders?category=求助&pageSize=50').set(operator.headers).expect(200)).body;
      const listed = list.items.find((o: { id: string }) => o.id === id);
      expect(listed.content).toContain('138****5678');
      expect(listed.content).toContain('110101***********4');
      expect(listed.content).not.toContain('13812345678');
      expect(listed.callerPhone).toBe('138****5678');
      expect(list.items.every((o: { category: string }) => o.category === '求助')).toBe(true);
      await http.get('/api/hotline/work-orders?status=bogus').set(operator.headers).expect(400);
      await http.get('/api/hotline/work-orders?pageSize=1000').set(operator.headers).expect(400);

      const before = (await http.get(`/api/hotline/work-orders/${id}`).set(operator.headers).expect(200)).body;
      expect(before).toMatchObject({ callerPhone: '138****5678', personalDataRevealed: false });
      const claimed = (await http.post(`/api/hotline/work-orders/${id}/claim`).set(operator.headers).expect(200)).body;
      expect(claimed).toMatchObject({ callerPhone: '13812345678', personalDataRevealed: true });
      expect(claimed.content).toContain('13812345678');
      expect((await http.post(`/api/hotline/work-orders/${id}/claim`).set(otherOperator.headers).expect(409)).body.message).toContain('已由其他话务员认领');
      expect((await http.get(`/api/hotline/work-orders/${id}`).set(otherOperator.headers).expect(200)).body.callerPhone).toBe('138****5678');
      const forAdmin = (await http.get(`/api/hotline/work-orders/${id}`).set(admin.headers).expect(200)).body;
      expect(forAdmin.callerPhone).toBe('13812345678');
      expect(forAdmin.transitions.map((s: { action: string }) => s.action)).toContain('claim');
      // The adapter view is always masked.
      expect((await order(id).expect(200)).body.callerPhone).toBe('138****5678');
      const mine = (await http.get('/api/hotline/work-orders?mine=true').set(operator.headers).expect(200)).body;
      expect(mine.items.map((o: { id: string }) => o.id)).toEqual([id]);
      const byText = (await http.get(`/api/hotline/work-orders?q=${encodeURIComponent('家里困难')}`).set(operator.headers).expect(200)).body;
      expect(byText.items.map((o: { id: string }) => o.id)).toEqual([id]);
      // The masked copy is what is searched: a full number finds nothing; % is a character, not a wildcard.
      expect((await http.get('/api/hotline/work-orders?q=13812345678').set(operator.headers).expect(200)).body.total).toBe(0);
      expect((await http.get(`/api/hotline/work-orders?q=${encodeURIComponent('%')}`).set(operator.headers).expect(200)).body.total).toBe(0);
    });

    it('replies and closes in one step, and records the operator as the actor', async () => {
      const created = (await http.post('/api/hotline/work-orders').set(operator.headers)
        .send({ channel: '电话', category: '咨询', content: '低保', callerPhone: '13700002222' }).expect(201)).body;
      expect(created.order).toMatchObject({ replyMode: 'short', callerPhone: '13700002222', personalDataRevealed: true });
      const replied = (await http.post(`/api/hotline/work-orders/${created.order.id}/reply`).set(operator.headers)
        .send({ answer: '低保由乡镇人民政府受理申请，县民政局审核确认。', close: true }).expect(200)).body;
      expect(replied).toMatchObject({ status: 'closed', answer: '低保由乡镇人民政府受理申请，县民政局审核确认。' });
      const detail = (await http.get(`/api/hotline/work-orders/${created.order.id}`).set(operator.headers).expect(200)).body;
      const last = detail.transitions.at(-1);
      expect(last).toMatchObject({ from: 'replied', to: 'closed', actor: `user:${operator.user.id}` });
      await http.post(`/api/hotline/work-orders/${created.order.id}/reply`).set(operator.headers).send({ answer: '再答一次' }).expect(409);
      await http.post(`/api/hotline/work-orders/${created.order.id}/reply`).set(operator.headers).send({}).expect(400);
    });

    it('lets only the owner or an admin act on a claimed order; another operator gets 403', async () => {
      const created = (await http.post('/api/hotline/work-orders').set(operator.headers)
        .send({ channel: '电话', category: '投诉', content: '小区路灯坏了没人修' }).expect(201)).body.order;
      const path = `/api/hotline/work-orders/${created.id}`;
      const refused = await http.post(`${path}/reply`).set(otherOperator.headers).send({ answer: '已处理', close: true }).expect(403);
      expect(refused.body.message).toContain('只有认领人或管理员');
      const deadline = { deadline: new Date(Date.now() + 86_400_000).toISOString() };
      await http.post(`${path}/deadline`).set(otherOperator.headers).send(deadline).expect(403);
      expect((await http.get(path).set(operator.headers).expect(200)).body.status).not.toBe('closed');
      await http.post(`${path}/deadline`).set(admin.headers).send(deadline).expect(200);
      await http.post(`${path}/reply`).set(operator.headers).send({ answer: '已派县住建局维修', close: true }).expect(200);
    });
  });

  describe('operator answer search', () => {
    it('finds the concern first with its approved answer, marked words, item basis, time limit and responsible body', async () => {
      const res = await http.get(`/api/hotline/search?q=${encodeURIComponent('低保申请')}`).set(operator.headers).expect(200);
      const top = res.body.concerns[0];
      expect(top.id).toBe('C-social-assistance-dibao-apply');
      expect(top.answer.text).toContain('县民政局审核确认');
      expect(top.title.text).toBe('低保怎么申请');
      expect(top.title.ranges).toEqual([[0, 2], [4, 6]]); // 低保 and 申请
      const marked = top.answer.ranges.map(([s, e]: [number, number]) => top.answer.text.slice(s, e));
      expect(marked.length).toBeGreaterThan(0);
      expect(marked.every((m: string) => /申请|低保|最低生活保障/.test(m))).toBe(true);
      expect(top.items[0]).toMatchObject({
        id: 'social-assistance-1', basis: '《社会救助暂行办法》', timeLimit: '制定或获取信息之日起10个工作日内',
        publisher: '县级政府民政部门、乡镇政府(街道办事处)', department: '县民政局',
      });
      expect(top.related.map((r: { id: string }) => r.id)).toContain('C-social-assistance-dibao-standard');
      expect(res.body.items[0].id).toBe('social-assistance-1');
      expect(res.body.concerns.map((c: { id: string }) => c.id)).not.toContain('C-tourism-draft');
    });

    it('answers traditional script and typos, returns empty lists for nothing meaningful, and rejects bad input', async () => {
      const trad = await http.get(`/api/hotline/search?q=${encodeURIComponent('景點開放時間')}`).set(operator.headers).expect(200);
      expect(trad.body.concerns[0].id).toBe('C-tourism-scenic-hours');
      const nothing = await http.get(`/api/hotline/search?q=${encodeURIComponent('的了吗')}`).set(operator.headers).expect(200);
      expect(nothing.body).toMatchObject({ concerns: [], items: [], interpretations: [] });
      await http.get('/api/hotline/search').set(operator.headers).expect(400);
      await http.get(`/api/hotline/search?q=${'低'.repeat(201)}`).set(operator.headers).expect(400);
      const only = await http.get(`/api/hotline/search?q=${encodeURIComponent('旅游投诉')}&type=item`).set(operator.headers).expect(200);
      expect(only.body.concerns).toEqual([]);
      expect(only.body.items.length).toBeGreaterThan(0);
    });
  });
});
