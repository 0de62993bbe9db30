import type { WorkOrderTransitionEntity } from './entities/work-order-transition.entity.js';
import type { WorkOrderEntity } from './entities/work-order.entity.js';
import { REPLY_MODE_LABELS, STATUS_LABELS, allowedNext, OPEN_STATUSES } from './work-order-lifecycle.js';
import type { HotlineActor } from './work-order.service.js';

/**
 * Full caller data only for an administrator, or the operator who owns the order; everybody and
 * everything else (lists, adapters, exports, logs) gets the masked copies.
 */
export function mayReveal(order: WorkOrderEntity, viewer: HotlineActor): boolean {
  return viewer.kind === 'user' && (viewer.role === 'admin' || (viewer.role === 'operator' && order.ownerUserId === viewer.id));
}

export function presentWorkOrder(order: WorkOrderEntity, reveal: boolean) {
  const open = OPEN_STATUSES.includes(order.status);
  return {
    id: order.id,
    externalId: order.externalId,
    integration: order.integration,
    channel: order.channel,
    category: order.category,
    content: reveal ? order.content : order.contentMasked,
    callerPhone: reveal ? order.callerPhone : order.callerPhoneMasked,
    personalDataRevealed: reveal,
    areaCode: order.areaCode,
    department: order.department,
    replyMode: order.replyMode,
    replyModeLabel: REPLY_MODE_LABELS[order.replyMode],
    status: order.status,
    statusLabel: STATUS_LABELS[order.status],
    next: allowedNext(order.status).map((s) => ({ status: s, label: STATUS_LABELS[s] })),
    deadline: order.deadline?.toISOString() ?? null,
    deadlineSource: order.deadlineSource,
    deadlineNote: order.deadlineNote,
    needsManualDeadline: open && order.deadlineSource === 'manual-required',
    callbackDueAt: order.callbackDueAt?.toISOString() ?? null,
    overdue: order.overdueAt !== null,
    remindedAt: order.remindedAt?.toISOString() ?? null,
    overdueAt: order.overdueAt?.toISOString() ?? null,
    escalatedAt: order.escalatedAt?.toISOString() ?? null,
    proposal: {
      engineDecision: order.engineDecision,
      concernId: order.proposedConcernId,
      choices: order.proposedChoices ?? [],
      answer: order.proposedAnswer,
    },
    answer: order.answer,
    ownerUserId: order.ownerUserId,
    satisfaction: order.satisfaction,
    acceptedAt: order.acceptedAt.toISOString(),
    closedAt: order.closedAt?.toISOString() ?? null,
    updatedAt: order.updatedAt.toISOString(),
  };
}

export type WorkOrderView = ReturnType<typeof presentWorkOrder>;

export function presentTransition(t: WorkOrderTransitionEntity) {
  return {
    at: t.at.toISOString(),
    actor: t.actor,
    actorName: t.actorName,
    from: t.fromStatus,
    fromLabel: t.fromStatus ? STATUS_LABELS[t.fromStatus] : null,
    to: t.toStatus,
    toLabel: STATUS_LABELS[t.toStatus],
    action: t.action,
    note: t.note,
  };
}
