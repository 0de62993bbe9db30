import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cdata, parseWechatXml, WechatCrypt, wechatSignature } from '@app/wechat';
import { runHttpLoad, type AutocannonRequest, type LoadFigures } from './http-load.js';

const TOKEN = 'benchWebhookToken';
const APP_ID = 'wx0123456789abcdef';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

export interface WebhookRow extends LoadFigures {
  mode: '明文' | '安全模式';
  /** Of a sequential sample after the load: share answered with a passive reply (not `success`). */
  passiveShare: number;
  sampleP50Ms: number;
  /** 1-minute load average when the mode was done: on a shared machine the figures mean little without it. */
  loadAverage: number;
}

class WebhookClient {
  private sequence = 0;
  private readonly crypt: WechatCrypt | null;

  constructor(readonly safe: boolean) {
    this.crypt = safe ? new WechatCrypt([AES_KEY], APP_ID) : null;
  }

  /** A new text message (its own MsgId: retries would be answered from the de-duplication cache). */
  message(question: string): { path: string; body: string } {
    const seq = ++this.sequence;
    const openid = `o-bench-${String(seq % 500).padStart(4, '0')}`;
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = String(seq);
    const xml = `<xml><ToUserName>${cdata('gh_bench')}</ToUserName><FromUserName>${cdata(openid)}</FromUserName>`
      + `<CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content>${cdata(question)}</Content>`
      + `<MsgId>${Date.now()}${seq}</MsgId></xml>`;
    let path = `/wechat/official-account?signature=${wechatSignature(TOKEN, timestamp, nonce)}&timestamp=${timestamp}&nonce=${nonce}&openid=${openid}`;
    if (!this.crypt) return { path, body: xml };
    const encrypt = this.crypt.encrypt(xml);
    path += `&encrypt_type=aes&msg_signature=${wechatSignature(TOKEN, timestamp, nonce, encrypt)}`;
    return { path, body: `<xml><ToUserName>${cdata('gh_bench')}</ToUserName><Encrypt>${cdata(encrypt)}</Encrypt></xml>` };
  }

  /** The reply text of a passive reply, or null for `success`. */
  replyContent(body: string): string | null {
    if (body === 'success') return null;
    const fields = parseWechatXml(body);
    return parseWechatXml(this.crypt ? this.crypt.decrypt(fields.Encrypt).message : body).Content ?? null;
  }

  requests(questions: string[]): AutocannonRequest[] {
    return questions.map((question) => ({
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      setupRequest: (request: AutocannonRequest) => ({ ...request, ...this.message(question) }),
    }));
  }
}

async function waitForReady(url: string, child: ReturnType<typeof spawn>): Promise<void> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`服务进程已退出（${child.exitCode}）`);
    if (Date.now() > deadline) throw new Error('服务 180 秒内没有就绪');
    if (await fetch(`${url}/health/ready`).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function sample(url: string, client: WebhookClient, questions: string[]): Promise<{ passiveShare: number; p50Ms: number }> {
  let passive = 0;
  const times: number[] = [];
  for (const question of questions) {
    const { path, body } = client.message(question);
    const started = performance.now();
    const response = await fetch(url + path, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
    const text = await response.text();
    times.push(performance.now() - started);
    if (!response.ok) throw new Error(`公众号接口返回 ${response.status}：${text.slice(0, 200)}`);
    if (client.replyContent(text)) passive++;
  }
  times.sort((a, b) => a - b);
  return { passiveShare: passive / questions.length, p50Ms: times[Math.floor(times.length / 2)] };
}

/** `node dist/apps/api/src/main.js` with `env` on `port`, for the time of `run`. */
async function withService<T>(env: NodeJS.ProcessEnv, port: number, run: (url: string) => Promise<T>): Promise<T> {
  const child = spawn(process.execPath, [resolve('dist/apps/api/src/main.js')], {
    env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((r) => child.once('exit', r));
  try {
    const url = `http://127.0.0.1:${port}`;
    await waitForReady(url, child);
    return await run(url);
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  }
}

/**
 * The official-account webhook under load: one service process (embedded database, the full
 * knowledge/), autocannon for `durationSeconds`, plain mode then safe mode (the second start reuses
 * the imported database). Each message is new, so every request runs the engine.
 */
export async function runWebhookBenchmark(questions: string[], durationSeconds = 10, connections = 16): Promise<WebhookRow[]> {
  const workDir = await mkdtemp(join(tmpdir(), 'gda-webhook-'));
  const configFile = join(workDir, 'bench.yaml');
  await writeFile(configFile, [
    'security:', '  rateLimit:', '    perIp: 1000000', '    perUser: 100000', '    windowSeconds: 60',
    `    redisPrefix: "bench:${randomBytes(4).toString('hex')}:rate:"`, 'logging:', '  level: warn', '',
  ].join('\n'));
  const rows: WebhookRow[] = [];
  try {
    for (const safe of [false, true]) {
      const env = {
        NODE_ENV: 'production', WORKERS: '1', CONFIG_FILE: configFile, DATA_DIR: join(workDir, 'data'), DATABASE_URL: '', REDIS_URL: '',
        KNOWLEDGE_DIR: resolve('knowledge'), WECHAT_TOKEN: TOKEN, WECHAT_APP_ID: safe ? APP_ID : '', WECHAT_ENCODING_AES_KEY: safe ? AES_KEY : '',
        WECHAT_APP_SECRET: '',
      };
      rows.push(await withService(env, safe ? 3962 : 3961, async (url): Promise<WebhookRow> => {
        const client = new WebhookClient(safe);
        await runHttpLoad({ url, requests: client.requests(questions), durationSeconds: 2, connections }); // warm-up
        const load = await runHttpLoad({ url, requests: client.requests(questions), durationSeconds, connections });
        const checked = await sample(url, client, questions.slice(0, 200));
        return { mode: safe ? '安全模式' : '明文', ...load, passiveShare: checked.passiveShare, sampleP50Ms: checked.p50Ms, loadAverage: loadavg()[0] };
      }));
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  return rows;
}
