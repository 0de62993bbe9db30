import { AsyncResource } from 'node:async_hooks';
import { Injectable, Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestIdFrom, runWithRequestContext, ServiceMetrics } from '@app/observability';

const CONTEXT = Symbol('requestContext');

type ContextRequest = FastifyRequest & { [CONTEXT]?: { requestId: string; resource: AsyncResource } };

/**
 * Gives every request an id (kept from X-Request-Id when an upstream sent a sane one), echoes it,
 * runs the request inside that context so log lines carry it, and times the request. Fastify hooks
 * on the root instance: they run for every route and for unmatched paths.
 */
@Injectable()
export class RequestContextHooks {
  private readonly logger = new Logger('HTTP');

  constructor(private readonly metrics: ServiceMetrics) {}

  register(instance: FastifyInstance): void {
    instance.addHook('onRequest', (request: ContextRequest, reply, done) => {
      const requestId = requestIdFrom(request.headers['x-request-id']);
      reply.header('X-Request-Id', requestId);
      runWithRequestContext({ requestId }, () => {
        // Body parsing leaves the async context (stream events); the resource carries it back in.
        const resource = new AsyncResource('gda-request');
        request[CONTEXT] = { requestId, resource };
        resource.runInAsyncScope(done);
      });
    });
    instance.addHook('preValidation', (request: ContextRequest, _reply, done) => {
      const context = request[CONTEXT];
      if (context) context.resource.runInAsyncScope(done);
      else done();
    });
    instance.addHook('onResponse', (request: ContextRequest, reply: FastifyReply, done) => {
      const seconds = reply.elapsedTime / 1000;
      // The matched route pattern, not the raw path: ids in paths must not explode the label set.
      const route = request.is404 ? 'unmatched' : (request.routeOptions.url ?? 'unmatched');
      this.metrics.httpRequests.observe({ method: request.method, route, status: String(reply.statusCode) }, seconds);
      const context = request[CONTEXT];
      if (context) {
        runWithRequestContext({ requestId: context.requestId }, () =>
          this.logger.debug(`${request.method} ${route} ${reply.statusCode} ${(seconds * 1000).toFixed(1)} ms`));
        context.resource.emitDestroy();
      }
      done();
    });
  }
}
