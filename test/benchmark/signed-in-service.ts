import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface SignedInService {
  base: string;
  /** `authorization` header of the signed-in admin. */
  auth: { authorization: string };
  stop(): Promise<void>;
}

/**
 * The built service (dist) in a process of its own on a fresh embedded database with the shipped
 * knowledge, ready and signed in as admin: what the HTTP benchmarks measure against. `configYaml`
 * is merged over the configuration (CONFIG_FILE).
 */
export async function startSignedInService(port: number, configYaml?: string): Promise<SignedInService> {
  const dataDir = await mkdtemp(join(tmpdir(), 'gda-bench-'));
  const password = randomBytes(12).toString('base64url');
  const configFile = join(dataDir, 'bench.yaml');
  if (configYaml) await writeFile(configFile, configYaml);
  const child: ChildProcess = spawn(process.execPath, [resolve('dist/apps/api/src/main.js')], {
    env: {
      ...process.env, DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: '', REDIS_URL: '', NODE_ENV: 'production',
      ADMIN_INITIAL_PASSWORD: password, LOG_LEVEL: 'warn', ...(configYaml ? { CONFIG_FILE: configFile } : {}),
    },
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const deadline = Date.now() + 120_000;
    while (!(await fetch(`${base}/health/ready`).then((r) => r.ok, () => false))) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error('服务未能就绪');
      await new Promise((r) => setTimeout(r, 250));
    }
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }),
    });
    if (!login.ok) throw new Error(`登录失败：${login.status}`);
    const { token } = (await login.json()) as { token: string };
    return { base, auth: { authorization: `Bearer ${token}` }, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
