import { Injectable, Logger } from '@nestjs/common';
import type { ConcernRecord } from '@app/knowledge';
import { AnswerIndexService } from '@app/matching';
import { DataSource } from 'typeorm';

const CACHE_MS = 10 * 60 * 1000;
const COUNT = 5;

/** The concerns residents asked about most in the last 30 days (from the query log), topped up with the first published ones. */
@Injectable()
export class HotConcernsService {
  private readonly logger = new Logger(HotConcernsService.name);
  private cache: { ids: string[]; at: number } | null = null;

  constructor(private readonly dataSource: DataSource, private readonly answerIndex: AnswerIndexService) {}

  async list(count = COUNT): Promise<ConcernRecord[]> {
    const knowledge = this.answerIndex.current().knowledge;
    const ranked = await this.rankedIds();
    const published = (id: string) => knowledge.concerns.get(id)?.status === 'published';
    const ids = [...new Set([...ranked.filter(published), ...knowledge.publishedConcerns().map((c) => c.id)])].slice(0, count);
    return ids.map((id) => knowledge.concerns.get(id)!);
  }

  private async rankedIds(): Promise<string[]> {
    if (this.cache && Date.now() - this.cache.at < CACHE_MS) return this.cache.ids;
    try {
      const rows: { id: string }[] = await this.dataSource.query(
        `SELECT concern_id AS id, COUNT(*) AS n FROM query_log
          WHERE decision = 'answer' AND concern_id IS NOT NULL AND created_at > now() - interval '30 days'
          GROUP BY concern_id ORDER BY n DESC LIMIT 20`,
      );
      this.cache = { ids: rows.map((r) => r.id), at: Date.now() };
    } catch (error) {
      // The welcome must not fail because the database is away: fall back to the knowledge order.
      this.logger.warn(`读取热门关切失败：${(error as Error).message}`);
      return this.cache?.ids ?? [];
    }
    return this.cache.ids;
  }
}
