import type { DecisionThresholds } from '@app/matching';
import type { WorkdayCounter } from './disclosure-deadline.js';
import type { LearningChannel } from './question-grouper.js';

export interface InsightsSettings {
  /** Window of the learning loop and the dashboard when the request does not say. */
  windowDays: number;
  /** Distinct askers in the window from which a group is a hot concern (热点诉求). */
  hotAskers: number;
  /** An answer whose best score is below this was a guess: its question goes to the learning loop too. */
  lowScore: number;
  /** Weighted term overlap with a group's representative needed to join the group. */
  similarity: number;
  /** Groups listed at most (most asked first). */
  maxGroups: number;
  /** Days and the "today" of disclosure deadlines are counted in this time zone. */
  timeZone: string;
  /** The engine's decision thresholds (to tell whether a group's question is now answered). */
  thresholds: DecisionThresholds;
  /** The official working-day calendar (the hotline's, with its configured additions). */
  calendar: WorkdayCounter;
}

export const INSIGHTS_SETTINGS = Symbol('INSIGHTS_SETTINGS');

/** Who acted (the signed-in console user). */
export interface InsightsActor {
  id: number | null;
  username: string;
}

export interface SuggestedConcern {
  id: string;
  title: string;
  score: number;
}

export interface LearningGroupView {
  key: string;
  label: string;
  count: number;
  channels: Record<LearningChannel, number>;
  questions: { text: string; count: number }[];
  /** Distinct residents / callers who asked in the window. */
  askers: number;
  suggestedConcern: SuggestedConcern | null;
  hot: boolean;
}

export interface LearningQuery {
  days?: number;
  channel?: LearningChannel;
  limit?: number;
}
