import { createHash, randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import pg from 'pg';
import { loadAppConfig, type AppConfig } from '@app/common';
import { createApiApp } from '../../apps/api/src/bootstrap.js';

export const MINI_KNOWLEDGE = resolve('test/fixtures/knowledge-mini');

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  close(): Promise<void>;
}

/**
 * The real application on the embedded database in memory, or — when DATABASE_URL / REDIS_URL
 * are set (CI's second pass) — on PostgreSQL in a schema of its own and on Redis, so that test
 * files running side by side never share tables.
 */
export async function startTestApp(
  overrides: (config: AppConfig) => void = () => undefined,
  options: { sharedDatabaseUrl?: string } = {},
): Promise<TestApp> {
  const config = loadAppConfig({ ...process.env, NODE_ENV: 'test', PORT: '0', DATA_DIR: ':memory:', KNOWLEDGE_DIR: MINI_KNOWLEDGE });
  config.knowledge.pollIntervalMs = 200;
  // Production thresholds are calibrated on the shipped knowledge (npm run calibrate); the tiny
  // fixture gets fixed ones so that these tests check behaviour, not the latest calibration.
  config.matching.thresholds = { answer: 0.5, margin: 0.1, clarify: 0.35, storyAnswer: 0.5, storyClarify: 0.35, maxChoices: 3 };
  // Tests fire many requests from one address; the rate-limit test sets its own limits and prefix.
  config.security.rateLimit = { ...config.security.rateLimit, perIp: 1_000_000, perUser: 100_000, redisPrefix: `test:${randomBytes(4).toString('hex')}:rate:` };
  // Each test app its own job queue in a shared Redis, so one test's jobs never run in another's app;
  // apps started on one shared database are one service and share it.
  const queueKey = options.sharedDatabaseUrl ? createHash('sha1').update(options.sharedDatabaseUrl).digest('hex') : randomBytes(4).toString('hex');
  config.storage.queuePrefix = `test-${queueKey.slice(0, 8)}`;
  // Login failure counters too: a shared Redis keeps them for minutes, and other runs (the hostile-input
  // corpus tries thousands of bad passwords for admin) must not lock this app's users out.
  config.auth.redisPrefix = `test-${queueKey.slice(0, 8)}:auth:`;
  let dropSchema = async () => undefined as void;
  if (options.sharedDatabaseUrl) {
    config.storage.databaseUrl = options.sharedDatabaseUrl;
  } else if (config.storage.databaseUrl) {
    const schema = await createTestSchema();
    config.storage.databaseUrl = schema.url;
    dropSchema = () => schema.drop();
  }
  overrides(config);
  const app = await createApiApp(config, { logger: false });
  await app.init();
  // Fastify adds the routes when it is ready; supertest calls the server's listen() directly.
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    config,
    async close() {
      await app.close();
      await dropSchema();
    },
  };
}

/** A fresh PostgreSQL schema (DATABASE_URL must be set) for tests that run two instances on one database. */
export async function createTestSchema(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = process.env.DATABASE_URL!;
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE SCHEMA "${schema}"`);
  await admin.end();
  return {
    url: `${base}${base.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    async drop() {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`DROP SCHEMA "${schema}" CASCADE`);
      await client.end();
    },
  };
}
