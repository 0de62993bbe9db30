import { describe, expect, it } from '@jest/globals';
import { storableText } from './storable-text.js';

describe('storableText', () => {
  it('drops NUL characters and replaces lone surrogates, keeping real emoji and Chinese', () => {
    expect(storableText('低\u0000保')).toBe('低保');
    expect(storableText('a\ud800b')).toBe('a\ufffdb');
    expect(storableText('a\udfffb')).toBe('a\ufffdb');
    expect(storableText('😀医保')).toBe('😀医保');
    expect(Buffer.from(storableText('x\ud83dy'), 'utf8').toString('utf8')).toBe('x\ufffdy');
  });
});
