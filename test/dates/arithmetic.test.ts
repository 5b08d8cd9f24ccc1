import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  isLeapYear,
  isWeekend,
  type OnMissingDay,
  weekdayName,
} from '../../src/dates/index.js';

describe('isLeapYear / daysInMonth', () => {
  it('follows the Gregorian rule', () => {
    expect(isLeapYear(2024)).toBe(true);
    expect(isLeapYear(2025)).toBe(false);
    expect(isLeapYear(2026)).toBe(false);
    expect(isLeapYear(2000)).toBe(true);
    expect(isLeapYear(2100)).toBe(false);
    expect(isLeapYear(1900)).toBe(false);
    expect(isLeapYear(2400)).toBe(true);
  });

  it('gives month lengths', () => {
    const lengths2026 = Array.from({ length: 12 }, (_, i) => daysInMonth(2026, i + 1));
    expect(lengths2026).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
  });

  it('rejects bad arguments', () => {
    expect(() => isLeapYear(2024.5)).toThrow(RangeError);
    expect(() => daysInMonth(2026, 0)).toThrow(RangeError);
    expect(() => daysInMonth(2026, 13)).toThrow(RangeError);
    expect(() => daysInMonth(2026, 1.5)).toThrow(RangeError);
    expect(() => daysInMonth(Number.NaN, 1)).toThrow(RangeError);
  });
});

describe('addDays / daysBetween', () => {
  it('works the Medicare example in deadlines.md §4 (notice + 5 presumed receipt, then 120 / 180 days)', () => {
    expect(addDays('2026-01-02', 5)).toBe('2026-01-07');
    expect(addDays('2026-01-07', 120)).toBe('2026-05-07');
    expect(weekdayName('2026-05-07')).toBe('Thursday');
    expect(addDays('2026-01-07', 180)).toBe('2026-07-06');
    expect(weekdayName('2026-07-06')).toBe('Monday');
  });

  it('gets the demo-data case in deadlines.md §10 right: 180 days from 2026-09-14 is 2027-03-13, a Saturday', () => {
    expect(addDays('2026-09-14', 180)).toBe('2027-03-13');
    expect(addDays('2026-09-14', 180)).not.toBe('2027-03-22');
    expect(weekdayName('2027-03-13')).toBe('Saturday');
  });

  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01');
    expect(addDays('2000-02-28', 1)).toBe('2000-02-29');
    expect(addDays('2024-01-01', 366)).toBe('2025-01-01');
    expect(addDays('2025-01-01', 365)).toBe('2026-01-01');
    expect(addDays('2026-05-07', 0)).toBe('2026-05-07');
  });

  it('measures signed distances', () => {
    expect(daysBetween('2026-01-07', '2026-05-07')).toBe(120);
    expect(daysBetween('2026-05-07', '2026-01-07')).toBe(-120);
    expect(daysBetween('2026-09-14', '2027-03-13')).toBe(180);
    expect(daysBetween('2026-05-07', '2026-05-07')).toBe(0);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    // 300 years: 300 × 365 + 73 leap days (1904 … 2196, without 2100) − 1.
    expect(daysBetween('1900-01-01', '2199-12-31')).toBe(109_572);
  });

  it('rejects bad arguments and results outside 1900–2199', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2026-01-01', 1.5)).toThrow(RangeError);
    expect(() => addDays('2026-01-01', Number.NaN)).toThrow(RangeError);
    expect(() => addDays('2199-12-31', 1)).toThrow(RangeError);
    expect(() => addDays('1900-01-01', -1)).toThrow(RangeError);
    expect(() => daysBetween('2026-01-01', '2026-1-2')).toThrow(RangeError);
  });
});

describe('dayOfWeek / weekdayName / isWeekend', () => {
  it.each([
    ['1970-01-01', 4, 'Thursday'],
    ['1900-01-01', 1, 'Monday'],
    ['2000-01-01', 6, 'Saturday'],
    ['2026-01-02', 5, 'Friday'],
    ['2026-01-07', 3, 'Wednesday'],
    ['2026-07-04', 6, 'Saturday'],
    ['2026-07-05', 0, 'Sunday'],
    ['2026-09-14', 1, 'Monday'],
    ['2027-12-25', 6, 'Saturday'],
    ['2022-01-01', 6, 'Saturday'],
    ['2199-12-31', 2, 'Tuesday'],
  ])('%s is day %i, a %s', (date, weekday, name) => {
    expect(dayOfWeek(date)).toBe(weekday);
    expect(weekdayName(date)).toBe(name);
    expect(isWeekend(date)).toBe(weekday === 0 || weekday === 6);
  });
});

describe('addMonths', () => {
  const both = (date: string, n: number) => ({
    first_of_next_month: addMonths(date, n, 'first_of_next_month'),
    last_of_month: addMonths(date, n, 'last_of_month'),
  });

  it("follows 45 CFR 147.136(d)(2)(i)'s own example: received Oct 30 → due Mar 1", () => {
    expect(both('2025-10-30', 4)).toEqual({ first_of_next_month: '2026-03-01', last_of_month: '2026-02-28' });
    // In a leap year there is a February 29 but still no February 30.
    expect(both('2023-10-30', 4)).toEqual({ first_of_next_month: '2024-03-01', last_of_month: '2024-02-29' });
  });

  it('handles month ends', () => {
    expect(both('2026-01-31', 1)).toEqual({ first_of_next_month: '2026-03-01', last_of_month: '2026-02-28' });
    expect(both('2024-01-31', 1)).toEqual({ first_of_next_month: '2024-03-01', last_of_month: '2024-02-29' });
    expect(both('2026-10-31', 1)).toEqual({ first_of_next_month: '2026-12-01', last_of_month: '2026-11-30' });
    expect(both('2026-08-31', 6)).toEqual({ first_of_next_month: '2027-03-01', last_of_month: '2027-02-28' });
    expect(both('2024-02-29', 12)).toEqual({
      first_of_next_month: '2025-03-01',
      last_of_month: '2025-02-28',
    });
    expect(both('2026-03-31', -1)).toEqual({
      first_of_next_month: '2026-03-01',
      last_of_month: '2026-02-28',
    });
  });

  it('keeps the day when it exists, across years and backwards', () => {
    expect(both('2026-01-15', 4)).toEqual({ first_of_next_month: '2026-05-15', last_of_month: '2026-05-15' });
    expect(addMonths('2026-11-15', 4, 'first_of_next_month')).toBe('2027-03-15');
    expect(addMonths('2026-01-15', -1, 'last_of_month')).toBe('2025-12-15');
    expect(addMonths('2026-01-15', 0, 'last_of_month')).toBe('2026-01-15');
    expect(addMonths('2026-01-15', 12, 'last_of_month')).toBe('2027-01-15');
    expect(addMonths('2026-01-15', -24, 'last_of_month')).toBe('2024-01-15');
    expect(addMonths('2024-02-29', 48, 'first_of_next_month')).toBe('2028-02-29');
  });

  it('rejects bad arguments', () => {
    expect(() => addMonths('2026-02-30', 1, 'last_of_month')).toThrow(RangeError);
    expect(() => addMonths('2026-01-31', 1.5, 'last_of_month')).toThrow(RangeError);
    expect(() => addMonths('2026-01-31', 1, 'nearest' as OnMissingDay)).toThrow(RangeError);
    expect(() => addMonths('2199-12-15', 1, 'last_of_month')).toThrow(RangeError);
  });
});
