import { describe, expect, it } from '@jest/globals';
import { TextAnalyzer } from '@app/analysis';
import { ConfigError, loadAppConfig } from '@app/common';
import { HotlineApiKeys } from './api-keys.js';
import { highlight, highlightNeedles, markedHtml, snippet } from './highlight.js';
import { allowedNext, transitionProblem, WORK_ORDER_STATUSES, type WorkOrderStatus } from './work-order-lifecycle.js';

describe('work-order lifecycle', () => {
  const legal: [WorkOrderStatus, WorkOrderStatus][] = [
    ['accepted', 'dispatched'], ['accepted', 'replied'], ['dispatched', 'processing'], ['dispatched', 'accepted'],
    ['processing', 'replied'], ['replied', 'closed'], ['replied', 'processing'], ['closed', 'reviewed'],
  ];

  it('allows exactly the closed-loop steps and explains every other one in Chinese', () => {
    for (const from of WORK_ORDER_STATUSES) {
      for (const to of WORK_ORDER_STATUSES) {
        const ok = legal.some(([f, t]) => f === from && t === to);
        expect(transitionProblem(from, to) === null).toBe(ok);
        if (!ok) expect(transitionProblem(from, to)).toMatch(/^工单当前状态为「.+」，不能转为「.+」/);
      }
    }
    expect(allowedNext('reviewed')).toEqual([]);
    expect(transitionProblem('reviewed', 'closed')).toContain('流程已结束');
  });
});

describe('HotlineApiKeys', () => {
  const keys = new HotlineApiKeys('city:aaaaaaaaaaaaaaaa1,county-2:bbbbbbbbbbbbbbbb2');

  it('names the integration a key belongs to and nothing for anything else', () => {
    expect(keys.size).toBe(2);
    expect(keys.identify('aaaaaaaaaaaaaaaa1')).toBe('city');
    expect(keys.identify('bbbbbbbbbbbbbbbb2')).toBe('county-2');
    for (const wrong of [undefined, '', 'aaaaaaaaaaaaaaaa', 'aaaaaaaaaaaaaaaa1 ', 'city:aaaaaaaaaaaaaaaa1']) expect(keys.identify(wrong)).toBeNull();
    expect(new HotlineApiKeys('').size).toBe(0);
    expect(new HotlineApiKeys('').identify('anything-at-all-123')).toBeNull();
  });
});

describe('highlighting', () => {
  const analyzer = new TextAnalyzer({ synonymGroups: [['最低生活保障', '低保']], hmm: false });

  it('marks the query words and their synonyms, longest first, merging overlaps', () => {
    const needles = highlightNeedles(analyzer, analyzer.queryTerms('低保申请'), '低保申请');
    expect(needles).toEqual(expect.arrayContaining(['最低生活保障', '低保', '申请']));
    const text = '申请最低生活保障（低保）需要什么';
    const { ranges } = highlight(text, needles);
    expect(ranges.map(([s, e]) => text.slice(s, e))).toEqual(['申请最低生活保障', '低保']);
    expect(highlight('ABC abc', ['abc']).ranges).toEqual([[0, 3], [4, 7]]);
  });

  it('cuts long texts around the first match and keeps ranges aligned', () => {
    const text = `${'甲'.repeat(200)}低保${'乙'.repeat(200)}`;
    const cut = snippet(text, ['低保'], 40);
    expect(cut.text.startsWith('…')).toBe(true);
    expect(cut.text.endsWith('…')).toBe(true);
    expect(cut.ranges.map(([s, e]) => cut.text.slice(s, e))).toEqual(['低保']);
    expect(snippet('短文本低保', ['低保']).text).toBe('短文本低保');
  });

  it('escapes HTML in marked output', () => {
    expect(markedHtml(highlight('<b>低保</b>', ['低保']))).toBe('&#60;b&#62;<mark>低保</mark>&#60;/b&#62;');
  });
});

describe('hotline configuration', () => {
  const env = { NODE_ENV: 'test' };

  it('has the documented defaults and reads keys and calendar additions from the environment', () => {
    const config = loadAppConfig(env).hotline;
    expect(config.deadlines).toMatchObject({ consult: 3, help: 7, suggestion: 7, complaint: 15, report: 15 });
    expect(config.instantCategories).toEqual(['咨询', '求助']);
    const custom = loadAppConfig({ ...env, HOTLINE_API_KEYS: 'city:0123456789abcdef0', HOTLINE_EXTRA_HOLIDAYS: '2027-01-01, 2027-02-06' }).hotline;
    expect(custom.apiKeys).toBe('city:0123456789abcdef0');
    expect(custom.calendar.extraHolidays).toEqual(['2027-01-01', '2027-02-06']);
  });

  it('refuses to start with a short key or a malformed date, naming the setting', () => {
    expect(() => loadAppConfig({ ...env, HOTLINE_API_KEYS: 'city:short' })).toThrow(ConfigError);
    expect(() => loadAppConfig({ ...env, HOTLINE_API_KEYS: 'city:short' })).toThrow(/HOTLINE_API_KEYS/);
    expect(() => loadAppConfig({ ...env, HOTLINE_EXTRA_WORKDAYS: '2027/1/1' })).toThrow(/extraWorkdays/);
  });
});
