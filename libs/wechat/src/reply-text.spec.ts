import { describe, expect, it } from '@jest/globals';
import { fitReply, truncateUtf8, WECHAT_TEXT_LIMIT_BYTES } from './reply-text.js';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('reply length (2048 UTF-8 bytes)', () => {
  it('cuts between characters, never inside a UTF-8 sequence or an emoji', () => {
    expect(truncateUtf8('低保申请', 7)).toBe('低保');
    expect(truncateUtf8('ab👨‍👩‍👧cd', 5)).toBe('ab');
    expect(truncateUtf8('ab👨‍👩‍👧cd', 40)).toBe('ab👨‍👩‍👧cd');
  });

  it('keeps a short answer and its feedback hint untouched', () => {
    expect(fitReply('答复', { footer: '有用吗', hotline: '12345' })).toEqual({ text: '答复\n\n有用吗', truncated: false });
  });

  it('shortens a long Chinese answer to the limit, with the link to the full answer and the hint kept', () => {
    const long = '这是一段很长的政策答复。'.repeat(300);
    const url = 'https://wenda.example.gov.cn/answer/C-dibao-apply';
    const { text, truncated } = fitReply(long, { footer: '回复1有用', fullAnswerUrl: url, hotline: '12345' });
    expect(truncated).toBe(true);
    expect(bytes(text)).toBeLessThanOrEqual(WECHAT_TEXT_LIMIT_BYTES);
    expect(bytes(text)).toBeGreaterThan(WECHAT_TEXT_LIMIT_BYTES - 10);
    expect(text).toContain(url);
    expect(text.endsWith('回复1有用')).toBe(true);
    expect(text.startsWith('这是一段很长的政策答复。')).toBe(true);
  });

  it('points to the hotline when no public address is configured', () => {
    const { text } = fitReply('长'.repeat(2000), { hotline: '12345' });
    expect(bytes(text)).toBeLessThanOrEqual(WECHAT_TEXT_LIMIT_BYTES);
    expect(text).toContain('12345');
  });
});
