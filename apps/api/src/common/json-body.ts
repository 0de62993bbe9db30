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

/** body-parser `verify` hook: refuse too-deep JSON with a 400 the exception filter explains. */
export function rejectDeepJson(_request: unknown, _response: unknown, raw: Buffer): void {
  if (jsonDepth(raw) > MAX_JSON_DEPTH) {
    throw Object.assign(new Error('JSON nested too deeply'), { status: 400, type: 'entity.too.deep' });
  }
}

/** JSON.parse reviver: every string in every JSON body is made storable before any handler sees it. */
export function storableStrings(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? storableText(value) : value;
}

/** The body-parser options every JSON route uses (the global parser and the console import route). */
export function jsonBodyOptions(limit: number) {
  return { limit, verify: rejectDeepJson, reviver: storableStrings };
}
