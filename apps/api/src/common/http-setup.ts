import { parse as parseQueryString } from 'node:querystring';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { bodyError, parseJsonBody } from './json-body.js';

type Decompressor = ReturnType<typeof createGunzip> & { receivedEncodedLength?: number };

const DECOMPRESSORS: Record<string, () => Decompressor> = { gzip: createGunzip, 'x-gzip': createGunzip, deflate: createInflate, br: createBrotliDecompress };

/**
 * Bodies sent gzip-, deflate- or brotli-compressed are inflated before parsing (as body-parser did);
 * the size limits apply to the inflated bytes. Other encodings: 415.
 */
export function inflateCompressedBodies(instance: FastifyInstance): void {
  instance.addHook('preParsing', (request, reply, payload, done) => {
    const encoding = String(request.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    if (encoding === 'identity' || encoding === '') return done(null, payload);
    const create = DECOMPRESSORS[encoding];
    if (!create) return done(bodyError(415, 'encoding.unsupported', `unsupported content encoding "${encoding}"`));
    const inflate = create();
    // Fastify compares the bytes received with Content-Length: count those before inflating.
    let received = 0;
    inflate.receivedEncodedLength = 0;
    payload.on('data', (chunk: Buffer) => {
      received += chunk.length;
      inflate.receivedEncodedLength = received;
    });
    payload.on('error', (error) => inflate.destroy(error));
    // Routes that never read the body (GET, other types) leave the inflater without a listener: a
    // corrupt body would be an unhandled 'error' event and end the process. Readers add their own.
    inflate.on('error', () => undefined);
    // Once the response is out (answered, refused as too large, client gone) nothing reads the rest:
    // without this the inflater kept running — a 2 KB brotli body is seconds of CPU for 1 GB.
    reply.raw.once('close', () => {
      inflate.destroy();
      payload.resume();
    });
    payload.pipe(inflate);
    done(null, inflate);
  });
}

export interface BodyParserSettings {
  /** The global limit (Fastify's bodyLimit, set on the instance). */
  bodyLimit: number;
  /** A route's own reader for bodies no other parser takes (the WeChat webhook's XML text). */
  textRoutes: Map<string, (request: Parameters<Parameters<FastifyInstance['addContentTypeParser']>[2]>[0], payload: Readable) => Promise<string>>;
}

/**
 * One set of body parsers for every route, replacing Fastify's own:
 * - JSON (`application/json`, any parameters): `parseJsonBody` — UTF charsets only, object or array
 *   at the top, depth ≤ 32, every string storable; an empty body is {};
 * - forms (`application/x-www-form-urlencoded`): flat key/value pairs, at most 1000;
 * - anything else (or no type): read as text by routes that asked for it (the webhook), left unread
 *   (body undefined) elsewhere, as Express did for types it had no parser for.
 */
export function registerBodyParsers(instance: FastifyInstance, settings: BodyParserSettings): void {
  instance.removeAllContentTypeParsers();
  instance.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, raw, done) => {
    try {
      done(null, parseJsonBody(raw as Buffer, request.headers['content-type']));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  instance.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, text, done) => {
    const pairs = (text as string).length === 0 ? 0 : (text as string).split('&').length;
    if (pairs > 1000) {
      done(bodyError(413, 'parameters.too.many', 'too many parameters'), undefined);
      return;
    }
    done(null, { ...parseQueryString(text as string) });
  });
  instance.addContentTypeParser('*', (request, payload, done) => {
    const reader = settings.textRoutes.get(request.routeOptions.url ?? '');
    if (!reader) {
      done(null, undefined);
      return;
    }
    reader(request, payload).then((text) => done(null, text), (error: Error) => done(error, undefined));
  });
}

/** Route options by path prefix, applied as routes are declared (per-route limits and early hooks). */
export function adjustRoutes(instance: FastifyInstance, adjust: (route: RouteOptions) => void): void {
  instance.addHook('onRoute', adjust);
}
