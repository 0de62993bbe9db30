import { BadRequestException, ConflictException, Inject, Injectable } from '@nestjs/common';
import { maskPersonalData } from '@app/common';
import { DataSource } from 'typeorm';
import type { Channel } from './conversation.service.js';
import { EXCHANGE_STORE, type ExchangeStore } from './exchange-store.js';
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
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EXCHANGE_STORE) private readonly exchanges: ExchangeStore,
  ) {}

  /**
   * A resident's vote on the web: it must cite the exchange (`exchangeId` of the answer) whose answer
   * was that concern, once. A second vote is refused (409) rather than replacing the first, so one
   * atomic mark per exchange suffices on every instance.
   */
  async recordForExchange(input: { exchangeId: string; concernId: string; useful: boolean; userRef?: string | null; question?: string | null }): Promise<void> {
    const { claim, exchange } = await this.exchanges.claimVote(input.exchangeId, input.concernId);
    if (claim === 'unknown') throw new BadRequestException('答复记录不存在或已过期（评价须在答复后 24 小时内提交），请重新提问后再评价');
    if (claim === 'other-concern') throw new BadRequestException(`这次答复不是关切事项 ${input.concernId}，无法评价`);
    if (claim === 'voted') throw new ConflictException('这条答复已经评价过了，感谢您的反馈');
    await this.record({ channel: exchange!.channel as Channel, userRef: input.userRef, concernId: exchange!.concernId, useful: input.useful, question: input.question });
  }

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
