/** An error answer from api.weixin.qq.com (errcode ≠ 0). */
export class WechatApiError extends Error {
  override name = 'WechatApiError';

  constructor(readonly errcode: number, readonly errmsg: string) {
    super(`微信接口错误 ${errcode}：${errmsg}`);
  }

  /** The token was rejected (expired early, reset elsewhere): fetch a new one and try again. */
  get tokenInvalid(): boolean {
    return [40001, 40014, 42001].includes(this.errcode);
  }

  /** Retrying cannot help: outside the 48-hour window / unsubscribed (45015), quota used up (45047), blocked (48001). */
  get permanent(): boolean {
    return [45015, 45047, 48001, 43004, 40003].includes(this.errcode);
  }
}

export interface AccessTokenAnswer {
  accessToken: string;
  expiresInSeconds: number;
}

/** The calls the service makes to WeChat; injectable so that tests talk to a local HTTP server. */
export interface WechatApiClient {
  fetchAccessToken(appId: string, appSecret: string): Promise<AccessTokenAnswer>;
  sendCustomerText(accessToken: string, openid: string, content: string): Promise<void>;
}

export const WECHAT_API_CLIENT = Symbol('WECHAT_API_CLIENT');

const TIMEOUT_MS = 5000;

/** HTTPS client for api.weixin.qq.com (or any base URL with the same API). */
export class HttpWechatApiClient implements WechatApiClient {
  constructor(private readonly baseUrl: string) {}

  async fetchAccessToken(appId: string, appSecret: string): Promise<AccessTokenAnswer> {
    // stable_token: the recommended endpoint; it does not invalidate tokens other systems hold.
    const body = await this.post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: appId, secret: appSecret, force_refresh: false });
    if (typeof body.access_token !== 'string' || typeof body.expires_in !== 'number') {
      throw new Error('微信接口返回的 access_token 格式不正确');
    }
    return { accessToken: body.access_token, expiresInSeconds: body.expires_in };
  }

  async sendCustomerText(accessToken: string, openid: string, content: string): Promise<void> {
    await this.post(`/cgi-bin/message/custom/send?access_token=${encodeURIComponent(accessToken)}`, {
      touser: openid, msgtype: 'text', text: { content },
    });
  }

  private async post(path: string, payload: object): Promise<Record<string, unknown>> {
    const response = await fetch(new URL(path, this.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`微信接口 HTTP ${response.status}`);
    const body = (await response.json()) as Record<string, unknown>;
    const errcode = typeof body.errcode === 'number' ? body.errcode : 0;
    if (errcode !== 0) throw new WechatApiError(errcode, String(body.errmsg ?? ''));
    return body;
  }
}
