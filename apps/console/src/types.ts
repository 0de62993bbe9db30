/** Shapes the console API returns (docs: /tmp contracts; fields the console does not use are left out). */
export type ConcernStatus = 'draft' | 'published' | 'retired';

export const STATUS_LABELS: Record<ConcernStatus, string> = { draft: '草稿', published: '已发布', retired: '已停用' };
export const STATUS_COLORS: Record<ConcernStatus, string> = { draft: 'default', published: 'green', retired: 'red' };

export interface Area {
  code: string;
  name: string;
  aliases: string[];
  department: string | null;
}

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

export interface CatalogueItem {
  id: string;
  areaCode: string;
  level1: string;
  title: string;
  content: string;
  basis: string | null;
  timeLimit: string | null;
  publisher: string | null;
  channels: string | null;
  audience: string | null;
  mode: string | null;
  level: string | null;
  concerns?: TitledRef[];
  interpretations?: TitledRef[];
}

export interface Interpretation {
  id: string;
  title: string;
  document: string | null;
  docNumber: string | null;
  publisher: string | null;
  date: string | null;
  url: string | null;
  form: string | null;
  body: string;
  itemIds: string[];
  items?: TitledRef[];
  concerns?: TitledRef[];
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
