import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { dedupeKey, toIncomingMessage } from './incoming-message.js';
import { WECHAT_STORE, type KeyValueStore } from './key-value-store.js';
import { OfficialAccountService, WECHAT_SUCCESS } from './official-account.service.js';
import { ReplayGuard } from './replay-guard.js';
import { WechatCrypt, WechatCryptError } from './wechat-crypt.js';
import { WECHAT_SETTINGS, type WechatSettings } from './wechat-settings.js';
import { signatureMatches, wechatSignature } from './wechat-signature.js';
import { encryptedReplyXml, parseWechatXml, WechatXmlError } from './wechat-xml.js';

/** A request the webhook refuses before processing anything; `status` is the HTTP status to answer. */
export class WebhookRejection extends Error {
  override name = 'WebhookRejection';

  constructor(readonly status: 400 | 401 | 503, message: string) {
    super(message);
  }
}

export type WebhookQuery = Record<string, unknown>;

export interface WebhookResponse {
  contentType: 'text/plain' | 'application/xml';
  body: string;
}

const NOT_CONFIGURED = '微信公众号接口未配置：请设置 WECHAT_TOKEN（见 docs/operations.md “微信公众号”）';

function text(query: WebhookQuery, name: string, pattern: RegExp): string | null {
  const value = query[name];
  return typeof value === 'string' && pattern.test(value) ? value : null;
}

/**
 * The HTTP-independent part of /wechat/official-account: signature and timestamp checks, the safe-mode
 * envelope (msg_signature, AES) and XML, around OfficialAccountService. Every refusal happens before
 * the message is processed.
 */
@Injectable()
export class OfficialAccountWebhook {
  private readonly crypt: WechatCrypt | null;
  private readonly replays: ReplayGuard;
  private readonly logger = new Logger(OfficialAccountWebhook.name);

  constructor(
    @Inject(WECHAT_SETTINGS) private readonly settings: WechatSettings,
    private readonly service: OfficialAccountService,
    @Inject(WECHAT_STORE) store: KeyValueStore,
  ) {
    this.replays = new ReplayGuard(store, settings.timestampToleranceSeconds);
    const keys = [settings.encodingAesKey, settings.previousEncodingAesKey].filter((k): k is string => Boolean(k));
    this.crypt = settings.encodingAesKey && settings.appId ? new WechatCrypt(keys, settings.appId) : null;
  }

  get safeMode(): boolean {
    return this.crypt !== null;
  }

  /** GET: WeChat checks the server URL; answer echostr when the signature is right. */
  verifyUrl(query: WebhookQuery): string {
    this.authenticate(query);
    const echostr = text(query, 'echostr', /^[\w-]{1,128}$/);
    if (!echostr) throw new WebhookRejection(400, '缺少或无效的 echostr');
    return echostr;
  }

  /**
   * Whether the call carries a valid, current signature (the message itself is checked on receipt):
   * such calls come from WeChat, and are rate-limited per resident rather than per address.
   */
  isSigned(query: WebhookQuery): boolean {
    try {
      this.authenticate(query);
      return true;
    } catch {
      return false;
    }
  }

  /** POST: one message or event → passive reply (encrypted in safe mode) or `success`. */
  async receive(query: WebhookQuery, body: unknown): Promise<WebhookResponse> {
    const { timestamp, nonce } = this.authenticate(query);
    if (typeof body !== 'string' || body.trim() === '') throw new WebhookRejection(400, '消息体为空或不是 XML 文本');
    const outer = this.parse(body);
    let fields = outer;
    let keyIndex = 0;
    if (this.crypt) {
      if (query.encrypt_type !== 'aes' || typeof outer.Encrypt !== 'string') throw new WebhookRejection(400, '安全模式下消息必须加密（encrypt_type=aes）');
      const msgSignature = query.msg_signature;
      if (!signatureMatches(wechatSignature(this.settings.token!, timestamp, nonce, outer.Encrypt), msgSignature)) {
        throw new WebhookRejection(401, 'msg_signature 校验失败');
      }
      try {
        const opened = this.crypt.decrypt(outer.Encrypt);
        keyIndex = opened.keyIndex;
        fields = this.parse(opened.message);
      } catch (error) {
        if (error instanceof WechatCryptError) throw new WebhookRejection(400, `消息解密失败：${error.message}`);
        throw error;
      }
    } else if (query.encrypt_type === 'aes') {
      throw new WebhookRejection(400, '收到加密消息，但未配置 WECHAT_ENCODING_AES_KEY');
    }
    let message;
    try {
      message = toIncomingMessage(fields);
    } catch (error) {
      if (error instanceof WechatXmlError) throw new WebhookRejection(400, error.message);
      throw error;
    }
    await this.refuseReplay(timestamp, nonce, dedupeKey(message));
    const reply = await this.service.handle(message);
    if (reply === WECHAT_SUCCESS) return { contentType: 'text/plain', body: WECHAT_SUCCESS };
    if (!this.crypt) return { contentType: 'application/xml', body: reply };
    return { contentType: 'application/xml', body: this.seal(reply, keyIndex) };
  }

  /** Safe-mode reply envelope; `random`/`timestamp`/`nonce` are fixed only by tests. */
  seal(replyXml: string, keyIndex = 0, fixed: { random?: Buffer; timestamp?: string; nonce?: string } = {}): string {
    if (!this.crypt) throw new Error('未启用安全模式');
    const encrypt = this.crypt.encrypt(replyXml, { random: fixed.random, keyIndex });
    const timestamp = fixed.timestamp ?? String(Math.floor(Date.now() / 1000));
    const nonce = fixed.nonce ?? String(randomBytes(4).readUInt32BE(0));
    return encryptedReplyXml({ encrypt, signature: wechatSignature(this.settings.token!, timestamp, nonce, encrypt), timestamp, nonce });
  }

  private authenticate(query: WebhookQuery): { timestamp: string; nonce: string } {
    if (!this.settings.token) throw new WebhookRejection(503, NOT_CONFIGURED);
    const timestamp = text(query, 'timestamp', /^\d{1,12}$/);
    const nonce = text(query, 'nonce', /^[\w-]{1,64}$/);
    if (!timestamp || !nonce) throw new WebhookRejection(400, '缺少或无效的 timestamp / nonce 参数');
    if (!signatureMatches(wechatSignature(this.settings.token, timestamp, nonce), query.signature)) {
      throw new WebhookRejection(401, '签名校验失败（signature）');
    }
    const tolerance = this.settings.timestampToleranceSeconds;
    if (tolerance > 0 && Math.abs(Date.now() / 1000 - Number(timestamp)) > tolerance) {
      throw new WebhookRejection(401, '请求时间戳已过期，可能是重放的请求');
    }
    return { timestamp, nonce };
  }

  private async refuseReplay(timestamp: string, nonce: string, message: string): Promise<void> {
    let accepted: boolean;
    try {
      accepted = await this.replays.accepts(timestamp, nonce, message);
    } catch (error) {
      // Like retry de-duplication: with the shared store away, answer rather than refuse everyone.
      this.logger.warn(`重放检查暂不可用（存储不可用），本条消息照常处理：${(error as Error).message}`);
      return;
    }
    if (!accepted) throw new WebhookRejection(401, '该 timestamp/nonce 已用于另一条消息，可能是重放的请求');
  }

  private parse(xml: string): Record<string, string> {
    try {
      return parseWechatXml(xml);
    } catch (error) {
      if (error instanceof WechatXmlError) throw new WebhookRejection(400, error.message);
      throw error;
    }
  }
}
