import type { Server } from 'node:http';
import type { FastifyInstance } from 'fastify';

/**
 * Node's HTTP server options against clients that send slowly: the whole request within
 * `requestTimeoutSeconds`, the headers within the idle limit, checked every second (Node's default
 * check runs every 30 s, so a slow request could outlive its limit by that much).
 */
export function slowClientServerOptions(server: { requestTimeoutSeconds: number; idleTimeoutSeconds: number }) {
  return {
    requestTimeout: server.requestTimeoutSeconds * 1000,
    http: {
      headersTimeout: Math.min(server.idleTimeoutSeconds, server.requestTimeoutSeconds) * 1000,
      connectionsCheckingInterval: 1000,
    },
  };
}

/**
 * While a request's body arrives, a silence longer than `idleMs` closes the connection: a body sent
 * one byte every few seconds otherwise holds its socket until the request time limit. Rate limits run
 * after the body is read and never see such requests. Handlers themselves are not timed.
 */
export function closeSilentUploads(instance: FastifyInstance, idleMs: number): void {
  instance.addHook('onRequest', (request, _reply, done) => {
    request.raw.socket.setTimeout(idleMs);
    done();
  });
  instance.addHook('preValidation', (request, _reply, done) => {
    request.raw.socket.setTimeout(0);
    done();
  });
}

/**
 * At most `max` open connections from one address; more are closed as they arrive (0: no limit).
 * Counts TCP peers, so it must be off behind a proxy, where every connection comes from the proxy.
 */
export function limitConnectionsPerAddress(server: Server, max: number): void {
  if (max <= 0) return;
  const open = new Map<string, number>();
  server.on('connection', (socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const count = (open.get(address) ?? 0) + 1;
    if (count > max) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}
