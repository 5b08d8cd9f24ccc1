/**
 * Differential test against @18f/us-federal-holidays 4.0.0 (a devDependency, CC0), years 2000–2040.
 *
 * How that package differs from ours, and how the comparison accounts for it:
 * - It returns the OBSERVED date only (`dateString`, `YYYY-MM-DD`), so we compare our `observed` field.
 *   Like us, it lists New Year's Day under its own year even when observed on December 31 of the year before
 *   (allForYear(2022) contains 2021-12-31), so the sets are compared year by year with no adjustment.
 * - Its `date` field is a `Date` at LOCAL midnight (built with dayjs in the host zone), so its instant and
 *   its `toISOString()` day depend on TZ (in Pacific/Kiritimati, UTC+14, the ISO day is the day before).
 *   We never read `date`; `dateString` is formatted in the same local zone it was built in, so it is stable.
 * - It adds Juneteenth only for years after 2020 (same as Pub. L. 117-17) and has no Inauguration Day, so
 *   no exclusion is needed. It has no start years for the other rules (MLK, the Monday holidays), so it
 *   would disagree before 1986; the compared range starts in 2000.
 * - `isAHoliday` is checked for every day with `{ utc: true }` and a UTC-midnight `Date`, which makes it
 *   zone-independent. It matches observed dates only (a Saturday holiday itself is not "a holiday" to it),
 *   which equals our `includeObserved` answer restricted to weekdays: every observed day is a weekday, and
 *   a weekday holiday is its own observed day.
 */
import { allForYear, isAHoliday } from '@18f/us-federal-holidays';
import { describe, expect, it } from 'vitest';
import { addDays, federalHolidays, isFederalHoliday, isWeekend } from '../../src/dates/index.js';

describe('federalHolidays agrees with @18f/us-federal-holidays, 2000–2040', () => {
  it('has the same observed dates and names every year', () => {
    for (let year = 2000; year <= 2040; year += 1) {
      const ours = federalHolidays(year)
        .map((h) => `${h.observed} ${h.name}`)
        .sort();
      const theirs = allForYear(year)
        .map((h) => `${h.dateString} ${h.name}`)
        .sort();
      expect(ours, String(year)).toEqual(theirs);
    }
  });

  it('gives the same isAHoliday answer on every day', () => {
    let holidays = 0;
    for (let date = '2000-01-01'; date <= '2040-12-31'; date = addDays(date, 1)) {
      const ours = isFederalHoliday(date, { includeObserved: true }) && !isWeekend(date);
      const theirs = isAHoliday(new Date(`${date}T00:00:00Z`), { utc: true });
      if (ours !== theirs) expect.fail(`${date}: ours ${ours}, @18f ${theirs}`);
      if (ours) holidays += 1;
    }
    // The holidays of 2000–2040 (41 × 10, plus Juneteenth 2021–2040), less New Year's Day 2000: a Saturday,
    // observed on 1999-12-31, before the range. (New Year's Day 2041 is a Tuesday, so none is gained.)
    expect(holidays).toBe(41 * 10 + 20 - 1);
  });
});
