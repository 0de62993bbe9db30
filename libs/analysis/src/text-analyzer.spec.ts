import { describe, expect, it } from '@jest/globals';
import { parseSynonymLines } from './synonym-table.js';
import { TextAnalyzer } from './text-analyzer.js';

const analyzer = new TextAnalyzer({ words: ['一件事'], synonymGroups: [['旅行社', '旅游公司', '旅游社']] });

describe('TextAnalyzer', () => {
  it('maps colloquial terms to their canonical official term (built-in list)', () => {
    expect(analyzer.terms('低保怎么申请')).toContain('最低生活保障');
    expect(analyzer.terms('医保异地就医')).toContain('基本医疗保险');
  });

  it('applies the knowledge folder synonyms and words', () => {
    expect(analyzer.terms('旅游公司不靠谱')).toContain('旅行社');
    expect(analyzer.terms('出生一件事')).toContain('一件事');
  });

  it('gives the same terms for traditional and simplified script', () => {
    expect(analyzer.queryTerms('失業保險金怎麼申領')).toEqual(analyzer.queryTerms('失业保险金怎么申领'));
  });

  it('drops question words and fillers', () => {
    const terms = analyzer.terms('请问我想问一下怎么办理社保卡呀');
    expect(terms).not.toContain('请问');
    expect(terms).not.toContain('怎么');
    expect(terms).toContain('社会保障卡');
  });

  it('returns nothing for greetings, emoji and punctuation alone', () => {
    expect(analyzer.terms('你好')).toEqual([]);
    expect(analyzer.terms('😀？？')).toEqual([]);
  });

  it('changes its fingerprint when the dictionaries change', () => {
    expect(new TextAnalyzer({ words: ['甲乙'] }).fingerprint).not.toBe(new TextAnalyzer({ words: ['丙丁'] }).fingerprint);
  });
});

describe('parseSynonymLines', () => {
  it('reads one group per line, any comma, ignoring comments and single terms', () => {
    expect(parseSynonymLines('# 注释\n最低生活保障,低保，低保金\n单独\n驾驶证、驾照\n')).toEqual([
      ['最低生活保障', '低保', '低保金'],
      ['驾驶证', '驾照'],
    ]);
  });
});

describe('TextAnalyzer.analyse: parts of longer words', () => {
  it('marks the sub-words search mode adds inside a longer word, not the word itself', () => {
    const analyzer = new TextAnalyzer({ words: ['人民调解委员会'] });
    const { terms, parts } = analyzer.analyse('村里的人民调解委员会');
    expect(terms).toContain('人民调解委员会');
    expect(parts.has('人民调解委员会')).toBe(false);
    expect([...parts].length).toBeGreaterThan(0);
    for (const part of parts) expect('人民调解委员会'.includes(part)).toBe(true);
  });

  it('keeps a word whole when it also stands on its own', () => {
    const analyzer = new TextAnalyzer({ words: ['人民调解委员会'] });
    const { parts } = analyzer.analyse('调解 人民调解委员会');
    expect(parts.has('调解')).toBe(false);
  });
});
