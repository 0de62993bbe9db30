import { describe, expect, it } from '@jest/globals';
import { questionIntents } from './question-intent.js';
import { normalizeText } from './text-normalizer.js';

const intents = (text: string) => questionIntents(normalizeText(text));

describe('questionIntents', () => {
  it('reads what is asked from question words the analyzer drops as stopwords', () => {
    expect(intents('低保一个月多少')).toEqual(['amount']);
    expect(intents('低保去哪里办')).toEqual(['where']);
    expect(intents('低保啥时候发')).toEqual(['when']);
    expect(intents('低保咋申请')).toEqual(['how']);
    expect(intents('为啥把我家低保停了')).toEqual(['why']);
    expect(intents('外地户口能不能吃低保')).toEqual(['eligible']);
    expect(intents('这个月低保还没到账')).toEqual(['not-yet']);
    expect(intents('办低保要带啥')).toEqual(['materials']);
    expect(intents('有人冒领低保怎么举报')).toEqual(['how', 'complaint']);
  });

  it('reads traditional script like simplified', () => {
    expect(intents('補貼什麼時候發')).toEqual(['when']);
  });

  it('does not take look-alike words for cues', () => {
    expect(intents('请告诉我低保公告')).toEqual([]);
    expect(intents('律师拿了钱就跑了，能告他吗')).toContain('complaint');
    // 怎么办 asks for a remedy, not a procedure; 多少天 is a time, not an amount.
    expect(intents('低保被停了怎么办')).toEqual([]);
    expect(intents('公示多少天')).not.toContain('amount');
  });

  it('finds no intent in a bare topic', () => {
    expect(intents('低保')).toEqual([]);
  });
});
