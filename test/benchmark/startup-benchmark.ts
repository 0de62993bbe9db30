import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Time from `node main.js` to the first answered POST /api/answer. */
async function timeToFirstAnswer(dataDir: string, port: number): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [resolve('dist/apps/api/src/main.js')], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: '', REDIS_URL: '', NODE_ENV: 'production' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      if (performance.now() - started > 60_000) throw new Error('服务 60 秒内没有就绪');
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/answer`, {
          method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: '低保怎么申请' }),
        });
        if (res.ok) return performance.now() - started;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

export async function measureStartup(): Promise<{ firstMs: number; secondMs: number }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'gda-startup-'));
  try {
    const firstMs = await timeToFirstAnswer(dataDir, 3900);
    const secondMs = await timeToFirstAnswer(dataDir, 3901);
    return { firstMs, secondMs };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
