import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { JOB_QUEUE, JobName, type JobQueue } from '@app/jobs';
import { KnowledgeService, type KnowledgeSnapshot } from '@app/knowledge';
import type { Subscription } from 'rxjs';
import { AnswerIndex } from './answer-index.js';

export const KNOWLEDGE_POLL_INTERVAL_MS = Symbol('KNOWLEDGE_POLL_INTERVAL_MS');

/**
 * Holds the answer index of the current knowledge revision and swaps in a new one whenever the
 * knowledge changes: through this instance, through another one (revision polling), or when
 * the refresh job asks. Queries read whichever index is current; none sees a half-built one.
 */
@Injectable()
export class AnswerIndexService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AnswerIndexService.name);
  private index: AnswerIndex | null = null;
  private subscription?: Subscription;
  private timer?: NodeJS.Timeout;
  private building: Promise<void> | null = null;
  private wanted: KnowledgeSnapshot | null = null;

  constructor(
    private readonly knowledge: KnowledgeService,
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
    @Inject(KNOWLEDGE_POLL_INTERVAL_MS) private readonly pollIntervalMs: number,
  ) {}

  onModuleInit(): void {
    this.subscription = this.knowledge.changes.subscribe((snapshot) => void this.rebuild(snapshot));
    this.jobs.process(JobName.RefreshIndex, async () => {
      await this.knowledge.refresh();
      await this.rebuild(this.knowledge.snapshot());
    });
    if (this.pollIntervalMs > 0) {
      this.timer = setInterval(() => {
        this.knowledge.refresh().catch((error: Error) => this.logger.warn(`检查知识库修订失败：${error.message}`));
      }, this.pollIntervalMs);
      this.timer.unref();
    }
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
    if (this.timer) clearInterval(this.timer);
  }

  /**
   * The current index; built on first use if the knowledge is loaded but no change was seen yet.
   * While a newer revision is being built, the previous index answers.
   */
  current(): AnswerIndex {
    const snapshot = this.knowledge.snapshot();
    if (!this.index || this.index.revision !== snapshot.revision) void this.rebuild(snapshot);
    return this.index!;
  }

  /** Resolves once the index of the loaded knowledge is in place (at once when it already is). */
  async settled(): Promise<AnswerIndex> {
    while (this.building) await this.building;
    return this.current();
  }

  isReady(): boolean {
    return this.index !== null && this.index.revision >= 0;
  }

  /** Asks for a rebuild through the job queue (one instance does it with Bull; all reload by revision). */
  async requestRefresh(): Promise<void> {
    await this.jobs.add(JobName.RefreshIndex, { requestedAt: Date.now() });
  }

  /**
   * Swaps in an index of this snapshot. The first one is built at once (there is nothing to answer
   * from yet); later ones in slices (AnswerIndex.buildInSlices) while questions are answered from
   * the current index, and a change arriving meanwhile is built next, once — not once per revision.
   */
  private rebuild(snapshot: KnowledgeSnapshot): Promise<void> {
    if (!this.index) {
      this.swap(AnswerIndex.build(snapshot));
      return Promise.resolve();
    }
    this.wanted = snapshot;
    this.building ??= this.buildWanted().finally(() => {
      this.building = null;
    });
    return this.building;
  }

  private async buildWanted(): Promise<void> {
    for (let snapshot = this.wanted; snapshot; snapshot = this.wanted) {
      this.wanted = null;
      if (this.index && this.index.revision === snapshot.revision && this.index.knowledge === snapshot) continue;
      try {
        this.swap(await AnswerIndex.buildInSlices(snapshot));
      } catch (error) {
        this.logger.error(`问答索引重建失败（继续使用修订 ${this.index?.revision} 的索引）：${(error as Error).message}`);
      }
    }
  }

  private swap(next: AnswerIndex): void {
    this.index = next;
    this.logger.log(`问答索引已更新：修订 ${next.revision}，关切事项 ${next.concerns.size}，公开事项与解读 ${next.documents.size}，用时 ${next.buildMs.toFixed(0)} ms`);
  }
}
