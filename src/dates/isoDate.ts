import {
  civilFromDays,
  daysFromCivil,
  describe,
  invalidDate,
  MAX_YEAR,
  MIN_YEAR,
  monthLength,
} from './_civil.js';

/** The parts of a calendar date. `month` is 1–12, `day` is 1–31. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/**
 * The day number of `s` when it is exactly four, two and two ASCII digits joined by hyphens, nothing before or
 * after, naming a real date in the supported years; otherwise NaN. Read digit by digit, with no regular
 * expression and no object: validation and date arithmetic call this on every input and every step.
 */
function dayNumberOrNaN(s: string): number {
  if (s.length !== 10 || s.charCodeAt(4) !== 0x2d || s.charCodeAt(7) !== 0x2d) return Number.NaN;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 7);
  const day = digits(s, 8, 10);
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12) return Number.NaN;
  if (day < 1 || day > monthLength(year, month)) return Number.NaN;
  return daysFromCivil(year, month, day);
}

/**
 * Parses a strict `YYYY-MM-DD` calendar date: four-digit year 1900–2199, two-digit month and day,
 * nothing before or after, and a date that exists (no February 30, no February 29 outside leap years).
 * Anything else, including a non-string, gives `undefined`.
 *
 * @example
 * parseIsoDate('2024-02-29') // { year: 2024, month: 2, day: 29 }
 * parseIsoDate('2025-02-29') // undefined (2025 is not a leap year)
 * parseIsoDate('01/15/2026') // undefined
 */
export function parseIsoDate(s: unknown): CalendarDate | undefined {
  if (typeof s !== 'string' || Number.isNaN(dayNumberOrNaN(s))) return undefined;
  return { year: digits(s, 0, 4), month: digits(s, 5, 7), day: digits(s, 8, 10) };
}

/**
 * True when `s` is a date {@link parseIsoDate} accepts.
 *
 * @example
 * isIsoDate('2026-01-05') // true
 * isIsoDate('2026-1-5')   // false
 * isIsoDate(' 2026-01-05') // false
 */
export function isIsoDate(s: unknown): s is string {
  return typeof s === 'string' && !Number.isNaN(dayNumberOrNaN(s));
}

/**
 * Days since 1970-01-01 (proleptic Gregorian) of a `YYYY-MM-DD` date. Negative before 1970.
 *
 * @throws {RangeError} when `s` is not a valid date (see {@link parseIsoDate}).
 * @example
 * toDayNumber('1970-01-01') // 0
 * toDayNumber('2026-01-02') // 20455
 * toDayNumber('1969-12-31') // -1
 */
export function toDayNumber(s: string): number {
  const dayNumber = typeof s === 'string' ? dayNumberOrNaN(s) : Number.NaN;
  if (Number.isNaN(dayNumber)) throw invalidDate(s);
  return dayNumber;
}

/** The number written by the ASCII digits of `s` from `start` to `end`, or -1 when one is not a digit. */
function digits(s: string, start: number, end: number): number {
  let value = 0;
  for (let at = start; at < end; at++) {
    const digit = s.charCodeAt(at) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * The `YYYY-MM-DD` date of a day number (inverse of {@link toDayNumber}), zero-padded.
 *
 * @throws {RangeError} when `n` is not an integer or the date falls outside 1900–2199, so every
 * string this module returns is one it also accepts.
 * @example
 * fromDayNumber(0)     // '1970-01-01'
 * fromDayNumber(20455) // '2026-01-02'
 */
export function fromDayNumber(n: number): string {
  if (!Number.isSafeInteger(n)) {
    throw new RangeError(`Invalid day number ${describe(n)}: expected an integer`);
  }
  const { year, month, day } = civilFromDays(n);
  if (year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`Day number ${n} is outside the supported years ${MIN_YEAR}–${MAX_YEAR}`);
  }
  // civilFromDays gives a real date and the year has four digits: written directly, not checked again.
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/**
 * Writes date parts as `YYYY-MM-DD`, zero-padded.
 *
 * @throws {RangeError} when the parts do not make a real date in 1900–2199.
 * @example
 * formatIsoDate({ year: 2026, month: 1, day: 5 }) // '2026-01-05'
 */
export function formatIsoDate(date: CalendarDate): string {
  const { year, month, day } = date;
  const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  // Re-parse so that non-integers, month 13 or February 30 are caught here, not downstream.
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day) || !isIsoDate(text)) {
    throw new RangeError(`Invalid date parts ${describe(`${year}/${month}/${day}`)}`);
  }
  return text;
}
