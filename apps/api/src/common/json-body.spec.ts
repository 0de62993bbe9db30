import { describe, expect, it } from '@jest/globals';
import { jsonDepth, MAX_JSON_DEPTH, rejectDeepJson, storableStrings } from './json-body.js';

describe('jsonDepth', () => {
  it('counts object and array nesting, ignoring brackets inside strings and escaped quotes', () => {
    expect(jsonDepth(Buffer.from('"x"'))).toBe(0);
    expect(jsonDepth(Buffer.from('{"text":"[[[{{{"}'))).toBe(1);
    expect(jsonDepth(Buffer.from('{"a":"\\"[[[","b":[[1]]}'))).toBe(3);
    expect(jsonDepth(Buffer.from('[{"a":[{}]}]'))).toBe(4);
  });

  it('refuses bodies nested deeper than the limit with a 400', () => {
    const deep = Buffer.from('['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1));
    expect(() => rejectDeepJson(null, null, deep)).toThrow(expect.objectContaining({ status: 400, type: 'entity.too.deep' }));
    expect(() => rejectDeepJson(null, null, Buffer.from('{"text":"低保"}'))).not.toThrow();
  });
});

describe('storableStrings', () => {
  it('cleans every string in a parsed body, at any depth', () => {
    const parsed = JSON.parse('{"text":"低\\u0000保","list":["\\ud800"],"n":1}', storableStrings);
    expect(parsed).toEqual({ text: '低保', list: ['\ufffd'], n: 1 });
  });
});
