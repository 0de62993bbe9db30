import { Injectable } from '@nestjs/common';
import { maskPersonalData } from '@app/common';
import { DataSource } from 'typeorm';
import type { Channel } from './conversation.service.js';
import { AnswerFeedbackEntity } from './feedback.entity.js';

export interface FeedbackInput {
  channel: Channel;
  userRef?: string | null;
  concernId: string;
  useful: boolean;
  question?: string | null;
}

/** Stores residents' "有用 / 没用" per answered concern (the console shows the counts per concern). */
@Injectable()
export class FeedbackService {
  constructor(private readonly dataSource: DataSource) {}

  async record(input: FeedbackInput): Promise<void> {
    await this.dataSource.getRepository(AnswerFeedbackEntity).insert({
      channel: input.channel,
      userRef: input.userRef ?? null,
      concernId: input.concernId,
      useful: input.useful,
      question: input.question ? maskPersonalData(input.question).slice(0, 2000) : null,
    });
  }

  /** Useful / not useful counts per concern (optionally one concern). */
  async counts(concernId?: string): Promise<{ concernId: string; useful: number; notUseful: number }[]> {
    const query = this.dataSource.getRepository(AnswerFeedbackEntity).createQueryBuilder('f')
      .select('f.concern_id', 'concernId')
      .addSelect('SUM(CASE WHEN f.useful THEN 1 ELSE 0 END)', 'useful')
      .addSelect('SUM(CASE WHEN f.useful THEN 0 ELSE 1 END)', 'notUseful')
      .groupBy('f.concern_id');
    if (concernId) query.where('f.concern_id = :concernId', { concernId });
    const rows = await query.getRawMany<{ concernId: string; useful: string; notUseful: string }>();
    return rows.map((r) => ({ concernId: r.concernId, useful: Number(r.useful), notUseful: Number(r.notUseful) }));
  }
}
