import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Thrown for anything that cannot be decrypted or does not belong to this account. */
export class WechatCryptError extends Error {
  override name = 'WechatCryptError';
}

// WeChat pads to 32-byte blocks (PKCS#7 with block size 32), not AES's 16.
const PAD_BLOCK = 32;

export function isEncodingAesKey(key: string): boolean {
  return /^[A-Za-z0-9]{43}$/.test(key);
}

function aesKey(encodingAesKey: string): Buffer {
  if (!isEncodingAesKey(encodingAesKey)) throw new WechatCryptError('EncodingAESKey 应为 43 位字母或数字');
  return Buffer.from(`${encodingAesKey}=`, 'base64');
}

/**
 * 安全模式 message crypt: AES-256-CBC, IV = first 16 key bytes, plaintext = random(16) + length(4, big-endian)
 * + message + appId. Several keys may be given (current first, then the previous one while WeChat switches over).
 */
export class WechatCrypt {
  private readonly keys: Buffer[];

  constructor(encodingAesKeys: string[], private readonly appId: string) {
    if (encodingAesKeys.length === 0) throw new WechatCryptError('至少需要一个 EncodingAESKey');
    this.keys = encodingAesKeys.map(aesKey);
  }

  /** `random` is only fixed by tests (official vectors); `keyIndex` replies with the key the request came with. */
  encrypt(message: string, options: { random?: Buffer; keyIndex?: number } = {}): string {
    const key = this.keys[options.keyIndex ?? 0] ?? this.keys[0];
    const random = options.random ?? randomBytes(16);
    const body = Buffer.from(message, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length, 0);
    const plain = Buffer.concat([random, length, body, Buffer.from(this.appId, 'utf8')]);
    const padLength = PAD_BLOCK - (plain.length % PAD_BLOCK);
    const padded = Buffer.concat([plain, Buffer.alloc(padLength, padLength)]);
    const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
    cipher.setAutoPadding(false);
    return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
  }

  /** The message and the index of the key that opened it; throws WechatCryptError otherwise. */
  decrypt(encrypted: string): { message: string; keyIndex: number } {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encrypted)) throw new WechatCryptError('密文不是 Base64');
    const data = Buffer.from(encrypted, 'base64');
    if (data.length < PAD_BLOCK || data.length % 16 !== 0) throw new WechatCryptError('密文长度不正确');
    let lastError: WechatCryptError | null = null;
    for (let keyIndex = 0; keyIndex < this.keys.length; keyIndex++) {
      try {
        return { message: this.open(data, this.keys[keyIndex]), keyIndex };
      } catch (error) {
        lastError = error instanceof WechatCryptError ? error : new WechatCryptError('解密失败');
      }
    }
    throw lastError!;
  }

  private open(data: Buffer, key: Buffer): string {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    decipher.setAutoPadding(false);
    const plain = Buffer.concat([decipher.update(data), decipher.final()]);
    const padLength = plain[plain.length - 1];
    if (padLength < 1 || padLength > PAD_BLOCK || padLength > plain.length - 20) throw new WechatCryptError('填充不正确');
    const content = plain.subarray(16, plain.length - padLength);
    const length = content.readUInt32BE(0);
    if (length > content.length - 4) throw new WechatCryptError('消息长度不正确');
    const appId = content.subarray(4 + length).toString('utf8');
    if (appId !== this.appId) throw new WechatCryptError('AppID 不匹配');
    return content.subarray(4, 4 + length).toString('utf8');
  }
}
