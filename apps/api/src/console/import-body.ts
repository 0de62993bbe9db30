import { json, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { MAX_IMPORT_BYTES } from '@app/curation';
import { jsonBodyOptions } from '../common/json-body.js';

/** Base64 makes a file a third larger; JSON adds the file name. */
export const CONSOLE_IMPORT_BODY_LIMIT = Math.ceil(MAX_IMPORT_BYTES * 4 / 3) + 64 * 1024;
export const CONSOLE_IMPORT_PATH = '/api/console/import';

/**
 * Catalogue spreadsheets arrive base64-encoded in JSON, larger than the global body limit allows.
 * Registered before the global parser for the import route only; requests without a bearer token
 * are turned away before their body is read (the route's guard checks the token itself).
 */
export function consoleImportBodyParsers(): RequestHandler[] {
  const requireBearer = (request: Request, response: Response, next: NextFunction) => {
    if (/^Bearer\s+\S+/i.test(request.headers.authorization ?? '')) return next();
    response.status(401).json({ statusCode: 401, error: 'Unauthorized', message: '请先登录 (missing bearer token)' });
  };
  return [requireBearer, json(jsonBodyOptions(CONSOLE_IMPORT_BODY_LIMIT))];
}
