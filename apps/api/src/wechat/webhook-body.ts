import { HttpException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';

export const WEBHOOK_PATH = '/wechat/official-account';

/**
 * WeChat posts text/xml; the webhook takes the body as text whatever the declared type (JSON and
 * forms are parsed by the global parsers and refused by the webhook), within its own size limit,
 * decoded with the declared charset (UTF-8 when none). Failures are 4xx with a Chinese message and
 * the body never reaches the webhook.
 */
export function readWebhookText(request: FastifyRequest, payload: Readable, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(request.headers['content-type'] ?? '')?.[1] ?? 'utf-8';
    let decoder: TextDecoder;
    try {
      decoder = new TextDecoder(charset);
    } catch {
      payload.resume();
      reject(new HttpException({ message: '消息体无法读取（编码或字符集不受支持）' }, 415));
      return;
    }
    const tooLarge = () => new HttpException({ message: `消息体超过 ${limit} 字节上限` }, 413);
    const declared = Number(request.headers['content-length']);
    if (declared > limit) {
      payload.resume();
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) {
        payload.removeListener('data', onData);
        payload.resume();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    payload.on('data', onData);
    payload.on('error', () => reject(new HttpException({ message: '消息体无法读取（请求被中断）' }, 400)));
    payload.on('end', () => {
      if (received > limit) return;
      resolve(decoder.decode(Buffer.concat(chunks)));
    });
  });
}
