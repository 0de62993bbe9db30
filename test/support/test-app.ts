import { randomBytes } from 'node:crypto';
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
export async function startTestApp(overrides: (config: AppConfig) => void = () => undefined): Promise<TestApp> {
  const config = loadAppConfig({ ...process.env, NODE_ENV: 'test', PORT: '0', DATA_DIR: ':memory:', KNOWLEDGE_DIR: MINI_KNOWLEDGE });
  config.knowledge.pollIntervalMs = 200;
  // Production thresholds are calibrated on the shipped knowledge (npm run calibrate); the tiny
  // fixture gets fixed ones so that these tests check behaviour, not the latest calibration.
  config.matching.thresholds = { answer: 0.5, margin: 0.1, clarify: 0.35, maxChoices: 3 };
  let dropSchema = async () => undefined as void;
  if (config.storage.databaseUrl) {
    const schema = `test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: config.storage.databaseUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA "${schema}"`);
    await admin.end();
    const base = config.storage.databaseUrl;
    config.storage.databaseUrl = `${base}${base.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    dropSchema = async () => {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`DROP SCHEMA "${schema}" CASCADE`);
      await client.end();
    };
  }
  overrides(config);
  const app = await createApiApp(config, { logger: false });
  await app.init();
  return {
    app,
    config,
    async close() {
      await app.close();
      await dropSchema();
    },
  };
}
