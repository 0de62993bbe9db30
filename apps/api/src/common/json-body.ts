import { storableText } from '@app/common';

/** Deeper than any body the API accepts; deeper bodies would only exercise recursion in validators. */
export const MAX_JSON_DEPTH = 32;

/**
 * The deepest nesting of objects and arrays in JSON text, in one pass over the bytes (brackets
 * inside strings do not count). Runs before JSON.parse, so a hostile body never reaches a
 * recursive transformer or validator.
 */
export function jsonDepth(raw: Buffer): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i];
    if (inString) {
      if (byte === 0x5c) i++; // backslash: skip the escaped byte
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) {
      inString = true;
    } else if (byte === 0x7b || byte === 0x5b) {
      if (++depth > deepest) deepest = depth;
    } else if (byte === 0x7d || byte === 0x5d) {
      depth--;
    }
  }
  return deepest;
}

/** A client error in a request body, answered by the exception filter with a Chinese message for its type. */
export function bodyError(status: number, type: string, message: string): Error {
  return Object.assign(new Error(message), { status, type });
}

/** Refuse too-deep JSON with a 400 the exception filter explains (body-parser's `verify` signature). */
export function rejectDeepJson(_request: unknown, _response: unknown, raw: Buffer): void {
  if (jsonDepth(raw) > MAX_JSON_DEPTH) throw bodyError(400, 'entity.too.deep', 'JSON nested too deeply');
}

/** JSON.parse reviver: every string in every JSON body is made storable before any handler sees it. */
export function storableStrings(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? storableText(value) : value;
}

// Strict like body-parser's json(): only an object or an array at the top (after JSON whitespace).
const FIRST_CHAR = /^[\x20\x09\x0a\x0d]*([^\x20\x09\x0a\x0d])/;

/**
 * Every JSON body of the API (the global parser and the console import route): an empty body is {},
 * the charset must be a UTF one, the top level must be an object or an array, nesting at most
 * MAX_JSON_DEPTH, and every string goes through `storableStrings`. Errors carry body-parser's
 * status and type, which the exception filter turns into a Chinese message.
 */
export function parseJsonBody(raw: Buffer, contentType: string | undefined): unknown {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '')?.[1]?.toLowerCase();
  if (charset && !charset.startsWith('utf-')) throw bodyError(415, 'charset.unsupported', `unsupported charset "${charset.toUpperCase()}"`);
  if (raw.length === 0) return {};
  rejectDeepJson(null, null, raw);
  const text = raw.toString('utf8');
  const first = FIRST_CHAR.exec(text)?.[1];
  if (first !== '{' && first !== '[') throw bodyError(400, 'entity.parse.failed', 'JSON body must be an object or an array');
  try {
    return JSON.parse(text, storableStrings);
  } catch (error) {
    throw bodyError(400, 'entity.parse.failed', (error as Error).message);
  }
}
