import type { DataSource } from 'typeorm';

// Any constant will do, as long as every instance uses the same one.
const MIGRATION_LOCK_KEY = 4_202_611;

/**
 * Runs pending migrations under a PostgreSQL advisory lock, so that instances starting together
 * migrate once: the others wait, then find nothing left to run.
 */
export async function runMigrationsLocked(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}
