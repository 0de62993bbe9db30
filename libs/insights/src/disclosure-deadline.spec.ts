import { describe, expect, it } from '@jest/globals';
import { WorkingDayCalendar } from '@app/hotline';
import { disclosureDeadline, isDisclosureOverdue, localDate, parseDisclosureLimit } from './disclosure-deadline.js';

const calendar = new WorkingDayCalendar();

describe('parseDisclosureLimit', () => {
  it.each([
    ['信息形成或者变更之日起20个工作日内', { kind: 'workdays', days: 20 }],
    ['信息形成或变更之日起20个工作日内公开', { kind: 'workdays', days: 20 }],
    ['制定或获取信息之日起10个工作日内', { kind: 'workdays', days: 10 }],
    ['２０个工作日', { kind: 'workdays', days: 20 }],
    ['信息形成之日起二十个工作日内公开', { kind: 'workdays', days: 20 }],
    ['信息形成之后20个工作日内', { kind: 'workdays', days: 20 }],
    ['信息形成或者变更之日起20个工作日内。法律、法规对政府信息公开的期限另有规定的,从其规定。', { kind: 'workdays', days: 20 }],
    // Two limits: the longer one, so that only an item late by every reading is flagged.
    ['执法决定信息在决定作出之日起7个工作日内公开,其他相关信息形成或变更之日起20个工作日内公开', { kind: 'workdays', days: 20 }],
    // 公示 is how long a notice stays up, not when it must appear.
    ['制定或获取信息之日起10个工作日内,公示7个工作日', { kind: 'workdays', days: 10 }],
    ['信息形成之日起5日内', { kind: 'days', days: 5 }],
    ['结果确定后3天内公开', { kind: 'days', days: 3 }],
    ['每季度结束后1个月内', { kind: 'months', months: 1 }],
    ['县政府各部门每年1月31日前公布本机关上一年度年度报告;县政府信息公开工作主管部门每年3月31日前公布本级政府上一年度年度报告',
      { kind: 'annual', month: 3, day: 31 }],
  ])('%s', (text, rule) => {
    expect(parseDisclosureLimit(text)).toEqual(rule);
  });

  it.each([
    '', '及时公开', '实时公开', '同上（及时公开）', '根据“放管服”改革进程及时更新', '解读材料与政策文件同步起草、同步审签、同步发布',
    // Counted from a request, not from the information: not checkable against the item's update date.
    '能够当场答复的当场答复;不能当场答复的自收到申请之日起20个工作日内答复,需要延长的经政府信息公开工作机构负责人同意并告知申请人,延长期限最长不超过20个工作日;申请内容不明确的自收到申请之日起7个工作日内一次性告知补正',
    '征求意见期限不得少于30日',
  ])('no rule in %s', (text) => {
    expect(parseDisclosureLimit(text)).toBeNull();
  });

  it('does not read 1月31日 as thirty-one days', () => {
    expect(parseDisclosureLimit('每年1月31日前公布')).toEqual({ kind: 'annual', month: 1, day: 31 });
  });
});

describe('disclosure deadlines', () => {
  it('counts working days on the official calendar, across National Day and its make-up workdays', () => {
    // 2025-09-26 (Fri) + 20 working days: 9/28 and 10/11 are make-up workdays, 10/1–10/8 holidays.
    expect(disclosureDeadline({ kind: 'workdays', days: 20 }, '2025-09-26', '2025-12-01', calendar)).toBe('2025-10-30');
    expect(isDisclosureOverdue({ kind: 'workdays', days: 20 }, '2025-09-26', '2025-10-30', calendar)).toBe(false);
    expect(isDisclosureOverdue({ kind: 'workdays', days: 20 }, '2025-09-26', '2025-10-31', calendar)).toBe(true);
  });

  it('uses the configured additions of the calendar', () => {
    const withExtraDayOff = new WorkingDayCalendar({ extraHolidays: ['2025-10-30'] });
    expect(disclosureDeadline({ kind: 'workdays', days: 20 }, '2025-09-26', '2025-12-01', withExtraDayOff)).toBe('2025-10-31');
  });

  it('beyond the calendar\'s years, waits for a safe upper bound instead of guessing Monday–Friday', () => {
    const years = calendar.coveredYears();
    const last = years[years.length - 1];
    const updated = `${last}-12-20`;
    const deadline = disclosureDeadline({ kind: 'workdays', days: 20 }, updated, `${last + 1}-06-01`, calendar)!;
    // 20 working days are at most 4 weeks plus holidays: the bound is later than any real deadline.
    expect(deadline).toBe(new Date(Date.parse(`${updated}T00:00:00Z`) + 49 * 86_400_000).toISOString().slice(0, 10));
    expect(isDisclosureOverdue({ kind: 'workdays', days: 20 }, '1990-01-02', '2025-01-01', calendar)).toBe(true);
  });

  it('counts calendar days and months, clamping to the end of a short month', () => {
    expect(disclosureDeadline({ kind: 'days', days: 5 }, '2025-02-26', '2025-03-10', calendar)).toBe('2025-03-03');
    expect(disclosureDeadline({ kind: 'months', months: 1 }, '2025-01-31', '2025-03-10', calendar)).toBe('2025-02-28');
  });

  it('annual deadlines: late only after the date and without an update this year', () => {
    const rule = { kind: 'annual', month: 1, day: 31 } as const;
    expect(isDisclosureOverdue(rule, '2024-03-01', '2025-01-15', calendar)).toBe(false);
    expect(isDisclosureOverdue(rule, '2024-03-01', '2025-02-01', calendar)).toBe(true);
    expect(isDisclosureOverdue(rule, '2025-01-20', '2025-02-01', calendar)).toBe(false);
  });

  it('reads dates in the service time zone', () => {
    expect(localDate(new Date('2025-09-30T17:00:00Z'), 'Asia/Shanghai')).toBe('2025-10-01');
    expect(localDate(new Date('2025-09-30T17:00:00Z'), 'UTC')).toBe('2025-09-30');
  });
});
