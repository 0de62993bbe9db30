import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { JobName, type JobQueue } from '@app/jobs';
import { DataSource } from 'typeorm';
import { WorkOrderEntity } from './entities/work-order.entity.js';
import { HOTLINE_SETTINGS, type HotlineSettings } from './hotline-settings.js';
import { OPEN_STATUSES, type TransitionAction } from './work-order-lifecycle.js';

export const HOTLINE_JOB_QUEUE = Symbol('HOTLINE_JOB_QUEUE');

interface DeadlineJob {
  orderId: string;
  /** The deadline the job was scheduled for: a job for a deadline since moved does nothing. */
  deadline: string;
}

type DeadlineEvent = 'remind' | 'overdue' | 'escalate';

const JOB_NAMES: Record<DeadlineEvent, JobName> = {
  remind: JobName.HotlineRemind,
  overdue: JobName.HotlineOverdue,
  escalate: JobName.HotlineEscalate,
};

// setTimeout cannot wait longer than ~24.8 days; in-process jobs further out are left to the sweep.
const IN_PROCESS_HORIZON_MS = 6 * 3600_000;
// A timer may fire a moment early, and a PostgreSQL server's clock may differ slightly.
const CLOCK_TOLERANCE_MS = 1000;
const SWEEP_BATCH = 5000;
const OPEN = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');

/**
 * Reminder before the deadline, overdue marking at it, 督办 after it: Bull delayed jobs when Redis
 * is configured (they survive restarts; jobId makes re-scheduling idempotent), in-process timers
 * otherwise. Each handler is one conditional UPDATE that also writes the transition, so a job that
 * runs twice — two instances, a retry, the sweep — takes effect once.
 */
@Injectable()
export class WorkOrderScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WorkOrderScheduler');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(HOTLINE_JOB_QUEUE) readonly queue: JobQueue,
    @Inject(HOTLINE_SETTINGS) private readonly settings: HotlineSettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const event of Object.keys(JOB_NAMES) as DeadlineEvent[]) {
      this.queue.process<DeadlineJob>(JOB_NAMES[event], async (job) => {
        await this.apply(event, job.orderId, new Date(job.deadline));
      });
    }
    // Catch up on what fell due while no instance was running, then keep checking.
    await this.sweep().catch((error: Error) => this.logger.error(`热线工单补查失败：${error.message}`));
    this.timer = setInterval(() => {
      this.sweep().catch((error: Error) => this.logger.warn(`热线工单补查失败：${error.message}`));
    }, this.settings.sweepIntervalSeconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.queue.close();
  }

  /** Queues (or, if already due, applies) the deadline events of an open order. */
  async schedule(order: Pick<WorkOrderEntity, 'id' | 'status' | 'deadline' | 'acceptedAt' | 'remindedAt' | 'overdueAt' | 'escalatedAt'>): Promise<void> {
    if (!order.deadline || !OPEN_STATUSES.includes(order.status)) return;
    const deadline = order.deadline.getTime();
    const lead = this.settings.reminderLeadMinutes * 60_000;
    // A deadline shorter than the lead time: remind halfway instead of at once.
    const remindAt = Math.max(deadline - lead, order.acceptedAt.getTime() + (deadline - order.acceptedAt.getTime()) / 2);
    const due: [DeadlineEvent, number, Date | null][] = [
      ['remind', remindAt, order.remindedAt],
      ['overdue', deadline, order.overdueAt],
      ['escalate', deadline + this.settings.escalateAfterMinutes * 60_000, order.escalatedAt],
    ];
    const now = Date.now();
    for (const [event, at, done] of due) {
      if (done) continue;
      const delayMs = at - now;
      if (delayMs <= 0) {
        await this.apply(event, order.id, order.deadline);
      } else if (this.queue.kind === 'bull' || delayMs <= IN_PROCESS_HORIZON_MS) {
        await this.queue.add<DeadlineJob>(JOB_NAMES[event], { orderId: order.id, deadline: order.deadline.toISOString() }, {
          delayMs, jobId: `${event}-${order.id}-${deadline}`,
        });
      }
    }
  }

  /** Every open order with a deadline: apply what is due, (re)queue the rest. Safe on every instance at once. */
  async sweep(): Promise<number> {
    const orders = await this.dataSource.getRepository(WorkOrderEntity).createQueryBuilder('o')
      .where(`o.status IN (${OPEN}) AND o.deadline IS NOT NULL AND o.escalated_at IS NULL`)
      .orderBy('o.deadline', 'ASC').take(SWEEP_BATCH).getMany();
    for (const order of orders) await this.schedule(order);
    return orders.length;
  }

  /** One deadline event, at most once per order and deadline. True if it took effect now. */
  async apply(event: DeadlineEvent, orderId: string, deadline: Date): Promise<boolean> {
    // 督办 presupposes 超期: if the overdue job has not run yet (same moment, or lost), it is applied first.
    if (event === 'escalate') await this.apply('overdue', orderId, deadline);
    const now = Date.now() + CLOCK_TOLERANCE_MS;
    const escalateAfter = this.settings.escalateAfterMinutes * 60_000;
    const rules: Record<DeadlineEvent, { column: string; when: string; at?: Date; note: string }> = {
      remind: { column: 'reminded_at', when: 'TRUE', note: `临近办结时限（${deadline.toISOString()}），请尽快办理` },
      overdue: { column: 'overdue_at', when: 'deadline <= $5', at: new Date(now), note: '已超过办结时限，标记为超期' },
      escalate: {
        column: 'escalated_at', when: 'overdue_at IS NOT NULL AND deadline <= $5', at: new Date(now - escalateAfter),
        note: `超期 ${Math.round(escalateAfter / 3600_000)} 小时仍未答复，启动督办`,
      },
    };
    const rule = rules[event];
    const rows: { order_id: string }[] = await this.dataSource.query(
      `WITH hit AS (
         UPDATE hotline_work_orders SET ${rule.column} = now(), updated_at = now()
         WHERE id = $1 AND deadline = $2 AND ${rule.column} IS NULL AND status IN (${OPEN}) AND ${rule.when}
         RETURNING id, status)
       INSERT INTO hotline_work_order_transitions (order_id, actor, actor_name, from_status, to_status, action, note)
       SELECT id, 'system', '系统', status, status, $3, $4 FROM hit
       RETURNING order_id`,
      [orderId, deadline, event satisfies TransitionAction, rule.note, ...(rule.at ? [rule.at] : [])],
    );
    if (rows.length > 0) this.logger.log(`工单 ${orderId}：${rule.note}`);
    return rows.length > 0;
  }
}
