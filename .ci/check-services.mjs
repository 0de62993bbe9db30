// Fails loudly when PostgreSQL or Redis do not answer: CI must never skip the real-service pass silently.
import pg from 'pg';
import { Redis } from 'ioredis';

const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;
let failed = false;

try {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  const { rows } = await client.query('SELECT version()');
  console.log(`PostgreSQL OK: ${rows[0].version.split(',')[0]}`);
  await client.end();
} catch (error) {
  console.error(`PostgreSQL at ${databaseUrl} does not answer: ${error.message}`);
  failed = true;
}

const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 5000, retryStrategy: () => null });
try {
  await redis.connect();
  console.log(`Redis OK: ${await redis.ping()}`);
} catch (error) {
  console.error(`Redis at ${redisUrl} does not answer: ${error.message}`);
  failed = true;
} finally {
  redis.disconnect();
}
process.exit(failed ? 1 : 0);
