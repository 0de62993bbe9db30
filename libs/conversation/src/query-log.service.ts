import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { maskPersonalData, storableText } from '@app/common';
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

// Entry field → PostgreSQL type of its column, in insert order.
const INSERT_COLUMNS: [keyof QueryLogEntry, string][] = [
  ['channel', 'varchar'], ['userRef', 'varchar'], ['question', 'text'], ['normalized', 'text'], ['decision', 'varchar'],
  ['concernId', 'varchar'], ['topScore', 'real'], ['candidates', 'jsonb'], ['latencyMs', 'real'],
];

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
  private insertSql?: string;
  private readonly timer: NodeJS.Timeout;
  dropped = 0;
  /** Entries the database refused on their own (never seen after storableText; kept as a counter to notice). */
  rejected = 0;

  constructor(private readonly dataSource: DataSource) {
    this.timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  record(entry: QueryLogEntry): void {
    this.buffer.push({
      ...entry,
      question: storableText(maskPersonalData(entry.question)),
      normalized: storableText(maskPersonalData(entry.normalized)),
      userRef: entry.userRef === null ? null : storableText(entry.userRef),
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
          await this.insert(batch);
          this.buffer.splice(0, batch.length);
        } catch (error) {
          if (await this.databaseAnswers()) {
            // The database is fine, so some entry is the problem: write one by one, set aside what fails.
            await this.insertOneByOne(batch);
            this.buffer.splice(0, batch.length);
            continue;
          }
          this.logger.warn(`问答日志暂存 ${this.buffer.length} 条，数据库写入失败：${(error as Error).message}`);
          return;
        }
      }
    })().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  /**
   * One statement per batch, the columns as arrays (unnest): the query builder's per-row,
   * per-value work showed up in profiles of the answer endpoint under load.
   */
  private async insert(entries: QueryLogEntry[]): Promise<void> {
    this.insertSql ??= this.buildInsertSql();
    await this.dataSource.query(this.insertSql, INSERT_COLUMNS.map(([property]) =>
      entries.map((e) => (property === 'candidates' ? JSON.stringify(e.candidates) : e[property]))));
  }

  private buildInsertSql(): string {
    const metadata = this.dataSource.getMetadata(QueryLogEntity);
    const escape = (name: string) => this.dataSource.driver.escape(name);
    const columns = INSERT_COLUMNS.map(([property]) => escape(metadata.findColumnWithPropertyName(property)!.databaseName));
    const arrays = INSERT_COLUMNS.map(([, type], i) => `$${i + 1}::${type}[]`);
    return `INSERT INTO ${escape(metadata.tableName)} (${columns.join(', ')}) SELECT * FROM unnest(${arrays.join(', ')})`;
  }

  private async databaseAnswers(): Promise<boolean> {
    try {
      await this.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  private async insertOneByOne(batch: QueryLogEntry[]): Promise<void> {
    for (const entry of batch) {
      try {
        await this.insert([entry]);
      } catch (error) {
        this.rejected++;
        this.logger.error(`问答日志一条无法写入，已跳过：${(error as Error).message}`);
      }
    }
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
