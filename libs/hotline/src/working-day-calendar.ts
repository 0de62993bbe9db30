import { createRequire } from 'node:module';

/** chinese-days ships its data (2004 → the latest 国务院办公厅 notice) as one JSON file: dates → labels. */
interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
// China has kept one offset (UTC+8, no daylight saving) since 1991: local dates are UTC+8 dates.
const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

export class CalendarCoverageError extends Error {
  override name = 'CalendarCoverageError';

  constructor(readonly year: number) {
    super(`工作日历没有 ${year} 年的节假日和调休数据，无法按工作日计算时限：请更新 chinese-days，或在配置 hotline.calendar.extraHolidays / extraWorkdays 中补充 ${year} 年的安排`);
  }
}

export interface CalendarOverrides {
  /** Extra days off (YYYY-MM-DD), e.g. next year's 国务院办公厅 notice before the data package has it. */
  extraHolidays?: readonly string[];
  /** Extra make-up workdays (调休上班, YYYY-MM-DD), usually weekends. */
  extraWorkdays?: readonly string[];
}

let bundled: ChineseDaysData | null = null;

function bundledData(): ChineseDaysData {
  // The package's functions fall back to Monday–Friday for years it does not know; only its data is used.
  bundled ??= createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as ChineseDaysData;
  return bundled;
}

/** `YYYY-MM-DD` of an instant in China local time. */
export function localDate(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant of `HH:mm` China local time on a `YYYY-MM-DD` date. */
export function localTime(date: string, hhmm: string): Date {
  const [h, m] = hhmm.split(':').map(Number);
  return new Date(Date.parse(`${date}T00:00:00Z`) - OFFSET_MS + (h * 60 + m) * 60_000);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function assertDate(value: string, what: string): void {
  if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || addDays(value, 0) !== value) {
    throw new Error(`${what} 不是合法日期（应为 YYYY-MM-DD）：${value}`);
  }
}

/**
 * Working days (工作日) with the official holidays and make-up workdays (调休): chinese-days data
 * plus configured additions. A date in a year neither source covers is an error, never a
 * Monday–Friday guess: a wrong 办结时限 is worse than one an operator sets by hand.
 *
 * Counting rule (see docs/operations.md «12345 热线对接»): a period of N working days starts on the
 * first working day AFTER the day of acceptance (the day of acceptance never counts, as in
 * 民法典第二百零一条 “开始的当日不计入，自下一日开始计算”) and ends at the close of the N-th working
 * day. It is what chinese-days' `findWorkday(N, date)` computes, whose hand-checked examples are
 * in the project's reference notes (wechat-12345-protocols.md §5: 20 working days from
 * 2026-02-10 → 2026-03-16; 1 from 2026-09-30 → 2026-10-08).
 */
export class WorkingDayCalendar {
  private readonly holidays: Set<string>;
  private readonly workdays: Set<string>;
  private readonly years: Set<number>;

  constructor(overrides: CalendarOverrides = {}, data: ChineseDaysData = bundledData()) {
    for (const d of [...(overrides.extraHolidays ?? []), ...(overrides.extraWorkdays ?? [])]) assertDate(d, 'hotline.calendar');
    this.holidays = new Set([...Object.keys(data.holidays), ...(overrides.extraHolidays ?? [])]);
    this.workdays = new Set(Object.keys(data.workdays));
    for (const d of overrides.extraWorkdays ?? []) {
      this.workdays.add(d);
      this.holidays.delete(d);
    }
    for (const d of overrides.extraHolidays ?? []) this.workdays.delete(d);
    // Every year has 元旦 and 春节, so a year with no holiday at all is a year nobody published.
    this.years = new Set([...this.holidays].map((d) => Number(d.slice(0, 4))));
  }

  /** Years with holiday data (bundled or configured). */
  coveredYears(): number[] {
    return [...this.years].sort((a, b) => a - b);
  }

  covers(year: number): boolean {
    return this.years.has(year);
  }

  /** Years from `from` to `through` without data: logged at start-up so that staff add them in time. */
  missingYears(from: number, through: number): number[] {
    const missing: number[] = [];
    for (let y = from; y <= through; y++) if (!this.years.has(y)) missing.push(y);
    return missing;
  }

  /** Years without data that the `days` from `now` reach into (China's calendar dates). */
  missingYearsAhead(now: Date, days: number): number[] {
    const year = (instant: Date) => Number(localDate(instant).slice(0, 4));
    return this.missingYears(year(now), year(new Date(now.getTime() + days * 86_400_000)));
  }

  isWorkingDay(date: string): boolean {
    assertDate(date, '日期');
    const year = Number(date.slice(0, 4));
    if (!this.years.has(year)) throw new CalendarCoverageError(year);
    if (this.workdays.has(date)) return true;
    if (this.holidays.has(date)) return false;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /** The n-th working day after `date` (n ≥ 1), or `date` itself if n = 0 and it is a working day, else the next one. */
  addWorkingDays(date: string, n: number): string {
    if (!Number.isInteger(n) || n < 0) throw new Error(`工作日数应为非负整数：${n}`);
    let day = date;
    if (n === 0) {
      while (!this.isWorkingDay(day)) day = addDays(day, 1);
      return day;
    }
    for (let counted = 0; counted < n; ) {
      day = addDays(day, 1);
      if (this.isWorkingDay(day)) counted++;
    }
    return day;
  }

  /** Deadline of N working days from an acceptance instant: the close of business (`endOfDay`, local) of that day. */
  deadline(acceptedAt: Date, workingDays: number, endOfDay: string): Date {
    return localTime(this.addWorkingDays(localDate(acceptedAt), workingDays), endOfDay);
  }

  /**
   * 当日答复: the close of the acceptance day when it is a working day and not yet closed,
   * otherwise the close of the next working day.
   */
  sameDayDeadline(acceptedAt: Date, endOfDay: string): Date {
    const today = localDate(acceptedAt);
    const close = localTime(today, endOfDay);
    if (this.isWorkingDay(today) && acceptedAt < close) return close;
    return localTime(this.addWorkingDays(today, 1), endOfDay);
  }
}
