import { describe, expect, it } from '@jest/globals';
import { emptyBundle, type ConcernRecord } from '../knowledge-model.js';
import { similarQuestionWarnings, validateBundle } from './knowledge-validator.js';

function concern(id: string, question: string, paraphrases: string[] = [], status: ConcernRecord['status'] = 'published'): ConcernRecord {
  return {
    id, title: id, question, paraphrases, keywords: [], answer: '以县有关部门公布的为准。', areaCode: null,
    itemIds: [], interpretationIds: [], status, kind: 'concern', extra: {}, sourceFile: 'x.yaml',
  };
}

describe('near-duplicate concerns', () => {
  it('rejects the same phrasing under two published concerns, ignoring punctuation, width and script', () => {
    const bundle = emptyBundle();
    bundle.concerns = [concern('C-a', '低保怎么申请？', ['低保去哪办']), concern('C-b', '低保标准是多少', ['低保去哪辦！'])];
    const issues = validateBundle(bundle);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ entry: 'C-b', field: 'paraphrases[0]' });
    expect(issues[0].message).toContain('C-a');
  });

  it('allows a repeat within one concern and a duplicate of a draft', () => {
    const bundle = emptyBundle();
    bundle.concerns = [concern('C-a', '低保怎么申请', ['低保怎么申请？']), concern('C-b', '低保怎么申请', [], 'draft')];
    expect(validateBundle(bundle)).toEqual([]);
  });

  it('warns (does not fail) when two standard questions differ by a character or two', () => {
    const bundle = emptyBundle();
    bundle.concerns = [
      concern('C-a', '城乡居民养老保险每年最低交多少钱'),
      concern('C-b', '城乡居民养老保险每年最高交多少钱'),
      concern('C-c', '身份证丢了怎么补办'),
    ];
    expect(validateBundle(bundle)).toEqual([]);
    const warnings = similarQuestionWarnings(bundle);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ entry: 'C-a', field: 'question' });
    expect(warnings[0].message).toContain('C-b');
  });
});
