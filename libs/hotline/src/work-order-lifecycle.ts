/**
 * The 12345 closed loop (国办发〔2020〕53号: 受理、派单、办理、答复、办结、回访、评价) as a state
 * machine. Overdue, reminders and 督办 are events on an order, not states: an overdue order is
 * still being handled.
 */
export const WORK_ORDER_STATUSES = ['accepted', 'dispatched', 'processing', 'replied', 'closed', 'reviewed'] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];

export const STATUS_LABELS: Record<WorkOrderStatus, string> = {
  accepted: '受理',
  dispatched: '派单',
  processing: '办理',
  replied: '答复',
  closed: '办结',
  reviewed: '回访/评价',
};

export const REPLY_MODES = ['instant', 'short', 'limited'] as const;
export type ReplyMode = (typeof REPLY_MODES)[number];
export const REPLY_MODE_LABELS: Record<ReplyMode, string> = { instant: '即时答复', short: '短时答复', limited: '限时答复' };

/** Where each status may go next. dispatched → accepted is 退单 (the department returns a wrongly routed order). */
const NEXT: Record<WorkOrderStatus, readonly WorkOrderStatus[]> = {
  accepted: ['dispatched', 'replied'],
  dispatched: ['processing', 'accepted'],
  processing: ['replied'],
  replied: ['closed', 'processing'],
  closed: ['reviewed'],
  reviewed: [],
};

/** Statuses in which the deadline runs: reminders, overdue marking and 督办 apply. */
export const OPEN_STATUSES: readonly WorkOrderStatus[] = ['accepted', 'dispatched', 'processing'];

export const TRANSITION_ACTIONS = ['transition', 'remind', 'overdue', 'escalate', 'deadline', 'claim'] as const;
export type TransitionAction = (typeof TRANSITION_ACTIONS)[number];

export function allowedNext(status: WorkOrderStatus): readonly WorkOrderStatus[] {
  return NEXT[status];
}

export function isWorkOrderStatus(value: string): value is WorkOrderStatus {
  return (WORK_ORDER_STATUSES as readonly string[]).includes(value);
}

/** null when allowed; otherwise the Chinese explanation returned to the caller. */
export function transitionProblem(from: WorkOrderStatus, to: WorkOrderStatus): string | null {
  if (NEXT[from].includes(to)) return null;
  const allowed = NEXT[from].map((s) => `「${STATUS_LABELS[s]}」`).join('、');
  return `工单当前状态为「${STATUS_LABELS[from]}」，不能转为「${STATUS_LABELS[to]}」${allowed ? `（可转为：${allowed}）` : '（流程已结束）'}`;
}
