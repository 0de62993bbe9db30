import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check().catch(() => false)) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: not within ${timeoutMs} ms`);
}

/** A throwaway Redis server of the test's own, so that stopping it disturbs nobody else. */
export class DisposableRedis {
  private child: ChildProcess | null = null;

  private constructor(readonly port: number) {}

  static available(): boolean {
    return spawnSync('redis-server', ['--version']).status === 0;
  }

  static async start(): Promise<DisposableRedis> {
    const redis = new DisposableRedis(await freePort());
    await redis.resume();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async resume(): Promise<void> {
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await waitFor(async () => spawnSync('redis-cli', ['-p', String(this.port), 'ping']).stdout?.toString().trim() === 'PONG', 10_000, 'redis start');
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
  }
}

/**
 * A throwaway PostgreSQL cluster (initdb in a temp directory, run as the `postgres` user because
 * PostgreSQL refuses root), so a test can stop and restart the database under a running service.
 */
export class DisposablePostgres {
  private constructor(readonly dir: string, readonly port: number) {}

  static available(): boolean {
    return process.getuid?.() === 0 && spawnSync('id', ['postgres']).status === 0 && spawnSync('which', ['initdb']).status === 0;
  }

  static async start(): Promise<DisposablePostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'gda-pg-'));
    chownSync(dir, Number(spawnSync('id', ['-u', 'postgres']).stdout.toString()), Number(spawnSync('id', ['-g', 'postgres']).stdout.toString()));
    const init = spawnSync('runuser', ['-u', 'postgres', '--', 'initdb', '-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync'], { encoding: 'utf8' });
    if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
    const pg = new DisposablePostgres(dir, await freePort());
    await pg.resume();
    return pg;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private ctl(...args: string[]): void {
    const result = spawnSync('runuser', ['-u', 'postgres', '--', 'pg_ctl', '-D', join(this.dir, 'data'), ...args], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`pg_ctl ${args[0]} failed: ${result.stderr}`);
  }

  async resume(): Promise<void> {
    this.ctl('-o', `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`, '-l', join(this.dir, 'log'), '-w', 'start');
  }

  /** `immediate`: like a crash or a pulled cable, no goodbye to clients. */
  async stop(): Promise<void> {
    if (existsSync(join(this.dir, 'data', 'postmaster.pid'))) this.ctl('-m', 'immediate', '-w', 'stop');
  }

  async destroy(): Promise<void> {
    await this.stop().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
