import { weekdayOf } from './_civil.js';
import { type FederalHolidayName, federalHolidayOn } from './holidays.js';
import { fromDayNumber, toDayNumber } from './isoDate.js';

/** Which days {@link rollForward} moves past. */
export interface RollForwardRule {
  /** Move past Saturdays and Sundays. */
  weekends: boolean;
  /** Move past the legal public holidays of 5 U.S.C. 6103(a). */
  federalHolidays: boolean;
  /**
   * Also move past the observed Friday/Monday of a holiday that falls on a weekend. Default `false`.
   *
   * Why the default is off: the only appeal rule known to roll forward, 45 CFR 147.136(d)(2)(i), says
   * "Federal holiday" without saying whether that includes the observed day, and counting it can only make
   * a deadline later. So by default only legal dates count, and the caller should warn when the
   * observed-day reading would give a later date.
   */
  includeObservedHolidays?: boolean;
}

/** Why a day was skipped: its weekday, or the holiday on it (an observed day is marked "(observed)"). */
export type SkipReason = 'Saturday' | 'Sunday' | FederalHolidayName | `${FederalHolidayName} (observed)`;

/** What {@link rollForward} returns. */
export interface RollForwardResult {
  /** The first day on or after the input that the rule does not skip. */
  date: string;
  /** True when `date` differs from the input. */
  rolled: boolean;
  /** Every day skipped, in order, with the reason (for warnings such as "moved from Saturday …"). */
  skipped: { date: string; reason: SkipReason }[];
}

/** Why the day is skipped under `rule`, or `undefined` when it is a working day. */
function skipReason(dayNumber: number, rule: RollForwardRule): SkipReason | undefined {
  if (rule.federalHolidays) {
    // The holiday is named even on a weekend: Saturday 2026-07-04 reads better as "Independence Day".
    const date = fromDayNumber(dayNumber);
    const legal = federalHolidayOn(date);
    if (legal) return legal.name;
    if (rule.includeObservedHolidays === true) {
      const observed = federalHolidayOn(date, { includeObserved: true });
      if (observed) return `${observed.name} (observed)`;
    }
  }
  if (rule.weekends) {
    const weekday = weekdayOf(dayNumber);
    if (weekday === 6) return 'Saturday';
    if (weekday === 0) return 'Sunday';
  }
  return undefined;
}

/**
 * Moves a last day that falls on a skipped day to the next day that is not one, as 45 CFR 147.136(d)(2)(i)
 * does: "If the last filing date would fall on a Saturday, Sunday, or Federal holiday, the last filing date
 * is extended to the next day that is not a Saturday, Sunday, or Federal holiday." Use it only where the
 * rule says so; elsewhere a deadline must not move (see DESIGN.md, Dates).
 *
 * @throws {RangeError} on an invalid date, or when the result would pass 2199-12-31.
 * @example
 * rollForward('2026-09-05', { weekends: true, federalHolidays: true })
 * // { date: '2026-09-08', rolled: true, skipped: [
 * //   { date: '2026-09-05', reason: 'Saturday' }, { date: '2026-09-06', reason: 'Sunday' },
 * //   { date: '2026-09-07', reason: 'Labor Day' } ] }
 * rollForward('2026-07-03', { weekends: true, federalHolidays: true })
 * // { date: '2026-07-03', rolled: false, skipped: [] } (the observed Friday is not skipped by default)
 */
export function rollForward(date: string, rule: RollForwardRule): RollForwardResult {
  const start = toDayNumber(date);
  const skipped: RollForwardResult['skipped'] = [];
  let day = start;
  // Ends within days: no two holidays are adjacent, so a run is at most a weekend plus one holiday and its
  // observed day (in practice never more than 3 days).
  for (let reason = skipReason(day, rule); reason !== undefined; reason = skipReason(day, rule)) {
    skipped.push({ date: fromDayNumber(day), reason });
    day += 1;
  }
  return { date: fromDayNumber(day), rolled: day !== start, skipped };
}
