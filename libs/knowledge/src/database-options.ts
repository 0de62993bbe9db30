import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { PGliteDriver } from 'typeorm-pglite';
import { DatabaseLogger } from './database-logger.js';
import { KNOWLEDGE_ENTITIES } from './entities/index.js';
import { KNOWLEDGE_MIGRATIONS } from './migrations/index.js';

export interface DatabaseSettings {
  /** postgres://… for a PostgreSQL server; absent for the embedded database. */
  url?: string;
  /** Where the embedded database lives; `:memory:` keeps it in memory (tests). */
  dataDir: string;
}

/** The tables of every domain: each lib exports its entities and migrations; the platform lists them. */
export interface DatabaseSchema {
  entities: DataSourceOptions['entities'];
  migrations: DataSourceOptions['migrations'];
}

export const KNOWLEDGE_SCHEMA: DatabaseSchema = { entities: KNOWLEDGE_ENTITIES, migrations: KNOWLEDGE_MIGRATIONS };

export function describeDatabase(settings: DatabaseSettings): string {
  if (settings.url) return `PostgreSQL ${settings.url.replace(/\/\/[^@/]*@/, '//***@')}`;
  return settings.dataDir === ':memory:' ? '内嵌 PostgreSQL（PGlite，内存）' : `内嵌 PostgreSQL（PGlite，${resolve(settings.dataDir, 'pglite')}）`;
}

/**
 * One schema, one dialect, two engines: a PostgreSQL server when DATABASE_URL is set, else
 * PGlite (PostgreSQL compiled to WebAssembly) in DATA_DIR. Migrations run at start; never synchronize.
 */
export function buildDataSourceOptions(settings: DatabaseSettings, schema: DatabaseSchema = KNOWLEDGE_SCHEMA): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    entities: schema.entities,
    migrations: schema.migrations,
    migrationsRun: false, // run by runMigrationsLocked, under a lock
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    logging: ['error' as const, 'warn' as const, 'migration' as const],
    logger: new DatabaseLogger(),
    maxQueryExecutionTime: 2000,
  };
  if (settings.url) {
    return { ...common, url: settings.url, extra: { max: 10, connectionTimeoutMillis: 5000 } };
  }
  let dataDir: string | undefined;
  if (settings.dataDir !== ':memory:') {
    dataDir = join(resolve(settings.dataDir), 'pglite');
    mkdirSync(dataDir, { recursive: true });
  }
  return { ...common, driver: new PGliteDriver(dataDir ? { dataDir } : {}).driver };
}
