import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AppConfig } from '@app/common';
import { BullJobQueue } from '@app/jobs';
import { WorkOrderScheduler, WorkOrderService, type HotlineActor } from '@app/hotline';
import { DataSource } from 'typeorm';
import { createTestSchema, startTestApp, type TestApp } from './support/test-app.js';

const WITH_REDIS = Boolean(process.env.REDIS_URL);
const WITH_POSTGRES = Boolean(process.env.DATABASE_URL);
const operator: HotlineActor = { kind: 'user', id: '1', name: '测试话务员', role: 'operator' };

/** Reminder halfway to a deadline a few seconds away, 督办 at once when overdue. */
function fastDeadlines(prefix: string) {
  return (c: AppConfig) => {
    c.hotline.queuePrefix = prefix;
    c.hotline.reminderLeadMinutes = 60;
    c.hotline.escalateAfterMinutes = 0;
  };
}

async function events(t: TestApp, orderId: string): Promise<string[]> {
  const rows: { action: string }[] = await t.app.get(DataSource).query(
    `SELECT action FROM hotline_work_order_transitions WHERE order_id = $1 AND action IN ('remind', 'overdue', 'escalate') ORDER BY id`, [orderId],
  );
  return rows.map((r) => r.action);
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** An open, dispatched order (a complaint) whose deadline is moved to `inMs` from now. */
async function orderDueIn(t: TestApp, inMs: number): Promise<string> {
  const service = t.app.get(WorkOrderService);
  const { order } = await service.create({ channel: '电话', category: '投诉', content: '旅游投诉怎么办，导游强制购物' }, operator);
  await service.setDeadline(order.id, new Date(Date.now() + inMs), '测试：时限改为几秒后', operator);
  return order.id;
}

describe(`hotline deadline jobs (${WITH_REDIS ? 'Bull on Redis' : 'in-process runner'})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(fastDeadlines(`test-hl-${randomBytes(4).toString('hex')}`));
  });

  afterAll(async () => {
    await t?.close();
  });

  it('reminds, marks overdue and escalates an open order once each, in that order', async () => {
    expect(t.app.get(WorkOrderScheduler).queue.kind).toBe(WITH_REDIS ? 'bull' : 'in-process');
    const id = await orderDueIn(t, 1500);
    expect(await events(t, id)).toEqual([]);
    const seen = await waitFor(() => events(t, id), (e) => e.length >= 3);
    expect(seen).toEqual(['remind', 'overdue', 'escalate']);
    const order = await t.app.get(WorkOrderService).get(id);
    expect(order.overdueAt).not.toBeNull();
    expect(order.escalatedAt).not.toBeNull();
    // Running a handler again (a retry, another instance, the sweep) changes nothing.
    const scheduler = t.app.get(WorkOrderScheduler);
    expect(await scheduler.apply('overdue', id, order.deadline!)).toBe(false);
    expect(await scheduler.apply('escalate', id, order.deadline!)).toBe(false);
    await scheduler.sweep();
    expect(await events(t, id)).toEqual(['remind', 'overdue', 'escalate']);
  });

  it('does nothing for an order answered before its deadline, or for a deadline since moved', async () => {
    const service = t.app.get(WorkOrderService);
    const answered = await orderDueIn(t, 1200);
    await service.transition(answered, { to: 'processing' }, operator);
    await service.transition(answered, { to: 'replied', answer: '已联系旅游主管部门处理。' }, operator);
    const moved = await orderDueIn(t, 1200);
    const later = await service.setDeadline(moved, new Date(Date.now() + 3600_000), '延期', operator);
    await new Promise((r) => setTimeout(r, 2500));
    expect(await events(t, answered)).toEqual([]);
    expect(await events(t, moved)).toEqual([]);
    // A job for the old deadline finds nothing to do.
    expect(await t.app.get(WorkOrderScheduler).apply('overdue', moved, new Date(later.deadline!.getTime() - 3600_000))).toBe(false);
  });
});

describe('hotline deadline jobs across a restart', () => {
  let dataDir: string | undefined;
  let shared: { url: string; drop(): Promise<void> } | undefined;
  const prefix = `test-hl-restart-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    if (WITH_POSTGRES) shared = await createTestSchema();
    else dataDir = mkdtempSync(join(tmpdir(), 'hotline-restart-'));
  });

  afterAll(async () => {
    await shared?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const start = () => startTestApp((c) => {
    fastDeadlines(prefix)(c);
    if (dataDir) c.storage.dataDir = dataDir;
  }, { sharedDatabaseUrl: shared?.url });

  it('applies what fell due while the service was down, exactly once', async () => {
    const first = await start();
    const id = await orderDueIn(first, 2000);
    const deadline = (await first.app.get(WorkOrderService).get(id)).deadline!.getTime();
    await first.close();
    if (WITH_REDIS) {
      // The delayed jobs outlive the instance that queued them.
      const probe = new BullJobQueue(process.env.REDIS_URL!, prefix);
      const delayed = (await probe.queue.getDelayed()).map((j) => String(j.id));
      await probe.close();
      expect(delayed).toEqual(expect.arrayContaining([`overdue-${id}-${deadline}`, `escalate-${id}-${deadline}`]));
    }
    await new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now()) + 300));

    const second = await start();
    try {
      const seen = await waitFor(() => events(second, id), (e) => e.length >= 3);
      expect(seen).toEqual(['remind', 'overdue', 'escalate']);
      await new Promise((r) => setTimeout(r, 1000)); // any late duplicate (Bull job after the sweep) would show now
      expect(await events(second, id)).toEqual(['remind', 'overdue', 'escalate']);
    } finally {
      await second.close();
    }
  });
});

(WITH_POSTGRES && WITH_REDIS ? describe : describe.skip)('hotline deadline jobs on two instances (PostgreSQL + Redis)', () => {
  let a: TestApp;
  let b: TestApp;
  let shared: { url: string; drop(): Promise<void> };

  beforeAll(async () => {
    shared = await createTestSchema();
    const prefix = `test-hl-two-${randomBytes(4).toString('hex')}`;
    a = await startTestApp(fastDeadlines(prefix), { sharedDatabaseUrl: shared.url });
    b = await startTestApp(fastDeadlines(prefix), { sharedDatabaseUrl: shared.url });
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await shared?.drop();
  });

  it('runs each job once although both instances process the queue and sweep', async () => {
    const ids = [await orderDueIn(a, 1500), await orderDueIn(b, 1500), await orderDueIn(a, 1600)];
    // Both instances schedule the same jobs again (as after a restart): jobId keeps one of each.
    for (const id of ids) {
      const order = await a.app.get(WorkOrderService).get(id);
      await Promise.all([a.app.get(WorkOrderScheduler).schedule(order), b.app.get(WorkOrderScheduler).schedule(order)]);
    }
    for (const id of ids) await waitFor(() => events(a, id), (e) => e.length >= 3);
    await Promise.all([a.app.get(WorkOrderScheduler).sweep(), b.app.get(WorkOrderScheduler).sweep()]);
    await new Promise((r) => setTimeout(r, 1000));
    for (const id of ids) expect(await events(b, id)).toEqual(['remind', 'overdue', 'escalate']);
    const actors: { actor: string }[] = await b.app.get(DataSource).query(
      `SELECT DISTINCT actor FROM hotline_work_order_transitions WHERE action IN ('remind', 'overdue', 'escalate')`,
    );
    expect(actors).toEqual([{ actor: 'system' }]);
  });
});
