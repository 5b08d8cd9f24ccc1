/**
 * Calendar dates as `YYYY-MM-DD` strings, computed on integer day numbers so that every result is the
 * same in every time zone. No `Date`, no clock, no dependencies.
 */
export type { OnMissingDay, WeekdayName } from './arithmetic.js';
export {
  addDays,
  addMonths,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  isLeapYear,
  isWeekend,
  weekdayName,
} from './arithmetic.js';
export type { FederalHoliday, FederalHolidayName, FederalHolidayOptions } from './holidays.js';
export { federalHolidayOn, federalHolidays, isFederalHoliday } from './holidays.js';
export type { CalendarDate } from './isoDate.js';
export { formatIsoDate, fromDayNumber, isIsoDate, parseIsoDate, toDayNumber } from './isoDate.js';
export type { RollForwardResult, RollForwardRule, SkipReason } from './rollForward.js';
export { rollForward } from './rollForward.js';
