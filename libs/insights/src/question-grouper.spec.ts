import { describe, expect, it } from '@jest/globals';
import { TextAnalyzer } from '@app/analysis';
import { compactText, DEFAULT_GROUPING_SIMILARITY, groupKey, groupQuestions, type AskedText } from './question-grouper.js';

const analyzer = new TextAnalyzer();
const analyse = (text: string) => analyzer.queryTerms(text);
const asked = (question: string, channel = 'web', users: string[] = [`u-${question}-${channel}`], count = users.length): AskedText =>
  ({ normalized: analyzer.normalize(question), question, channel, count, users });
const group = (rows: AskedText[]) => groupQuestions(rows, analyse, { similarity: DEFAULT_GROUPING_SIMILARITY });

describe('groupQuestions', () => {
  it('groups wordings of one question and keeps other questions apart', () => {
    const groups = group([
      asked('护照加急办理需要几天', 'web', ['a', 'b', 'c']),
      asked('请问护照加急办理需要几天？', 'wechat', ['d']),
      asked('护照加急办理要几天啊', 'hotline', ['e']),
      asked('驾驶证到期换证去哪里办', 'web', ['f', 'g']),
      asked('驾驶证到期换证在哪里办理', 'web', ['h']),
      asked('垃圾分类的投放时间是几点', 'web', ['i']),
    ]);
    expect(groups.map((g) => [g.label, g.count])).toEqual([
      ['护照加急办理需要几天', 5],
      ['驾驶证到期换证去哪里办', 3],
      ['垃圾分类的投放时间是几点', 1],
    ]);
    expect(groups[0].channels).toEqual({ web: 3, wechat: 1, hotline: 1 });
    expect(groups[0].askers).toBe(5);
    // Only WeChat openids (signed webhook) and hotline callers (authenticated integration) are verified.
    expect(groups[0].verifiedAskers).toBe(2);
    expect(groups[1].verifiedAskers).toBe(0);
    expect(groups[0].questions.map((q) => q.text).sort()).toEqual(['护照加急办理要几天啊', '护照加急办理需要几天', '请问护照加急办理需要几天？'].sort());
  });

  it('merges texts that differ only in spacing or punctuation and counts an asker once', () => {
    const groups = group([
      asked('低保 怎么申请', 'web', ['a', 'b'], 3),
      asked('低保怎么申请？', 'wechat', ['a', 'c'], 2),
    ]);
    expect(groups).toHaveLength(1);
    expect(groups[0].count).toBe(5);
    expect(groups[0].askers).toBe(3);
    expect(groups[0].questions).toHaveLength(1);
    expect(groups[0].questions[0].normalized.sort()).toEqual(['低保 怎么申请', '低保怎么申请']);
  });

  it('leaves out texts without content words and is deterministic whatever the input order', () => {
    const rows = [asked('你好'), asked('2'), asked('景区几点开门'), asked('景区几点开门呢'), asked('公租房租金标准')];
    const forward = group(rows);
    const backward = group([...rows].reverse());
    expect(forward.map((g) => g.key)).toEqual(backward.map((g) => g.key));
    expect(forward.flatMap((g) => g.questions.map((q) => q.text))).not.toContain('你好');
    expect(forward.flatMap((g) => g.questions.map((q) => q.text))).not.toContain('2');
  });

  it('keys a group by its representative text', () => {
    const [g] = group([asked('护照加急办理需要几天'), asked('护照加急办理需要几天吗')]);
    expect(g.key).toBe(groupKey(compactText(analyzer.normalize('护照加急办理需要几天'))));
    expect(g.key).toMatch(/^[0-9a-f]{16}$/);
  });
});
