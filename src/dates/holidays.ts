import {
  civilFromDays,
  daysFromCivil,
  describe,
  MAX_YEAR,
  MIN_YEAR,
  monthLength,
  weekdayOf,
} from './_civil.js';
import { fromDayNumber, toDayNumber } from './isoDate.js';

/** The legal public holidays of 5 U.S.C. 6103(a), by their statutory names. */
export type FederalHolidayName =
  | "New Year's Day"
  | 'Birthday of Martin Luther King, Jr.'
  | "Washington's Birthday"
  | 'Memorial Day'
  | 'Juneteenth National Independence Day'
  | 'Independence Day'
  | 'Labor Day'
  | 'Columbus Day'
  | 'Veterans Day'
  | 'Thanksgiving Day'
  | 'Christmas Day';

/** One legal public holiday of a given year. */
export interface FederalHoliday {
  /** The holiday itself (`YYYY-MM-DD`), the day named in 5 U.S.C. 6103(a). */
  date: string;
  name: FederalHolidayName;
  /**
   * The day federal offices close for it: the Friday before when `date` is a Saturday (5 U.S.C. 6103(b)),
   * the Monday after when it is a Sunday (Executive Order 11582), else `date` itself. It can fall in the
   * previous year: New Year's Day 2022 (a Saturday) was observed on Friday 2021-12-31.
   */
  observed: string;
}

/** Options for {@link isFederalHoliday} and {@link federalHolidayOn}. */
export interface FederalHolidayOptions {
  /** Also match the observed Friday/Monday of a weekend holiday. Default `false`: the legal date only. */
  includeObserved?: boolean;
}

const SUNDAY = 0;
const MONDAY = 1;
const THURSDAY = 4;
const SATURDAY = 6;

interface HolidayDays {
  name: FederalHolidayName;
  legal: number;
  observed: number;
}

/** Day number of the `n`th `weekday` (0 = Sunday) of a month. */
function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  const first = daysFromCivil(year, month, 1);
  return first + ((weekday - weekdayOf(first) + 7) % 7) + 7 * (n - 1);
}

/** Day number of the last `weekday` (0 = Sunday) of a month. */
function lastWeekday(year: number, month: number, weekday: number): number {
  const last = daysFromCivil(year, month, monthLength(year, month));
  return last - ((weekdayOf(last) - weekday + 7) % 7);
}

function observedDay(legal: number): number {
  const weekday = weekdayOf(legal);
  if (weekday === SATURDAY) return legal - 1;
  if (weekday === SUNDAY) return legal + 1;
  return legal;
}

/**
 * November 11 from 1938 (as Armistice Day; renamed Veterans Day in 1954), the fourth Monday in October
 * under the Uniform Monday Holiday Act 1971–1977, November 11 again from 1978 (Pub. L. 94-97).
 */
function veteransDay(year: number): number | undefined {
  if (year < 1938) return undefined;
  if (year >= 1971 && year <= 1977) return nthWeekday(year, 10, MONDAY, 4);
  return daysFromCivil(year, 11, 11);
}

/**
 * Thanksgiving before the statute fixed it (Pub. L. 77-379, from 1942) was the day the President
 * proclaimed: the last Thursday of November, except Franklin Roosevelt's 1939–1941 proclamations.
 */
const PROCLAIMED_THANKSGIVING: Readonly<Record<number, number>> = { 1939: 23, 1940: 21, 1941: 20 };

function thanksgiving(year: number): number {
  if (year >= 1942) return nthWeekday(year, 11, THURSDAY, 4);
  const proclaimed = PROCLAIMED_THANKSGIVING[year];
  return proclaimed === undefined ? lastWeekday(year, 11, THURSDAY) : daysFromCivil(year, 11, proclaimed);
}

/**
 * The legal public holidays of one year, each rule applied from the year it took effect. Years before
 * 1900 are never asked for; years after 2199 only internally (year + 1's New Year's Day).
 *
 * Deliberately left out:
 * - Inauguration Day (5 U.S.C. 6103(c)) is a holiday only for federal employees in and around the District
 *   of Columbia, not a nationwide "Federal holiday".
 * - One-off closings by executive order (e.g. Christmas Eve in some years, national days of mourning) are
 *   not legal public holidays under 6103(a) and cannot be computed by rule.
 *
 * The observed-date rule is applied to every year as it stands today; its history before Executive Order
 * 11582 (1971) is not modelled.
 */
function computeHolidayDays(year: number): readonly HolidayDays[] {
  const days: [FederalHolidayName, number | undefined][] = [
    ["New Year's Day", daysFromCivil(year, 1, 1)],
    // Pub. L. 98-144 (1983), first observed in 1986.
    ['Birthday of Martin Luther King, Jr.', year >= 1986 ? nthWeekday(year, 1, MONDAY, 3) : undefined],
    // Uniform Monday Holiday Act (Pub. L. 90-363), from 1971; February 22 before.
    ["Washington's Birthday", year >= 1971 ? nthWeekday(year, 2, MONDAY, 3) : daysFromCivil(year, 2, 22)],
    // Uniform Monday Holiday Act, from 1971; May 30 before.
    ['Memorial Day', year >= 1971 ? lastWeekday(year, 5, MONDAY) : daysFromCivil(year, 5, 30)],
    // Pub. L. 117-17, signed June 17, 2021.
    ['Juneteenth National Independence Day', year >= 2021 ? daysFromCivil(year, 6, 19) : undefined],
    ['Independence Day', daysFromCivil(year, 7, 4)],
    ['Labor Day', nthWeekday(year, 9, MONDAY, 1)],
    // A legal public holiday only since the Uniform Monday Holiday Act took effect in 1971.
    ['Columbus Day', year >= 1971 ? nthWeekday(year, 10, MONDAY, 2) : undefined],
    ['Veterans Day', veteransDay(year)],
    ['Thanksgiving Day', thanksgiving(year)],
    ['Christmas Day', daysFromCivil(year, 12, 25)],
  ];
  const result: HolidayDays[] = [];
  for (const [name, legal] of days) {
    if (legal !== undefined) result.push({ name, legal, observed: observedDay(legal) });
  }
  return result;
}

// Filled on first use, one entry per year asked for (at most a few hundred), so importing the module
// computes nothing.
const cache = new Map<number, readonly HolidayDays[]>();

function holidayDaysOf(year: number): readonly HolidayDays[] {
  let days = cache.get(year);
  if (!days) {
    days = computeHolidayDays(year);
    cache.set(year, days);
  }
  return days;
}

function requireYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`year must be an integer from ${MIN_YEAR} to ${MAX_YEAR}, got ${describe(year)}`);
  }
}

function toHoliday(days: HolidayDays): FederalHoliday {
  return { date: fromDayNumber(days.legal), name: days.name, observed: fromDayNumber(days.observed) };
}

/** The holiday whose legal date (or, if asked, observed date) is `dayNumber`. */
function holidayDaysOn(dayNumber: number, includeObserved: boolean): HolidayDays | undefined {
  const { year } = civilFromDays(dayNumber);
  const legal = holidayDaysOf(year).find((h) => h.legal === dayNumber);
  if (legal || !includeObserved) return legal;
  // An observed day leaves its holiday's year only backwards (Saturday January 1 → Friday December 31);
  // no holiday falls on December 31, so a Sunday shift never crosses into the next year.
  return [...holidayDaysOf(year), ...holidayDaysOf(year + 1)].find((h) => h.observed === dayNumber);
}

/**
 * The legal public holidays (5 U.S.C. 6103(a)) whose legal date falls in `year`, in date order, each with
 * the date it is observed. Each rule applies from the year it took effect (Martin Luther King, Jr. from
 * 1986; the Monday rules from 1971; Juneteenth from 2021; …). Inauguration Day is not included: it is a
 * holiday only in the Washington, DC area (6103(c)).
 *
 * @throws {RangeError} when `year` is not an integer from 1900 to 2199.
 * @example
 * federalHolidays(2026).find((h) => h.name === 'Independence Day')
 * // { date: '2026-07-04', name: 'Independence Day', observed: '2026-07-03' }
 * federalHolidays(2022)[0]
 * // { date: '2022-01-01', name: "New Year's Day", observed: '2021-12-31' }
 */
export function federalHolidays(year: number): FederalHoliday[] {
  requireYear(year);
  // Fresh objects every call, so a caller that mutates the result cannot corrupt the cache.
  return holidayDaysOf(year).map(toHoliday);
}

/**
 * The legal public holiday on `date`, if any. By default only the holiday's own date matches; with
 * `includeObserved: true` its observed Friday/Monday matches too (and the holiday is returned with its
 * legal `date`, which then differs from the argument).
 *
 * @throws {RangeError} on an invalid date.
 * @example
 * federalHolidayOn('2026-09-07')?.name                            // 'Labor Day'
 * federalHolidayOn('2026-07-03')                                  // undefined
 * federalHolidayOn('2026-07-03', { includeObserved: true })?.name // 'Independence Day'
 */
export function federalHolidayOn(
  date: string,
  options: FederalHolidayOptions = {},
): FederalHoliday | undefined {
  const days = holidayDaysOn(toDayNumber(date), options.includeObserved === true);
  return days && toHoliday(days);
}

/**
 * True when `date` is a legal public holiday (5 U.S.C. 6103(a)), or, with `includeObserved: true`, the
 * Friday/Monday on which a weekend holiday is observed.
 *
 * @throws {RangeError} on an invalid date.
 * @example
 * isFederalHoliday('2026-07-04')                            // true (Independence Day, a Saturday)
 * isFederalHoliday('2026-07-03')                            // false
 * isFederalHoliday('2026-07-03', { includeObserved: true }) // true (observed)
 */
export function isFederalHoliday(date: string, options: FederalHolidayOptions = {}): boolean {
  return holidayDaysOn(toDayNumber(date), options.includeObserved === true) !== undefined;
}
