import { describe, expect, it } from '@jest/globals';
import { emptyBundle, type ConcernRecord } from '../knowledge-model.js';
import { answerWarnings, formulaCellWarnings, similarQuestionWarnings, startsLikeFormula, validateBundle } from './knowledge-validator.js';

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

describe('answer warnings', () => {
  const withAnswer = (id: string, answer: string, extra: Record<string, unknown> = {}, kind: ConcernRecord['kind'] = 'concern'): ConcernRecord =>
    ({ ...concern(id, `${id}？`), answer, extra, kind });
  const warningsFor = (...concerns: ConcernRecord[]) => {
    const bundle = emptyBundle();
    bundle.concerns = concerns;
    return answerWarnings(bundle, '2026-03-01').map((w) => `${w.entry}·${w.field}`);
  };

  it('accepts a clause, document number or figure when the answer names its source document', () => {
    expect(warningsFor(
      withAnswer('C-a', '按照《政府信息公开条例》第三十三条，自收到申请之日起20个工作日内答复。'),
      withAnswer('C-b', '《国务院办公厅关于进一步优化地方政务服务便民热线的指导意见》（国办发〔2020〕53号）要求……'),
      withAnswer('C-c', '可拨打12345政务服务便民热线，具体标准以县民政局公布的为准。'),
      withAnswer('C-d', '交通事故可拨打122报警，火警119。', {}, 'referral'),
    )).toEqual([]);
  });

  it('warns about a clause, document number or figure without a named source, referrals included', () => {
    expect(warningsFor(
      withAnswer('C-clause', '依照第二十条的规定办理。'),
      withAnswer('C-number', '依据国办发〔2020〕53号办理。'),
      withAnswer('C-days', '能当场答复的当场答复；不能的，20个工作日内答复。'),
      withAnswer('C-money', '每人每月补助300元。'),
      withAnswer('C-referral', '驾驶证有效期满前90日内申请换证。', {}, 'referral'),
    )).toEqual(['C-clause·answer', 'C-number·answer', 'C-days·answer', 'C-money·answer', 'C-referral·answer']);
  });

  it('quotes the sentence that states the figure', () => {
    const bundle = emptyBundle();
    bundle.concerns = [withAnswer('C-days', '请向县政府提出申请。不能当场答复的，20个工作日内答复。')];
    expect(answerWarnings(bundle)[0].message).toContain('“不能当场答复的，20个工作日内答复。”写了具体条款或数字（20个工作日）');
  });

  it('warns about a review date that has passed or is not YYYY-MM-DD, and not about drafts', () => {
    const draft = { ...withAnswer('C-draft', '以县有关部门公布的为准。', { reviewDate: '2020-01-01' }), status: 'draft' as const };
    expect(warningsFor(
      withAnswer('C-past', '以县有关部门公布的为准。', { reviewDate: '2026-02-28' }),
      withAnswer('C-today', '以县有关部门公布的为准。', { reviewDate: '2026-03-01' }),
      withAnswer('C-bad', '以县有关部门公布的为准。', { reviewDate: '2026/6/30' }),
      draft,
    )).toEqual(['C-past·reviewDate', 'C-bad·reviewDate']);
  });
});

describe('cells Excel would run as formulas', () => {
  it('flags = + @ and a minus before a letter, bracket or quote; not "-5" or a Markdown list', () => {
    for (const cell of ['=HYPERLINK("x")', ' +1', '@SUM(A1)', '-cmd', '-(1)', '-"a"', '=1+1']) expect(startsLikeFormula(cell)).toBe(true);
    for (const cell of ['-5', '- 第一步\n- 第二步', '低保 = 最低生活保障', '', '—— 县民政局']) expect(startsLikeFormula(cell)).toBe(false);
  });

  it('warns naming the file, the row (by its number) and the column, for catalogue cells and concern fields', () => {
    const bundle = emptyBundle();
    const item = {
      id: 'x-1', areaCode: 'x', level1: '一级', title: '=cmd|calc', content: '内容', basis: null, timeLimit: '-5 日',
      publisher: null, channels: null, audience: null, mode: null, level: null, extra: { 备注: '@evil' }, sourceFile: 'x.csv',
    };
    bundle.items = [{ ...item, id: 'x-0', title: '安全', extra: {} }, item];
    bundle.concerns = [{ ...concern('C-a', '+低保'), answer: '- 第一步\n- 第二步', paraphrases: ['正常', '=1'] }];
    expect(validateBundle(bundle)).toEqual([]);
    const warnings = formulaCellWarnings(bundle);
    expect(warnings).toEqual([
      expect.objectContaining({ file: 'catalogue/x.csv', entry: '第3行（编号 x-1）', field: '二级事项' }),
      expect.objectContaining({ file: 'catalogue/x.csv', entry: '第3行（编号 x-1）', field: '备注' }),
      expect.objectContaining({ file: 'concerns/x.yaml', entry: 'C-a', field: 'question' }),
      expect.objectContaining({ file: 'concerns/x.yaml', entry: 'C-a', field: 'paraphrases[1]' }),
    ]);
    expect(warnings[0].message).toContain('公式');
  });
});
