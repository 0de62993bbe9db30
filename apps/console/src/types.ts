/** Shapes the console API returns (fields the console does not use are left out). */
import type { AreaRecord, CatalogueItemRecord, ConcernKind, ConcernStatus, InterpretationRecord } from '../../../libs/knowledge/src/knowledge-model';

export type { ConcernKind, ConcernStatus };

export const STATUS_LABELS: Record<ConcernStatus, string> = { draft: '草稿', published: '已发布', retired: '已停用' };
export const STATUS_COLORS: Record<ConcernStatus, string> = { draft: 'default', published: 'green', retired: 'red' };
/** 关切事项: the county answers it; 转办指引: another channel handles it, the answer says who and how to reach them. */
export const KIND_LABELS: Record<ConcernKind, string> = { concern: '关切事项', referral: '转办指引' };

export type Area = AreaRecord;

export interface TitledRef {
  id: string;
  title: string;
}

export interface ConcernSummary {
  id: string;
  title: string;
  areaCode: string | null;
  areaName?: string | null;
  status: ConcernStatus;
  kind?: ConcernKind;
  owner?: string | null;
  needsReview?: boolean;
  reviewNote?: string | null;
  reviewOverdue?: boolean;
  reviewDate?: string | null;
  updatedAt?: string | null;
}

export interface Concern extends ConcernSummary {
  question: string;
  paraphrases: string[];
  keywords: string[];
  answer: string;
  itemIds: string[];
  interpretationIds: string[];
  /** Titled links, as GET concerns/:id returns them. */
  items?: TitledRef[];
  interpretations?: TitledRef[];
}

export interface Page<T> {
  total: number;
  items: T[];
}

/** The records as the knowledge base defines them (type-only import: nothing of libs/ is bundled). */
type ShownLink = TitledRef & { status?: ConcernStatus; needsReview?: boolean };

export interface CatalogueItem extends Omit<CatalogueItemRecord, 'extra' | 'sourceFile'> {
  concerns?: ShownLink[];
  interpretations?: TitledRef[];
}

export interface Interpretation extends Omit<InterpretationRecord, 'extra' | 'sourceFile'> {
  items?: TitledRef[];
  concerns?: ShownLink[];
}

export interface ScoredRef extends TitledRef {
  score: number;
  matchedTerms?: string[];
}

export interface ConcernTestResult {
  question: string;
  decision: 'answer' | 'clarify' | 'none' | 'greeting';
  winner: ScoredRef | null;
  candidates: ScoredRef[];
  choices?: TitledRef[];
  corrections?: unknown[];
}

export const DECISION_LABELS: Record<string, string> = { answer: '直接答复', clarify: '反问确认', none: '未能答复', greeting: '问候' };
export const CHANNEL_LABELS: Record<string, string> = { web: '网页', wechat: '微信', hotline: '12345热线' };
