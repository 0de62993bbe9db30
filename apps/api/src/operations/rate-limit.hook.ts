import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '@app/common';
import { ServiceMetrics, type RateLimiter } from '@app/observability';
import { APP_CONFIG } from '@app/platform';
import { RATE_LIMITER } from './operations.tokens.js';

// The doors residents and upstream systems knock on (the knowledge reads too: their ids can be
// enumerated); staff routes have their own login limits.
const EXACT = new Set(['/api/answer', '/api/search', '/api/feedback', '/chat', '/api/areas']);
const PREFIXES = ['/wechat/', '/answer/', '/api/concerns/', '/api/items/', '/api/interpretations/'];

/** Is this path one of the public doors (with or without a trailing slash; also when no route matches)? */
export function isRateLimitedPath(url: string): boolean {
  const end = url.indexOf('?');
  let path = end >= 0 ? url.slice(0, end) : url;
  // The router decodes the path (/api/%61nswer is /api/answer): so must the check, or encoding is a way around it.
  try {
    path = decodeURIComponent(path);
  } catch {
    // Undecodable paths never reach a route (400 from the router).
  }
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return EXACT.has(path) || PREFIXES.some((prefix) => path.startsWith(prefix) && path.length > prefix.length);
}

// Who the resident is, when the request says: web chat session / API userId / WeChat openid.
function userKeyOf(request: FastifyRequest): string | null {
  const body = request.body as Record<string, unknown> | undefined;
  const fromBody = body && typeof body === 'object' ? (body.userId ?? body.sessionId) : undefined;
  const query = request.query as Record<string, unknown> | undefined;
  const openid = typeof query?.openid === 'string' ? query.openid : undefined;
  const key = typeof fromBody === 'string' ? fromBody : openid;
  return key && key.length <= 128 ? key : null;
}

/**
 * Per-IP and per-resident limits on the public doors. Counters live in Redis when configured, so
 * two instances behind a load balancer enforce one limit; a refused request never reaches a handler.
 * A Fastify preHandler hook: after the body is parsed (it names the resident), before the handler.
 */
@Injectable()
export class RateLimitHook {
  constructor(
    @Inject(RATE_LIMITER) private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: ServiceMetrics,
  ) {}

  /**
   * `fromWechat` tells a webhook call WeChat signed: all official-account traffic arrives from a few
   * Tencent addresses, so those calls are counted per resident (openid) and per signature — a captured
   * signature replayed with other openids is still limited — never per address.
   */
  register(instance: FastifyInstance, fromWechat: (request: FastifyRequest) => boolean = () => false): void {
    instance.addHook('preHandler', async (request, reply) => {
      if (isRateLimitedPath(request.url)) await this.check(request, reply, fromWechat(request));
    });
  }

  async check(request: FastifyRequest, reply: FastifyReply, signedByWechat = false): Promise<void> {
    const { perIp, perUser, windowSeconds } = this.config.security.rateLimit;
    const ip = request.ip ?? request.socket.remoteAddress ?? 'unknown';
    const user = userKeyOf(request);
    const signature = (request.query as Record<string, unknown>).signature;
    const checks: [scope: string, key: string, limit: number][] = signedByWechat && user
      ? [['signature', `sig:${String(signature)}`, perUser]]
      : [['ip', `ip:${ip}`, perIp]];
    if (user) checks.push(['user', `user:${user}`, perUser]);
    for (const [scope, key, limit] of checks) {
      const decision = await this.limiter.hit(key, limit, windowSeconds);
      if (!decision.allowed) {
        this.metrics.rateLimited.inc({ scope });
        reply.header('Retry-After', String(decision.retryAfterSeconds));
        throw new HttpException(
          { message: `请求过于频繁，请 ${decision.retryAfterSeconds} 秒后再试 (too many requests)` },
          HttpStatus.TOO_MANY_REQUESTS,
        );
      }
    }
  }
}
