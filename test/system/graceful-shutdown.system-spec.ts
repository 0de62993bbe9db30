import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import { createTestSchema } from '../support/test-app.js';
import { freePort, waitFor } from './service-processes.js';

/*
 * SIGTERM (what systemd, Kubernetes and `docker stop` send) while residents are asking: requests
 * already received are answered, their query log rows are written, and the process exits by itself.
 */
const runnable = process.env.DATABASE_URL && existsSync(resolve('dist/apps/api/src/main.js')) ? describe : describe.skip;

runnable('graceful shutdown', () => {
  let schema: Awaited<ReturnType<typeof createTestSchema>>;
  let child: ChildProcess;
  let port: number;

  beforeAll(async () => {
    schema = await createTestSchema();
    port = await freePort();
    child = spawn(process.execPath, [resolve('dist/apps/api/src/main.js')], {
      env: {
        ...process.env, NODE_ENV: 'production', PORT: String(port), DATABASE_URL: schema.url, REDIS_URL: '',
        KNOWLEDGE_DIR: resolve('test/fixtures/knowledge-mini'), LOG_LEVEL: 'warn',
      },
      stdio: 'ignore',
    });
    await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/health/ready`)).ok, 120_000, 'service ready');
  }, 180_000);

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await schema?.drop();
  });

  it('answers what it received, writes its log and exits 0 on SIGTERM', async () => {
    const asks = Array.from({ length: 200 }, (_, i) => fetch(`http://127.0.0.1:${port}/api/answer`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: `景区几点开门（${i}）` }),
    }).then(async (r) => { await r.arrayBuffer(); return r.status; }, () => 'refused' as const));
    await new Promise((r) => setTimeout(r, 30));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const stoppedAt = Date.now();
    child.kill('SIGTERM');
    const statuses = await Promise.all(asks);
    const code = await exited;
    const shutdownMs = Date.now() - stoppedAt;

    expect(code).toBe(0);
    expect(shutdownMs).toBeLessThan(15_000);
    // Each request either got its answer or was never accepted (connection refused after close); none broken.
    expect(statuses.filter((s) => s !== 200 && s !== 'refused')).toEqual([]);
    const answered = statuses.filter((s) => s === 200).length;
    expect(answered).toBeGreaterThan(0);
    const client = new pg.Client({ connectionString: schema.url });
    await client.connect();
    const { rows } = await client.query("SELECT count(*)::int AS n FROM query_log WHERE question LIKE '景区几点开门（%'");
    await client.end();
    expect(rows[0].n).toBe(answered);
  });
});
