import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { maskPersonalData, type WorkOrderCategory } from '@app/common';
import { ConversationService, type AnswerResult } from '@app/conversation';
import type { KnowledgeSnapshot } from '@app/knowledge';
import { AnswerIndexService } from '@app/matching';
import { DataSource, type EntityManager } from 'typeorm';
import { WorkOrderTransitionEntity } from './entities/work-order-transition.entity.js';
import { WorkOrderEntity, type DeadlineSource } from './entities/work-order.entity.js';
import { HOTLINE_SETTINGS, limitedWorkingDays, type HotlineSettings } from './hotline-settings.js';
import { WorkOrderError } from './work-order-errors.js';
import {
  OPEN_STATUSES, REPLY_MODE_LABELS, STATUS_LABELS, transitionProblem,
  type ReplyMode, type TransitionAction, type WorkOrderStatus,
} from './work-order-lifecycle.js';
import { WorkOrderScheduler } from './work-order-scheduler.js';
import { CalendarCoverageError, WorkingDayCalendar } from './working-day-calendar.js';

/** Who is acting: a console user (with role), an adapter integration, or the service itself. */
export interface HotlineActor {
  kind: 'user' | 'integration' | 'system';
  id: string;
  name?: string;
  role?: string;
}

export const SYSTEM_ACTOR: HotlineActor = { kind: 'system', id: 'system', name: '系统' };

export interface CreateWorkOrderInput {
  externalId?: string;
  channel: string;
  category: WorkOrderCategory;
  content: string;
  callerPhone?: string;
  areaCode?: string;
}

export interface TransitionInput {
  to: WorkOrderStatus;
  note?: string;
  department?: string;
  answer?: string;
  satisfaction?: string;
}

export interface ListFilter {
  status?: WorkOrderStatus;
  category?: WorkOrderCategory;
  replyMode?: ReplyMode;
  overdue?: boolean;
  mine?: boolean;
  q?: string;
  page?: number;
  pageSize?: number;
}

export const SATISFACTION_LEVELS = ['满意', '基本满意', '不满意'] as const;

const actorRef = (a: HotlineActor) => (a.kind === 'system' ? 'system' : `${a.kind}:${a.id}`);
// Mobiles and landlines as everywhere else; any other format keeps only its last two digits.
function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const masked = maskPersonalData(phone);
  return masked.includes('*') ? masked : phone.replace(/\d(?=\d{2})/g, '*');
}

/**
 * 12345 work orders: creation with the engine's proposal (即时 / 短时 / 限时答复), the lifecycle
 * with every step recorded, and what each viewer may see of the caller's data.
 */
@Injectable()
export class WorkOrderService {
  private readonly logger = new Logger('WorkOrderService');

  constructor(
    private readonly dataSource: DataSource,
    private readonly conversation: ConversationService,
    private readonly answerIndex: AnswerIndexService,
    private readonly calendar: WorkingDayCalendar,
    private readonly scheduler: WorkOrderScheduler,
    @Inject(HOTLINE_SETTINGS) private readonly settings: HotlineSettings,
  ) {}

  /** Creates an order, or returns the one already created for the same external id and body. */
  async create(input: CreateWorkOrderInput, actor: HotlineActor): Promise<{ order: WorkOrderEntity; created: boolean }> {
    const integration = actor.kind === 'integration' ? actor.id : 'console';
    const requestHash = hashRequest(input);
    if (input.externalId) {
      const existing = await this.findExisting(integration, input.externalId, requestHash);
      if (existing) return { order: existing, created: false };
    }
    // The content goes through the same engine as every other channel, so unanswered calls land in
    // the query log (channel hotline) and feed the learning loop.
    const result = await this.conversation.ask({ text: input.content, channel: 'hotline' });
    const knowledge = this.answerIndex.current().knowledge;
    const acceptedAt = new Date();
    const proposal = this.propose(input, result, knowledge, acceptedAt);

    const id = await this.dataSource.transaction(async (em) => {
      // ON CONFLICT DO NOTHING rather than a failing INSERT: two deliveries of one order at once are
      // expected, and a failed statement would be logged with its parameters (the caller's number).
      const inserted = await em.createQueryBuilder().insert().into(WorkOrderEntity).orIgnore().returning(['id']).values({
        integration,
        externalId: input.externalId ?? null,
        requestHash,
        channel: input.channel,
        category: input.category,
        content: input.content,
        contentMasked: maskPersonalData(input.content),
        callerPhone: input.callerPhone ?? null,
        callerPhoneMasked: maskPhone(input.callerPhone),
        areaCode: proposal.areaCode,
        department: proposal.department,
        replyMode: proposal.mode,
        status: proposal.status,
        deadline: proposal.deadline,
        deadlineSource: proposal.deadlineSource,
        deadlineNote: proposal.deadlineNote,
        callbackDueAt: proposal.mode === 'short' ? proposal.deadline : null,
        engineDecision: result.decision,
        proposedConcernId: result.concern?.id ?? null,
        proposedChoices: result.choices.map((c) => ({ id: c.id, title: c.title })),
        proposedAnswer: result.decision === 'answer' ? result.reply : null,
        answer: proposal.mode === 'instant' ? result.reply : null,
        ownerUserId: actor.kind === 'user' ? actor.id : null,
        acceptedAt,
        closedAt: proposal.status === 'closed' ? acceptedAt : null,
      }).execute();
      const rows = inserted.raw as { id: string | number }[];
      if (rows.length === 0) return null;
      const saved = String(rows[0].id);
      await this.record(em, saved, actor, null, 'accepted', 'transition', `受理（${input.channel}，${input.category}）；拟${REPLY_MODE_LABELS[proposal.mode]}`);
      for (const step of proposal.steps) await this.record(em, saved, SYSTEM_ACTOR, step.from, step.to, 'transition', step.note);
      return saved;
    });
    if (id === null) {
      // Another delivery of the same order won the race: answer with what it stored.
      const existing = await this.findExisting(integration, input.externalId!, requestHash);
      if (existing) return { order: existing, created: false };
      throw new WorkOrderError('conflict', `外部工单号 ${input.externalId} 正在处理，请稍后重试`);
    }
    // Read back: the stored row (bigint id as text, timestamps as the database has them) is what every reader sees.
    const order = await this.get(id);
    this.logger.log(`工单 ${order.id} 已受理：${order.category}，${REPLY_MODE_LABELS[order.replyMode]}，状态 ${STATUS_LABELS[order.status]}`);
    await this.scheduler.schedule(order);
    return { order, created: true };
  }

  async get(id: string, integration?: string): Promise<WorkOrderEntity> {
    if (!/^\d{1,18}$/.test(id)) throw new WorkOrderError('not-found', `工单 ${id} 不存在`);
    const order = await this.dataSource.getRepository(WorkOrderEntity).findOneBy({ id });
    // An integration sees only its own orders; to it, others do not exist.
    if (!order || (integration !== undefined && order.integration !== integration)) throw new WorkOrderError('not-found', `工单 ${id} 不存在`);
    return order;
  }

  async transitions(orderId: string): Promise<WorkOrderTransitionEntity[]> {
    return this.dataSource.getRepository(WorkOrderTransitionEntity).find({ where: { orderId }, order: { id: 'ASC' } });
  }

  async list(filter: ListFilter, viewer: HotlineActor): Promise<{ total: number; items: WorkOrderEntity[] }> {
    const page = filter.page ?? 1;
    const pageSize = filter.pageSize ?? 20;
    const query = this.dataSource.getRepository(WorkOrderEntity).createQueryBuilder('o');
    if (filter.status) query.andWhere('o.status = :status', { status: filter.status });
    if (filter.category) query.andWhere('o.category = :category', { category: filter.category });
    if (filter.replyMode) query.andWhere('o.reply_mode = :mode', { mode: filter.replyMode });
    if (filter.overdue !== undefined) query.andWhere(filter.overdue ? 'o.overdue_at IS NOT NULL' : 'o.overdue_at IS NULL');
    if (filter.mine) query.andWhere('o.owner_user_id = :owner', { owner: viewer.id });
    if (filter.q) query.andWhere(`o.content_masked ILIKE :q ESCAPE '\\'`, { q: `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    const [items, total] = await query.orderBy('o.id', 'DESC').skip((page - 1) * pageSize).take(pageSize).getManyAndCount();
    return { total, items };
  }

  /** 认领: the operator becomes the order's owner (and sees the caller's number in full). */
  async claim(id: string, actor: HotlineActor): Promise<WorkOrderEntity> {
    const order = await this.get(id);
    if (order.ownerUserId === actor.id) return order;
    if (order.ownerUserId && actor.role !== 'admin') throw new WorkOrderError('conflict', `工单 ${id} 已由其他话务员认领`);
    await this.dataSource.transaction(async (em) => {
      await em.update(WorkOrderEntity, { id }, { ownerUserId: actor.id });
      await this.record(em, id, actor, order.status, order.status, 'claim', `${actor.name ?? actor.id} 认领`);
    });
    return this.get(id);
  }

  async transition(id: string, input: TransitionInput, actor: HotlineActor, integration?: string): Promise<WorkOrderEntity> {
    const order = await this.get(id, integration);
    assertMayAct(order, actor);
    const problem = transitionProblem(order.status, input.to);
    if (problem) throw new WorkOrderError('conflict', problem);
    const changes: Partial<WorkOrderEntity> = { status: input.to };
    if (input.to === 'dispatched') {
      const department = input.department?.trim() || order.department;
      if (!department) throw new WorkOrderError('invalid', '派单需要指定承办单位（department）');
      changes.department = department;
    }
    if (input.to === 'replied') {
      const answer = input.answer?.trim();
      if (!answer) throw new WorkOrderError('invalid', '答复需要填写答复内容（answer）');
      changes.answer = answer;
    }
    if (input.to === 'reviewed') {
      if (!input.satisfaction || !(SATISFACTION_LEVELS as readonly string[]).includes(input.satisfaction)) {
        throw new WorkOrderError('invalid', `回访评价需要填写满意度（satisfaction）：${SATISFACTION_LEVELS.join('、')}`);
      }
      changes.satisfaction = input.satisfaction;
    }
    if (input.to === 'closed') changes.closedAt = new Date();
    if (input.to === 'accepted') changes.department = null; // 退单: to be dispatched again
    const note = [input.note, changes.department ? `承办单位：${changes.department}` : null, input.satisfaction ? `评价：${input.satisfaction}` : null]
      .filter(Boolean).join('；') || null;
    await this.dataSource.transaction(async (em) => {
      // Conditional on the status read above: of two concurrent transitions only one applies.
      const result = await em.createQueryBuilder().update(WorkOrderEntity).set(changes)
        .where('id = :id AND status = :from', { id, from: order.status }).execute();
      if (!result.affected) throw new WorkOrderError('conflict', '工单状态已被他人更新，请刷新后重试');
      await this.record(em, id, actor, order.status, input.to, 'transition', note);
    });
    const updated = await this.get(id);
    await this.scheduler.schedule(updated);
    return updated;
  }

  /** 延期 or a manual deadline (also where a calendar gap is resolved by hand). */
  async setDeadline(id: string, deadline: Date, note: string | undefined, actor: HotlineActor): Promise<WorkOrderEntity> {
    const order = await this.get(id);
    assertMayAct(order, actor);
    if (!OPEN_STATUSES.includes(order.status)) throw new WorkOrderError('conflict', `工单已「${STATUS_LABELS[order.status]}」，不能再调整办理时限`);
    const future = deadline.getTime() > Date.now();
    await this.dataSource.transaction(async (em) => {
      await em.update(WorkOrderEntity, { id }, {
        deadline, deadlineSource: 'manual', deadlineNote: note ?? null,
        // A new, later deadline starts the reminder cycle again; the history stays in the transitions.
        ...(future ? { remindedAt: null, overdueAt: null, escalatedAt: null } : {}),
        ...(order.replyMode === 'short' ? { callbackDueAt: deadline } : {}),
      });
      await this.record(em, id, actor, order.status, order.status, 'deadline', [`办理时限调整为 ${deadline.toISOString()}`, note].filter(Boolean).join('；'));
    });
    const updated = await this.get(id);
    await this.scheduler.schedule(updated);
    return updated;
  }

  private async findExisting(integration: string, externalId: string, requestHash: string): Promise<WorkOrderEntity | null> {
    const existing = await this.dataSource.getRepository(WorkOrderEntity).findOneBy({ integration, externalId });
    if (!existing) return null;
    if (existing.requestHash !== requestHash) {
      throw new WorkOrderError('conflict', `外部工单号 ${externalId} 已用于内容不同的工单（工单 ${existing.id}），请勿重复使用`);
    }
    return existing;
  }

  private record(
    em: EntityManager, orderId: string, actor: HotlineActor, from: WorkOrderStatus | null, to: WorkOrderStatus,
    action: TransitionAction, note: string | null,
  ): Promise<unknown> {
    return em.insert(WorkOrderTransitionEntity, {
      orderId, actor: actorRef(actor), actorName: actor.name ?? null, fromStatus: from, toStatus: to, action,
      note: note ? maskPersonalData(note) : null,
    });
  }

  /** The reply mode, department, deadline and the automatic first steps for a new order. */
  private propose(input: CreateWorkOrderInput, result: AnswerResult, knowledge: KnowledgeSnapshot, acceptedAt: Date) {
    const instantAllowed = this.settings.instantCategories.includes(input.category);
    const concern = result.concern ? knowledge.concerns.get(result.concern.id) : undefined;
    const areaCode = (input.areaCode && knowledge.areas.has(input.areaCode) ? input.areaCode : null) ?? concern?.areaCode ?? null;
    const steps: { from: WorkOrderStatus; to: WorkOrderStatus; note: string }[] = [];
    const none = { deadline: null, deadlineSource: null, deadlineNote: null };
    if (result.decision === 'answer' && instantAllowed) {
      steps.push({ from: 'accepted', to: 'replied', note: `即时答复：按知识库答复口径「${result.concern!.title}」答复` });
      steps.push({ from: 'replied', to: 'closed', note: '即时答复，当场办结' });
      return { mode: 'instant' as ReplyMode, status: 'closed' as WorkOrderStatus, areaCode, department: null, ...none, steps };
    }
    if (result.decision === 'clarify' && instantAllowed) {
      const { endOfDay, shortReplyWorkingDays: days } = this.settings;
      const due = this.calendarDeadline(
        () => (days === 0 ? this.calendar.sameDayDeadline(acceptedAt, endOfDay) : this.calendar.deadline(acceptedAt, days, endOfDay)),
        days === 0 ? '短时答复：当个工作日内回电' : `短时答复：${days} 个工作日内回电`,
      );
      return { mode: 'short' as ReplyMode, status: 'accepted' as WorkOrderStatus, areaCode, department: null, ...due, steps };
    }
    const days = limitedWorkingDays(this.settings, input.category);
    const due = this.calendarDeadline(() => this.calendar.deadline(acceptedAt, days, this.settings.endOfDay), `限时答复：${input.category}类 ${days} 个工作日（自受理次日起算）`);
    const department = this.department(areaCode, result, knowledge);
    if (department) steps.push({ from: 'accepted', to: 'dispatched', note: `派单至 ${department}` });
    return {
      mode: 'limited' as ReplyMode, status: (department ? 'dispatched' : 'accepted') as WorkOrderStatus,
      areaCode, department, ...due, steps,
    };
  }

  /** A deadline from the calendar, or — for a year without holiday data — a clearly flagged manual one. */
  private calendarDeadline(compute: () => Date, what: string): { deadline: Date | null; deadlineSource: DeadlineSource; deadlineNote: string } {
    try {
      return { deadline: compute(), deadlineSource: 'calendar', deadlineNote: what };
    } catch (error) {
      if (!(error instanceof CalendarCoverageError)) throw error;
      this.logger.warn(`新工单需人工确定办理时限：${error.message}`);
      return { deadline: null, deadlineSource: 'manual-required', deadlineNote: `${what}无法自动计算：${error.message}。请人工确定办理时限` };
    }
  }

  /** The responsible body: the area's department, else the catalogue item's 公开主体, else the configured default. */
  private department(areaCode: string | null, result: AnswerResult, knowledge: KnowledgeSnapshot): string | null {
    const fromArea = areaCode ? knowledge.areas.get(areaCode)?.department : null;
    if (fromArea) return fromArea;
    // Only the items of a concern the engine settled on; a declined question's loosely related items would misroute it.
    for (const summary of result.decision === 'answer' ? result.items : []) {
      const item = knowledge.items.get(summary.id);
      const department = item?.publisher || (item ? knowledge.areas.get(item.areaCode)?.department : null);
      if (department) return department;
    }
    return this.settings.defaultDepartment || null;
  }
}

/**
 * A claimed order is its owner's: another operator must not reply to or close it behind their back.
 * Admins may (to take over from someone absent); integrations report the platform's own progress.
 */
function assertMayAct(order: WorkOrderEntity, actor: HotlineActor): void {
  if (actor.kind !== 'user' || actor.role === 'admin' || !order.ownerUserId || order.ownerUserId === actor.id) return;
  throw new WorkOrderError('forbidden', `工单 ${order.id} 已由其他话务员认领，只有认领人或管理员可以办理`);
}

function hashRequest(input: CreateWorkOrderInput): string {
  const canonical = JSON.stringify([input.externalId ?? null, input.channel, input.category, input.content, input.callerPhone ?? null, input.areaCode ?? null]);
  return createHash('sha256').update(canonical).digest('hex');
}
