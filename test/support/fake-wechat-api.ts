import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentMessage {
  touser: string;
  msgtype: string;
  text: { content: string };
}

/**
 * A local HTTP server speaking the two api.weixin.qq.com calls the service makes (stable_token and
 * message/custom/send), with real tokens that expire or can be revoked, and scripted failures.
 */
export class FakeWechatApi {
  readonly messages: SentMessage[] = [];
  tokenCalls = 0;
  expiresInSeconds = 7200;
  /** Next send calls answer HTTP 500 this many times (network-level failure → job retry). */
  failNextSends = 0;
  /** Next send call answers this errcode once (e.g. 45015 outside the window). */
  nextSendErrcode: number | null = null;
  private readonly validTokens = new Set<string>();
  private server!: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ status, body }) => {
        // No keep-alive: the client's idle sockets would keep a test worker alive after the suite.
        res.writeHead(status, { 'content-type': 'application/json', connection: 'close' });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  revokeTokens(): void {
    this.validTokens.clear();
  }

  async waitForMessages(count: number, timeoutMs = 15000): Promise<SentMessage[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.messages.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} customer messages, got ${this.messages.length}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return this.messages;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; body: object }> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://localhost');
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    } catch {
      return { status: 200, body: { errcode: 47001, errmsg: 'data format error' } };
    }
    if (req.method === 'POST' && url.pathname === '/cgi-bin/stable_token') {
      this.tokenCalls++;
      if (body.grant_type !== 'client_credential' || !body.appid || !body.secret) return { status: 200, body: { errcode: 40002, errmsg: 'invalid grant_type' } };
      const token = `token-${this.tokenCalls}-${Math.random().toString(36).slice(2)}`;
      this.validTokens.add(token);
      return { status: 200, body: { access_token: token, expires_in: this.expiresInSeconds } };
    }
    if (req.method === 'POST' && url.pathname === '/cgi-bin/message/custom/send') {
      if (this.failNextSends > 0) {
        this.failNextSends--;
        return { status: 500, body: {} };
      }
      if (!this.validTokens.has(url.searchParams.get('access_token') ?? '')) return { status: 200, body: { errcode: 40001, errmsg: 'invalid credential' } };
      if (this.nextSendErrcode !== null) {
        const errcode = this.nextSendErrcode;
        this.nextSendErrcode = null;
        return { status: 200, body: { errcode, errmsg: 'scripted' } };
      }
      this.messages.push(body as unknown as SentMessage);
      return { status: 200, body: { errcode: 0, errmsg: 'ok' } };
    }
    return { status: 404, body: { errcode: 404, errmsg: 'not found' } };
  }
}
