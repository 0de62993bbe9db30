import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { maskPersonalData } from '@app/common';
import { QueryLogEntity } from '@app/knowledge';
import { DataSource } from 'typeorm';

export interface QueryLogEntry {
  channel: string;
  userRef: string | null;
  question: string;
  normalized: string;
  decision: string;
  concernId: string | null;
  topScore: number | null;
  candidates: { id: string; score: number }[];
  latencyMs: number;
}

const FLUSH_INTERVAL_MS = 500;
const BATCH_SIZE = 200;
// Held while the database is away; beyond this the oldest entries are dropped (and counted).
const MAX_BUFFERED = 50_000;

/**
 * Writes the query log in batches off the request path. If the database is unavailable the
 * entries stay buffered and are written when it returns; shutdown flushes what is left.
 */
@Injectable()
export class QueryLogService implements OnModuleDestroy {
  private readonly logger = new Logger(QueryLogService.name);
  private buffer: QueryLogEntry[] = [];
  private flushing: Promise<void> | null = null;
  private readonly timer: NodeJS.Timeout;
  dropped = 0;

  constructor(private readonly dataSource: DataSource) {
    this.timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  record(entry: QueryLogEntry): void {
    this.buffer.push({
      ...entry,
      question: maskPersonalData(entry.question),
      normalized: maskPersonalData(entry.normalized),
    });
    if (this.buffer.length > MAX_BUFFERED) {
      this.dropped += this.buffer.length - MAX_BUFFERED;
      this.buffer.splice(0, this.buffer.length - MAX_BUFFERED);
    }
    if (this.buffer.length >= BATCH_SIZE) void this.flush();
  }

  get pending(): number {
    return this.buffer.length;
  }

  async flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    if (this.buffer.length === 0 || !this.dataSource.isInitialized) return;
    this.flushing = (async () => {
      while (this.buffer.length > 0) {
        const batch = this.buffer.slice(0, BATCH_SIZE);
        try {
          await this.dataSource.createQueryBuilder().insert().into(QueryLogEntity).values(batch).execute();
          this.buffer.splice(0, batch.length);
        } catch (error) {
          this.logger.warn(`问答日志暂存 ${this.buffer.length} 条，数据库写入失败：${(error as Error).message}`);
          return;
        }
      }
    })().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
