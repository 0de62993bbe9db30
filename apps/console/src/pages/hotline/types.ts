/** Shapes of the hotline API (libs/hotline: operator-search.service.ts, work-order-view.ts). */
export type {
  ConcernHit, ConcernRef, HighlightedText as Highlighted, InterpretationHit, ItemHit, LinkedItem, OperatorSearchResult as SearchResult,
} from '../../../../../libs/hotline/src/operator-search.types';

export type WorkOrderStatus = 'accepted' | 'dispatched' | 'processing' | 'replied' | 'closed' | 'reviewed';

export interface WorkOrder {
  id: string;
  externalId: string | null;
  integration: string;
  channel: string;
  category: string;
  content: string;
  callerPhone: string | null;
  personalDataRevealed: boolean;
  areaCode: string | null;
  department: string | null;
  replyMode: 'instant' | 'short' | 'limited';
  replyModeLabel: string;
  status: WorkOrderStatus;
  statusLabel: string;
  next: { status: WorkOrderStatus; label: string }[];
  deadline: string | null;
  deadlineSource: string | null;
  deadlineNote: string | null;
  needsManualDeadline: boolean;
  callbackDueAt: string | null;
  overdue: boolean;
  remindedAt: string | null;
  escalatedAt: string | null;
  proposal: { engineDecision: string | null; concernId: string | null; answer: string | null; choices: { id: string; title: string }[] };
  answer: string | null;
  ownerUserId: string | null;
  satisfaction: string | null;
  acceptedAt: string;
  closedAt: string | null;
}

export interface Transition {
  at: string;
  actor: string;
  actorName: string | null;
  fromLabel: string | null;
  toLabel: string;
  action: string;
  note: string | null;
}

export const CATEGORIES = ['咨询', '求助', '投诉', '举报', '建议'];
export const STATUS_OPTIONS: { value: WorkOrderStatus; label: string }[] = [
  { value: 'accepted', label: '受理' },
  { value: 'dispatched', label: '派单' },
  { value: 'processing', label: '办理' },
  { value: 'replied', label: '答复' },
  { value: 'closed', label: '办结' },
  { value: 'reviewed', label: '回访/评价' },
];
export const MODE_OPTIONS = [
  { value: 'instant', label: '即时答复' },
  { value: 'short', label: '短时答复' },
  { value: 'limited', label: '限时答复' },
];

/** 2026-12-03 18:00 in China time, whatever the browser's zone. */
export function chinaTime(iso: string | null): string {
  if (!iso) return '—';
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}
