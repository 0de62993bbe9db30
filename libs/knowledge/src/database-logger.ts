import { Logger as NestLogger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { maskPersonalData } from '@app/common';

// Enough of the statement to know which one failed.
const MAX_QUERY_CHARS = 200;

/**
 * TypeORM's own loggers print failed queries with their parameters to the console: residents'
 * questions and callers' phone numbers would end up in plain logs. This one goes through the
 * service's logger (JSON, request id), never prints parameters, and masks what it does print.
 */
export class DatabaseLogger implements TypeOrmLogger {
  private readonly logger = new NestLogger('Database');

  logQuery(): void {}

  logQueryError(error: string | Error, query: string): void {
    const message = typeof error === 'string' ? error : error.message;
    this.logger.error(maskPersonalData(`查询失败：${message}（${query.replace(/\s+/g, ' ').slice(0, MAX_QUERY_CHARS)}）`));
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`慢查询 ${time} ms：${query.replace(/\s+/g, ' ').slice(0, MAX_QUERY_CHARS)}`);
  }

  logSchemaBuild(): void {}

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    const text = maskPersonalData(String(message));
    if (level === 'warn') this.logger.warn(text);
    else this.logger.log(text);
  }
}
