import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { runHttpLoad, type AutocannonRequest, type LoadFigures } from './http-load.js';

export interface LoadRow extends LoadFigures {
  endpoint: string;
  mix: QuestionMix;
  workers: number;
}

const WECHAT_TOKEN = 'benchtoken';

/** A fresh database of its own, so the benchmark never touches the test schema or a county's data. */
async function freshDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function waitUntilReady(port: number, child: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let consecutive = 0;
  // Several workers answer on one port: wait until a run of readiness checks all succeed.
  while (consecutive < 20) {
    if (child.exitCode !== null) throw new Error(`服务进程已退出（${child.exitCode}）`);
    if (Date.now() > deadline) throw new Error('服务未能在时限内就绪');
    const ok = await fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.ok, () => false);
    consecutive = ok ? consecutive + 1 : 0;
    await new Promise((r) => setTimeout(r, ok ? 100 : 250));
  }
}

function wechatTextMessage(question: string, openid: string, msgId: string): string {
  const now = Math.floor(Date.now() / 1000);
  return `<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[${openid}]]></FromUserName>` +
    `<CreateTime>${now}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${question}]]></Content>` +
    `<MsgId>${msgId}</MsgId></xml>`;
}

function signedWebhookPath(): string {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(6).toString('hex');
  const signature = createHash('sha1').update([WECHAT_TOKEN, timestamp, nonce].sort().join('')).digest('hex');
  return `/wechat/official-account?signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`;
}

/**
 * `repeated`: the labelled questions over and over (what a real day looks like: residents ask the same
 * things, and the match cache serves them). `distinct`: every request a text never seen before (a
 * number appended), so every one is matched from scratch — the honest worst case.
 */
type QuestionMix = 'repeated' | 'distinct';

function answerRequests(questions: string[], mix: QuestionMix): AutocannonRequest[] {
  let sequence = 0;
  return questions.map((text): AutocannonRequest => {
    const request = { method: 'POST', path: '/api/answer', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) };
    if (mix === 'repeated') return request;
    return { ...request, setupRequest: (r: AutocannonRequest) => ({ ...r, body: JSON.stringify({ text: `${text}（${++sequence}）` }) }) };
  });
}

function webhookRequests(questions: string[], mix: QuestionMix): AutocannonRequest[] {
  let sequence = 0;
  const path = signedWebhookPath();
  return questions.map((question) => ({
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    // Every message is new (WeChat retries are answered from the cache, which would flatter the figure).
    setupRequest: (request: AutocannonRequest) => {
      sequence++;
      return { ...request, path: `${path}&openid=o-bench-${sequence % 500}`, body: wechatTextMessage(mix === 'repeated' ? question : `${question}（${sequence}）`, `o-bench-${sequence % 500}`, `${Date.now()}${sequence}`) };
    },
  }));
}

/**
 * Requests per second and latency over HTTP, through the real service (`node dist/apps/api/src/main.js`)
 * on PostgreSQL and Redis with the shipped knowledge, at 1, 2 and 4 worker processes.
 */
export async function runLoadBenchmark(options: {
  questions: string[]; databaseUrl: string; redisUrl: string; workerCounts?: number[]; durationSeconds?: number;
}): Promise<LoadRow[]> {
  const workDir = await mkdtemp(join(tmpdir(), 'gda-load-'));
  const configFile = join(workDir, 'bench.yaml');
  await writeFile(configFile, [
    'security:', '  rateLimit:', '    perIp: 1000000', '    perUser: 100000', '    windowSeconds: 60',
    `    redisPrefix: "bench:${randomBytes(4).toString('hex')}:rate:"`,
    'logging:', '  level: warn', '',
  ].join('\n'));
  const databaseUrl = await freshDatabase(options.databaseUrl, 'gda_bench');
  const rows: LoadRow[] = [];
  let port = 3950;
  try {
    for (const workers of options.workerCounts ?? [1, 2, 4]) {
      port++;
      const child = spawn(process.execPath, [resolve('dist/apps/api/src/main.js')], {
        env: {
          ...process.env, NODE_ENV: 'production', PORT: String(port), WORKERS: String(workers), CONFIG_FILE: configFile,
          DATABASE_URL: databaseUrl, REDIS_URL: options.redisUrl, WECHAT_TOKEN, WECHAT_ENCODING_AES_KEY: '',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      try {
        await waitUntilReady(port, child);
        const url = `http://127.0.0.1:${port}`;
        await runHttpLoad({ url, requests: answerRequests(options.questions, 'repeated'), durationSeconds: 2 }); // warm-up
        const probe = await fetch(`${url}${signedWebhookPath()}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: wechatTextMessage('低保怎么申请', 'o-probe', '1') });
        // Baseline: the same stack (HTTP, middleware, metrics) with no question to match.
        rows.push({ endpoint: 'GET /health（基线）', mix: 'repeated', workers, ...(await runHttpLoad({ url, requests: [{ method: 'GET', path: '/health' }], durationSeconds: options.durationSeconds })) });
        for (const mix of ['repeated', 'distinct'] as const) {
          const run = (requests: AutocannonRequest[]) => runHttpLoad({ url, requests, durationSeconds: options.durationSeconds });
          rows.push({ endpoint: 'POST /api/answer', mix, workers, ...(await run(answerRequests(options.questions, mix))) });
          if (probe.ok) rows.push({ endpoint: 'POST /wechat/official-account', mix, workers, ...(await run(webhookRequests(options.questions, mix))) });
        }
      } finally {
        child.kill('SIGTERM');
        await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      }
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  return rows;
}
