import { parseChineseNumber } from '@app/analysis';

/**
 * Working days with the official holidays and make-up workdays: the hotline's WorkingDayCalendar
 * (chinese-days data plus configured additions), so both count alike.
 */
export interface WorkdayCounter {
  covers(year: number): boolean;
  /** The n-th working day after `date` (YYYY-MM-DD). */
  addWorkingDays(date: string, n: number): string;
}

/**
 * A catalogue item's 公开时限 read as a rule that can be checked against the item's last update.
 *
 * Rules (documented in docs/insights.md):
 * - `N个工作日` (内/以内) counted from an information event (形成、变更、制定、获取、制作、印发、作出、确定…)
 *   → N working days on the official calendar (holidays and make-up workdays); where the calendar has
 *   no data for a year, an upper bound (N/5 weeks plus three weeks of holidays) so that nothing is
 *   flagged early;
 * - `N日` / `N天` / `N个自然日` → N calendar days; `N个月` → N calendar months;
 * - `每年M月D日前` → an annual deadline (the item must have been updated in the current cycle);
 * - several limits in one text (执法决定7个工作日、其他信息20个工作日) → the longest, so that an item is
 *   flagged only when every reading says it is late;
 * - limits counted from a request (自收到申请之日起), durations that are not deadlines (公示7个工作日,
 *   不少于/不得少于30日, 延长…不超过) and texts without a number (及时、实时、同步发布、当场) → no rule:
 *   such items are never flagged.
 */
export type DisclosureRule =
  | { kind: 'workdays'; days: number }
  | { kind: 'days'; days: number }
  | { kind: 'months'; months: number }
  | { kind: 'annual'; month: number; day: number };

const NUMBER = '(\\d+|[零〇一二两三四五六七八九十百]+)';
const DURATION = new RegExp(`${NUMBER}\\s*(个\\s*工作日|工作日|个\\s*自然日|自然日|个\\s*月|日|天)`, 'gu');
const ANNUAL = new RegExp(`每年\\s*${NUMBER}\\s*月\\s*${NUMBER}\\s*日(?:前|之前|以前)`, 'gu');
// What a duration is counted from: the clause before it must name an information event or be bare (20个工作日).
const REQUEST_TRIGGER = /申请|来信|来函|咨询|投诉|举报/u;
// Durations that are not publication deadlines.
const NOT_A_DEADLINE = /(公示|公告期|征求意见|异议期|不少于|不得少于|至少|延长|延期|顺延)[^，,；;。]*$/u;

function toNumber(text: string): number {
  const n = /^\d+$/.test(text) ? Number(text) : parseChineseNumber(text);
  return Number.isFinite(n) ? n : Number.NaN;
}

/** The rule in a 公开时限 text, or null when it has no checkable deadline. */
export function parseDisclosureLimit(raw: string | null | undefined): DisclosureRule | null {
  if (!raw) return null;
  const text = raw.normalize('NFKC');
  const rules: DisclosureRule[] = [];

  for (const m of text.matchAll(ANNUAL)) {
    const month = toNumber(m[1]);
    const day = toNumber(m[2]);
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31) rules.push({ kind: 'annual', month, day });
  }
  // Annual dates are taken; blank them so that their "31日" is not read as a duration.
  const rest = text.replace(ANNUAL, ' ').replace(new RegExp(`${NUMBER}\\s*月\\s*${NUMBER}\\s*日`, 'gu'), ' ');

  for (const m of rest.matchAll(DURATION)) {
    const before = rest.slice(0, m.index);
    // The clause the duration belongs to: from the last separator to the number.
    const clause = before.slice(Math.max(before.lastIndexOf('，'), before.lastIndexOf(','), before.lastIndexOf('；'),
      before.lastIndexOf(';'), before.lastIndexOf('。')) + 1);
    if (REQUEST_TRIGGER.test(clause) || NOT_A_DEADLINE.test(before)) continue;
    // "之日" before the number belongs to the trigger, not to the duration; the number must be a count.
    const n = toNumber(m[1]);
    if (!(n > 0 && n <= 366)) continue;
    const unit = m[2].replace(/\s+/g, '');
    if (unit.endsWith('工作日')) rules.push({ kind: 'workdays', days: n });
    else if (unit.endsWith('月')) rules.push({ kind: 'months', months: n });
    else rules.push({ kind: 'days', days: n });
  }
  if (rules.length === 0) return null;
  // An annual rule and a duration in one text are different kinds of obligation; the annual one is the cycle.
  const annual = rules.filter((r) => r.kind === 'annual');
  if (annual.length > 0) return annual.reduce((a, b) => (monthDay(b) > monthDay(a) ? b : a));
  return rules.reduce((a, b) => (approximateDays(b) > approximateDays(a) ? b : a));
}

function monthDay(rule: DisclosureRule): number {
  return rule.kind === 'annual' ? rule.month * 100 + rule.day : 0;
}

function approximateDays(rule: DisclosureRule): number {
  switch (rule.kind) {
    case 'workdays': return rule.days * 7 / 5;
    case 'days': return rule.days;
    case 'months': return rule.months * 30.5;
    default: return 0;
  }
}

/** A calendar date in the service's time zone, as YYYY-MM-DD. */
export function localDate(at: Date, timeZone: string): string {
  let format = DATE_FORMATS.get(timeZone);
  if (!format) {
    // Building a formatter costs far more than using one; catalogues have many rows.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    DATE_FORMATS.set(timeZone, format);
  }
  return format.format(at);
}

const DATE_FORMATS = new Map<string, Intl.DateTimeFormat>();

function addCalendarDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Calendar days that surely hold N working days: whole weeks, plus 春节 and 国庆 (8–9 days each) and a margin. */
function workdaysUpperBound(n: number): number {
  return Math.ceil(n / 5) * 7 + 21;
}

function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/**
 * The last day on which an item updated on `updated` (YYYY-MM-DD) is still on time; for annual
 * rules, the deadline of the cycle that `today` is in (null when this year's deadline is still ahead
 * and the item was updated in the previous cycle, i.e. nothing is due yet).
 */
export function disclosureDeadline(rule: DisclosureRule, updated: string, today: string, calendar: WorkdayCounter): string | null {
  switch (rule.kind) {
    case 'workdays': {
      const latest = addCalendarDays(updated, workdaysUpperBound(rule.days));
      const years = Number(latest.slice(0, 4)) - Number(updated.slice(0, 4));
      for (let y = 0; y <= years; y++) if (!calendar.covers(Number(updated.slice(0, 4)) + y)) return latest;
      return calendar.addWorkingDays(updated, rule.days);
    }
    case 'days': return addCalendarDays(updated, rule.days);
    case 'months': return addMonths(updated, rule.months);
    case 'annual': {
      const year = Number(today.slice(0, 4));
      const due = `${year}-${String(rule.month).padStart(2, '0')}-${String(rule.day).padStart(2, '0')}`;
      // This year's report is due on `due`; an update since 1 January counts as this cycle's.
      if (today <= due) return null;
      return updated >= `${year}-01-01` ? null : due;
    }
  }
}

/** True when the item's disclosure is late on `today`: its deadline from the last update has passed. */
export function isDisclosureOverdue(rule: DisclosureRule, updated: string, today: string, calendar: WorkdayCounter): boolean {
  const deadline = disclosureDeadline(rule, updated, today, calendar);
  return deadline !== null && today > deadline;
}
