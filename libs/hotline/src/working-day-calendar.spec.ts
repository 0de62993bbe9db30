import { describe, expect, it } from '@jest/globals';
import { CalendarCoverageError, localDate, localTime, WorkingDayCalendar } from './working-day-calendar.js';

const calendar = new WorkingDayCalendar();
const at = (iso: string) => new Date(iso);

describe('WorkingDayCalendar (chinese-days data, counted from the next working day)', () => {
  it('matches the hand-checked examples of the reference notes', () => {
    expect(calendar.addWorkingDays('2026-02-10', 20)).toBe('2026-03-16');
    expect(calendar.addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
  });

  it('skips weekends and never counts the day of acceptance', () => {
    expect(calendar.addWorkingDays('2026-11-27', 1)).toBe('2026-11-30'); // Fri → Mon
    expect(calendar.addWorkingDays('2026-11-28', 1)).toBe('2026-11-30'); // Sat → Mon
    expect(calendar.addWorkingDays('2026-11-30', 3)).toBe('2026-12-03'); // Mon → Thu
    expect(calendar.addWorkingDays('2026-11-30', 15)).toBe('2026-12-21');
  });

  it('counts the 2025 Spring Festival holiday as days off and its make-up Sunday/Saturday as working days', () => {
    expect(calendar.isWorkingDay('2025-01-26')).toBe(true); // Sunday 调休上班
    expect(calendar.isWorkingDay('2025-01-28')).toBe(false);
    expect(calendar.isWorkingDay('2025-02-04')).toBe(false); // Tuesday, still 春节
    expect(calendar.isWorkingDay('2025-02-08')).toBe(true); // Saturday 调休上班
    expect(calendar.addWorkingDays('2025-01-24', 1)).toBe('2025-01-26');
    expect(calendar.addWorkingDays('2025-01-24', 2)).toBe('2025-01-27');
    expect(calendar.addWorkingDays('2025-01-24', 3)).toBe('2025-02-05');
    expect(calendar.addWorkingDays('2025-02-05', 3)).toBe('2025-02-08');
  });

  it('handles the 2026 Spring Festival (nine days off) and its make-up Saturdays', () => {
    expect(calendar.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14'); // Sat 2-14 is a working day
    expect(calendar.addWorkingDays('2026-02-13', 2)).toBe('2026-02-24'); // 2-15 … 2-23 off
    expect(calendar.addWorkingDays('2026-02-24', 4)).toBe('2026-02-28'); // Sat 2-28 is a working day
  });

  it('handles National Day 2025 and 2026 with their make-up days', () => {
    expect(calendar.addWorkingDays('2025-09-26', 1)).toBe('2025-09-28'); // Sunday 调休上班
    expect(calendar.addWorkingDays('2025-09-30', 1)).toBe('2025-10-09'); // 10-1 … 10-8 off
    expect(calendar.addWorkingDays('2025-10-09', 2)).toBe('2025-10-11'); // Saturday 调休上班
    expect(calendar.addWorkingDays('2026-09-18', 1)).toBe('2026-09-20'); // Sunday 调休上班
    expect(calendar.addWorkingDays('2026-09-30', 3)).toBe('2026-10-10'); // 10-8, 10-9, Sat 10-10
  });

  it('turns an acceptance instant into a close-of-business deadline in China time', () => {
    // Accepted 2026-09-30 10:00 (UTC+8): one working day → 2026-10-08 18:00 UTC+8 = 10:00 UTC.
    expect(calendar.deadline(at('2026-09-30T02:00:00Z'), 1, '18:00').toISOString()).toBe('2026-10-08T10:00:00.000Z');
    // 23:30 on 9-30 in UTC+8 is still 9-30 locally though already 15:30 UTC.
    expect(localDate(at('2026-09-30T15:30:00Z'))).toBe('2026-09-30');
    expect(localDate(at('2026-09-30T16:30:00Z'))).toBe('2026-10-01');
    expect(localTime('2026-10-08', '17:30').toISOString()).toBe('2026-10-08T09:30:00.000Z');
  });

  it('gives same-day replies until close of business on working days, else the next working day', () => {
    expect(calendar.sameDayDeadline(at('2026-02-14T02:00:00Z'), '18:00').toISOString()).toBe('2026-02-14T10:00:00.000Z');
    expect(calendar.sameDayDeadline(at('2026-02-14T11:00:00Z'), '18:00').toISOString()).toBe('2026-02-24T10:00:00.000Z');
    expect(calendar.sameDayDeadline(at('2026-02-16T02:00:00Z'), '18:00').toISOString()).toBe('2026-02-24T10:00:00.000Z');
  });

  it('refuses to guess for a year without data, and uses the configured additions once given', () => {
    expect(calendar.covers(2026)).toBe(true);
    expect(calendar.covers(2027)).toBe(false);
    expect(() => calendar.isWorkingDay('2027-03-01')).toThrow(CalendarCoverageError);
    expect(() => calendar.addWorkingDays('2026-12-30', 5)).toThrow(/2027 年/);
    expect(calendar.missingYears(2026, 2027)).toEqual([2027]);
    // Start-up warns only when the coming 60 days reach a year without data (not all year long).
    expect(calendar.missingYearsAhead(at('2026-06-01T02:00:00Z'), 60)).toEqual([]);
    expect(calendar.missingYearsAhead(at('2026-10-31T02:00:00Z'), 60)).toEqual([]);
    expect(calendar.missingYearsAhead(at('2026-11-15T02:00:00Z'), 60)).toEqual([2027]);

    const configured = new WorkingDayCalendar({ extraHolidays: ['2027-01-01', '2027-01-02', '2027-01-03'], extraWorkdays: ['2026-12-27'] });
    expect(configured.covers(2027)).toBe(true);
    expect(configured.isWorkingDay('2026-12-27')).toBe(true); // a configured make-up Sunday
    expect(configured.addWorkingDays('2026-12-30', 2)).toBe('2027-01-04'); // 12-31, (1-1 … 1-3 off), 1-4
  });

  it('rejects malformed configured dates at construction', () => {
    expect(() => new WorkingDayCalendar({ extraHolidays: ['2027-02-30'] })).toThrow(/不是合法日期/);
    expect(() => new WorkingDayCalendar({ extraWorkdays: ['2027/01/01'] })).toThrow(/不是合法日期/);
  });
});
