import { describe, expect, it } from '@jest/globals';
import { detectSmallTalk, parseChoice } from './small-talk.js';

describe('detectSmallTalk', () => {
  it.each([['你好', 'greeting'], ['您好呀', 'greeting'], ['在吗', 'greeting'], ['谢谢', 'thanks'], ['谢谢你', 'thanks'], ['再见', 'goodbye']])(
    '%s → %s', (text, kind) => expect(detectSmallTalk(text)).toBe(kind),
  );

  it('does not take a question that starts with a greeting for small talk', () => {
    expect(detectSmallTalk('你好 低保怎么申请')).toBeNull();
  });
});

describe('parseChoice', () => {
  it.each([['2', 2], ['第2个', 2], ['第二个', 2], ['选3', 3], ['一', 1]])('%s → %d', (text, n) => expect(parseChoice(text)).toBe(n));

  it('is null for anything else', () => {
    expect(parseChoice('12345')).toBeNull();
    expect(parseChoice('低保')).toBeNull();
    expect(parseChoice('0')).toBeNull();
  });
});
