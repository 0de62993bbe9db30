import { HttpException, HttpStatus, Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { AppConfig } from '@app/common';
import { ServiceMetrics, type RateLimiter } from '@app/observability';
import { APP_CONFIG } from '@app/platform';
import { RATE_LIMITER } from './operations.tokens.js';

// Who the resident is, when the request says: web chat session / API userId / WeChat openid.
function userKeyOf(request: Request): string | null {
  const body = request.body as Record<string, unknown> | undefined;
  const fromBody = body && typeof body === 'object' ? (body.userId ?? body.sessionId) : undefined;
  const openid = typeof request.query.openid === 'string' ? request.query.openid : undefined;
  const key = typeof fromBody === 'string' ? fromBody : openid;
  return key && key.length <= 128 ? key : null;
}

/**
 * Per-IP and per-resident limits on the public doors. Counters live in Redis when configured, so
 * two instances behind a load balancer enforce one limit; a refused request never reaches a handler.
 */
@Injectable()
export class RateLimitMiddleware implements NestMiddleware {
  constructor(
    @Inject(RATE_LIMITER) private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: ServiceMetrics,
  ) {}

  async use(request: Request, response: Response, next: NextFunction): Promise<void> {
    const { perIp, perUser, windowSeconds } = this.config.security.rateLimit;
    const ip = request.ip ?? request.socket.remoteAddress ?? 'unknown';
    const checks: [scope: string, key: string, limit: number][] = [['ip', `ip:${ip}`, perIp]];
    const user = userKeyOf(request);
    if (user) checks.push(['user', `user:${user}`, perUser]);
    for (const [scope, key, limit] of checks) {
      const decision = await this.limiter.hit(key, limit, windowSeconds);
      if (!decision.allowed) {
        this.metrics.rateLimited.inc({ scope });
        response.setHeader('Retry-After', String(decision.retryAfterSeconds));
        throw new HttpException(
          { message: `请求过于频繁，请 ${decision.retryAfterSeconds} 秒后再试 (too many requests)` },
          HttpStatus.TOO_MANY_REQUESTS,
        );
      }
    }
    next();
  }
}
