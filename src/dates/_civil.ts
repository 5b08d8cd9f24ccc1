/**
 * Private integer calendar math shared by the date modules (not re-exported).
 *
 * A "day number" counts days since 1970-01-01 in the proleptic Gregorian calendar. Working on
 * integers instead of `Date` objects means no time zone, DST change or host clock can shift a result.
 * The conversions are Howard Hinnant's `days_from_civil` / `civil_from_days`
 * (https://howardhinnant.github.io/date_algorithms.html), exact for every Gregorian year.
 */

/** The first year accepted anywhere in the date API. */
export const MIN_YEAR = 1900;
/** The last year accepted anywhere in the date API. */
export const MAX_YEAR = 2199;

/** True for Gregorian leap years: every 4th year, except centuries not divisible by 400. */
export function leap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Days in `month` (1–12) of `year`; the caller guarantees both are in range. */
export function monthLength(year: number, month: number): number {
  return month === 2 && leap(year) ? 29 : (MONTH_LENGTHS[month - 1] ?? Number.NaN);
}

/** Day number of a civil date; the caller guarantees a real date. */
export function daysFromCivil(year: number, month: number, day: number): number {
  // Count years from March so the leap day is the last day of the counted year.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Civil date of a day number (inverse of {@link daysFromCivil}). */
export function civilFromDays(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** Weekday of a day number: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** A short, safe description of a bad value for an error message (never the whole of a long string). */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) {
    return String(value);
  }
  return `a value of type ${typeof value}`;
}

/** The error every date function throws for a value that is not a valid `YYYY-MM-DD` date. */
export function invalidDate(value: unknown): RangeError {
  return new RangeError(
    `Invalid date ${describe(value)}: expected a real calendar date written YYYY-MM-DD, years ${MIN_YEAR}–${MAX_YEAR}`,
  );
}
