import { describe, expect, it } from '@jest/globals';
import { convertChineseNumerals, parseChineseNumber } from './chinese-numerals.js';
import { hasMeaningfulContent, normalizeText } from './text-normalizer.js';

describe('normalizeText', () => {
  it('turns full-width characters into half-width and lower case', () => {
    expect(normalizeText('ＡＢＣ１２３４５')).toBe('abc12345');
  });

  it('converts traditional script to simplified', () => {
    expect(normalizeText('失業保險金怎麼申領')).toBe('失业保险金怎么申领');
    expect(normalizeText('醫保報銷、戶口遷移')).toBe('医保报销 户口迁移');
  });

  it('removes emoji, punctuation and control characters', () => {
    expect(normalizeText('低保怎么申请？？😀👍🏻\u0000')).toBe('低保怎么申请');
    expect(normalizeText('【旅游】投诉！！！')).toBe('旅游 投诉');
  });

  it('writes Chinese numerals as digits but keeps words such as 一次性', () => {
    expect(normalizeText('二十个工作日')).toBe('20个工作日');
    expect(normalizeText('一二三四五热线')).toBe('12345热线');
    expect(normalizeText('一次性创业补贴')).toBe('一次性创业补贴');
  });

  it('shortens runs of one character', () => {
    expect(normalizeText('急急急急急')).toBe('急急');
  });

  it('knows when nothing meaningful is left', () => {
    expect(hasMeaningfulContent(normalizeText('？？？😀'))).toBe(false);
    expect(hasMeaningfulContent(normalizeText('低保'))).toBe(true);
  });
});

describe('Chinese numerals', () => {
  it.each([
    ['十', 10], ['十二', 12], ['二十', 20], ['一百零五', 105], ['三千', 3000], ['两万', 20000], ['七十', 70],
  ])('%s = %d', (text, value) => {
    expect(parseChineseNumber(text)).toBe(value);
  });

  it('leaves single characters alone', () => {
    expect(convertChineseNumerals('一件事')).toBe('一件事');
    expect(convertChineseNumerals('六十岁以上')).toBe('60岁以上');
  });
});
