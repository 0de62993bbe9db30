import type { ConcernKind, ConcernStatus } from '@app/knowledge';
import type { DecisionThresholds } from '@app/matching';

/** Who made a change (the signed-in console user; null id for the command line). */
export interface Actor {
  id: number | null;
  username: string;
}

export interface ConcernInput {
  id?: string;
  title: string;
  question: string;
  paraphrases: string[];
  keywords: string[];
  answer: string;
  areaCode?: string | null;
  itemIds: string[];
  interpretationIds: string[];
  /** 关切事项 or 转办指引; unchanged when absent (new concerns: `concern`). */
  kind?: ConcernKind;
  /** 负责人. */
  owner?: string | null;
  /** 复核日期, YYYY-MM-DD. */
  reviewDate?: string | null;
}

export interface ItemInput {
  id?: string;
  areaCode: string;
  level1: string;
  title: string;
  content: string;
  basis?: string | null;
  timeLimit?: string | null;
  publisher?: string | null;
  channels?: string | null;
  audience?: string | null;
  mode?: string | null;
  level?: string | null;
}

export interface InterpretationInput {
  id?: string;
  title: string;
  document?: string | null;
  docNumber?: string | null;
  publisher?: string | null;
  date?: string | null;
  url?: string | null;
  form?: string | null;
  body: string;
  itemIds: string[];
}

export interface ConcernFilter {
  area?: string;
  status?: ConcernStatus;
  kind?: ConcernKind;
  owner?: string;
  needsReview?: boolean;
  reviewOverdue?: boolean;
  q?: string;
  page?: number;
  pageSize?: number;
}

export interface ConcernSummary {
  id: string;
  title: string;
  question: string;
  areaCode: string | null;
  areaName: string | null;
  status: ConcernStatus;
  kind: ConcernKind;
  owner: string | null;
  reviewDate: string | null;
  reviewOverdue: boolean;
  needsReview: boolean;
  reviewNote: string | null;
  updatedAt: string;
}

export interface Titled {
  id: string;
  title: string;
}

export interface Page<T> {
  total: number;
  items: T[];
}

export interface CurationSettings {
  thresholds: DecisionThresholds;
  /** The hotline number residents are given (the reply preview shows what they would read). */
  hotline: string;
}

export const CURATION_SETTINGS = Symbol('CURATION_SETTINGS');
