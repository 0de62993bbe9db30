import type { onRequestHookHandler, RouteOptions } from 'fastify';
import { MAX_IMPORT_BYTES } from '@app/curation';

/** Base64 makes a file a third larger; JSON adds the file name. */
export const CONSOLE_IMPORT_BODY_LIMIT = Math.ceil(MAX_IMPORT_BYTES * 4 / 3) + 64 * 1024;
export const CONSOLE_IMPORT_PATH = '/api/console/import';

/** Requests without a bearer token are turned away before their body is read (the route's guard checks the token itself). */
const requireBearer: onRequestHookHandler = (request, reply, done) => {
  if (/^Bearer\s+\S+/i.test(request.headers.authorization ?? '')) return done();
  reply.code(401).send({ statusCode: 401, error: 'Unauthorized', message: '请先登录 (missing bearer token)' });
};

/**
 * Catalogue spreadsheets arrive base64-encoded in JSON, larger than the global body limit allows:
 * the import routes get their own limit (same JSON parser) and refuse unsigned requests first.
 * Called for every route as it is declared.
 */
export function adjustConsoleImportRoute(route: RouteOptions): void {
  if (route.url !== CONSOLE_IMPORT_PATH && !route.url.startsWith(`${CONSOLE_IMPORT_PATH}/`)) return;
  route.bodyLimit = CONSOLE_IMPORT_BODY_LIMIT;
  route.onRequest = [requireBearer, ...(route.onRequest ? [route.onRequest].flat() : [])];
}
