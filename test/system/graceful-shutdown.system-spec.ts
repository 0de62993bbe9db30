import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
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

/*
 * WORKERS > 1: systemd (KillMode=control-group) and Ctrl-C signal every process of the service, and
 * the primary passes the signal on, so each worker gets it twice; a worker that crashed just before
 * must not be started again once the service is stopping.
 */
const clustered = process.env.DATABASE_URL && process.env.REDIS_URL && existsSync(resolve('dist/apps/api/src/main.js')) ? describe : describe.skip;

clustered('graceful shutdown with workers', () => {
  let schema: Awaited<ReturnType<typeof createTestSchema>>;
  let child: ChildProcess;
  let port: number;

  const start = async () => {
    port = await freePort();
    child = spawn(process.execPath, [resolve('dist/apps/api/src/main.js')], {
      env: {
        ...process.env, NODE_ENV: 'production', PORT: String(port), WORKERS: '2', DATABASE_URL: schema.url,
        KNOWLEDGE_DIR: resolve('test/fixtures/knowledge-mini'), LOG_LEVEL: 'warn',
      },
      stdio: 'ignore',
      // Its own process group, so that the whole service can be signalled at once.
      detached: true,
    });
    await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/health/ready`)).ok, 120_000, 'service ready');
    await waitFor(async () => workersOf(child.pid!).length === 2, 60_000, 'two workers');
    // Both workers listening (the first one ready is not enough).
    await new Promise((r) => setTimeout(r, 3000));
  };

  beforeAll(async () => {
    schema = await createTestSchema();
  }, 60_000);

  afterAll(async () => {
    if (child && child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
    await schema?.drop();
  });

  it('answers what it received and exits 0 when every process of the service gets SIGTERM', async () => {
    await start();
    // Requests in flight on both workers: half of the body sent before the signal, the rest after.
    const body = JSON.stringify({ text: '景区几点开门' });
    const asks = Array.from({ length: 8 }, () => {
      const ask = httpRequest({ host: '127.0.0.1', port, path: '/api/answer', method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } });
      const status = new Promise<number | string>((r) => {
        ask.on('response', (res) => { res.resume(); res.on('end', () => r(res.statusCode ?? 0)); });
        ask.on('error', (error) => r(error.message));
      });
      ask.write(body.slice(0, 5));
      return { ask, status };
    });
    await new Promise((r) => setTimeout(r, 500));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    process.kill(-child.pid!, 'SIGTERM');
    await new Promise((r) => setTimeout(r, 1000));
    for (const { ask } of asks) ask.end(body.slice(5));
    const statuses = await Promise.all(asks.map((a) => a.status));
    expect(await exited).toBe(0);
    expect(statuses).toEqual(asks.map(() => 200));
  }, 120_000);

  it('does not start a crashed worker again once it is stopping', async () => {
    await start();
    process.kill(workersOf(child.pid!)[0], 'SIGKILL');
    await new Promise((r) => setTimeout(r, 200));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const stoppedAt = Date.now();
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
    expect(child.exitCode).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(15_000);
  }, 120_000);
});

function workersOf(pid: number): number[] {
  return spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map(Number);
}
