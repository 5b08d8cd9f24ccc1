import { describe, invalidDate, leap, monthLength, weekdayOf } from './_civil.js';
import { formatIsoDate, fromDayNumber, parseIsoDate, toDayNumber } from './isoDate.js';

/** Weekday names, indexed by {@link dayOfWeek}. */
export type WeekdayName = 'Sunday' | 'Monday' | 'Tuesday' | 'Wednesday' | 'Thursday' | 'Friday' | 'Saturday';

const WEEKDAY_NAMES: readonly WeekdayName[] = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
];

/**
 * What {@link addMonths} does when the target month has no such day (e.g. the 30th, 4 months after Oct 30).
 * - `'first_of_next_month'`: the first day of the month after the target month. This is the rule written
 *   in 45 CFR 147.136(d)(2)(i) (federal external review): "If there is no corresponding date four months
 *   after the date of receipt of such a notice, then the request must be filed by the first day of the fifth
 *   month following the receipt of the notice" (its example: received Oct 30 → due Mar 1).
 * - `'last_of_month'`: the last day of the target month (Feb 28 or 29), one day earlier, so it is the
 *   conservative choice where a month-based rule is silent about missing days.
 */
export type OnMissingDay = 'first_of_next_month' | 'last_of_month';

function requireInteger(value: number, name: string): void {
  if (!Number.isSafeInteger(value))
    throw new RangeError(`${name} must be an integer, got ${describe(value)}`);
}

function requireMonth(month: number): void {
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`month must be an integer from 1 to 12, got ${describe(month)}`);
  }
}

/**
 * The date `n` calendar days after `date` (before it when `n` is negative). Every day counts.
 *
 * @throws {RangeError} on an invalid date, a non-integer `n`, or a result outside 1900–2199.
 * @example
 * addDays('2026-01-02', 5)   // '2026-01-07' (Medicare presumed receipt: notice date + 5)
 * addDays('2026-01-07', 120) // '2026-05-07'
 * addDays('2026-12-30', 3)   // '2027-01-02'
 */
export function addDays(date: string, n: number): string {
  requireInteger(n, 'n');
  return fromDayNumber(toDayNumber(date) + n);
}

/**
 * Calendar days from `from` to `to` (`to` − `from`); negative when `to` is earlier.
 *
 * @throws {RangeError} on an invalid date.
 * @example
 * daysBetween('2026-01-07', '2026-05-07') // 120
 * daysBetween('2026-05-07', '2026-01-07') // -120
 */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

/**
 * The weekday of `date`: 0 = Sunday, 1 = Monday … 6 = Saturday (as `Date#getUTCDay`, but no `Date`).
 *
 * @throws {RangeError} on an invalid date.
 * @example
 * dayOfWeek('2026-05-07') // 4 (Thursday)
 */
export function dayOfWeek(date: string): number {
  return weekdayOf(toDayNumber(date));
}

/**
 * The English name of the weekday of `date`, for warnings such as "the deadline falls on a Saturday".
 *
 * @throws {RangeError} on an invalid date.
 * @example
 * weekdayName('2027-03-13') // 'Saturday'
 */
export function weekdayName(date: string): WeekdayName {
  return WEEKDAY_NAMES[dayOfWeek(date)] as WeekdayName;
}

/**
 * True on Saturdays and Sundays.
 *
 * @throws {RangeError} on an invalid date.
 * @example
 * isWeekend('2026-07-04') // true (a Saturday)
 * isWeekend('2026-07-03') // false
 */
export function isWeekend(date: string): boolean {
  const weekday = dayOfWeek(date);
  return weekday === 0 || weekday === 6;
}

/**
 * True for Gregorian leap years: divisible by 4, except centuries not divisible by 400.
 *
 * @throws {RangeError} when `year` is not an integer.
 * @example
 * isLeapYear(2024) // true
 * isLeapYear(2100) // false
 * isLeapYear(2000) // true
 */
export function isLeapYear(year: number): boolean {
  requireInteger(year, 'year');
  return leap(year);
}

/**
 * The number of days in `month` (1–12) of `year`.
 *
 * @throws {RangeError} when `year` is not an integer or `month` is not 1–12.
 * @example
 * daysInMonth(2026, 2) // 28
 * daysInMonth(2024, 2) // 29
 * daysInMonth(2026, 4) // 30
 */
export function daysInMonth(year: number, month: number): number {
  requireInteger(year, 'year');
  requireMonth(month);
  return monthLength(year, month);
}

/**
 * The same day of the month `n` calendar months after `date` (before it when `n` is negative). When the
 * target month is too short for that day, `onMissingDay` decides; there is deliberately no default, so each
 * caller states which rule it applies:
 * - `'first_of_next_month'`: 45 CFR 147.136(d)(2)(i) ("If there is no corresponding date four months after
 *   the date of receipt …, then the request must be filed by the first day of the fifth month following the
 *   receipt of the notice"): Oct 30 + 4 months → Mar 1.
 * - `'last_of_month'`: the last day of the target month (Feb 28/29), the conservative alternative.
 *
 * @throws {RangeError} on an invalid date, a non-integer `n`, an unknown `onMissingDay`, or a result
 * outside 1900–2199.
 * @example
 * addMonths('2025-10-30', 4, 'first_of_next_month') // '2026-03-01' (147.136(d)(2)(i)'s own example)
 * addMonths('2025-10-30', 4, 'last_of_month')       // '2026-02-28'
 * addMonths('2026-01-15', 4, 'first_of_next_month') // '2026-05-15'
 */
export function addMonths(date: string, n: number, onMissingDay: OnMissingDay): string {
  requireInteger(n, 'n');
  if (onMissingDay !== 'first_of_next_month' && onMissingDay !== 'last_of_month') {
    throw new RangeError(
      `onMissingDay must be 'first_of_next_month' or 'last_of_month', got ${describe(onMissingDay)}`,
    );
  }
  const parts = parseIsoDate(date);
  if (!parts) throw invalidDate(date);
  // Months since year 0, so negative n and year boundaries need no special cases.
  const monthIndex = parts.year * 12 + (parts.month - 1) + n;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  const length = monthLength(year, month);
  if (parts.day <= length) return formatIsoDate({ year, month, day: parts.day });
  if (onMissingDay === 'last_of_month') return formatIsoDate({ year, month, day: length });
  // Only February, April, June, September and November can lack the day, so month + 1 is never 13.
  return formatIsoDate({ year, month: month + 1, day: 1 });
}
