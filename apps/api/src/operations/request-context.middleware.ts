import { Injectable, Logger, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { requestIdFrom, runWithRequestContext, ServiceMetrics } from '@app/observability';

/**
 * Gives every request an id (kept from X-Request-Id when an upstream sent a sane one), echoes it,
 * runs the handler inside that context so log lines carry it, and times the request.
 */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  private readonly logger = new Logger('HTTP');

  constructor(private readonly metrics: ServiceMetrics) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const requestId = requestIdFrom(request.headers['x-request-id']);
    response.setHeader('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      // The matched route pattern, not the raw path: ids in paths must not explode the label set.
      const route = request.route?.path ? `${request.baseUrl}${request.route.path}` : 'unmatched';
      this.metrics.httpRequests.observe({ method: request.method, route, status: String(response.statusCode) }, seconds);
      runWithRequestContext({ requestId }, () =>
        this.logger.debug(`${request.method} ${route} ${response.statusCode} ${(seconds * 1000).toFixed(1)} ms`));
    });
    runWithRequestContext({ requestId }, next);
  }
}
