import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  dayOfWeek,
  daysBetween,
  formatIsoDate,
  fromDayNumber,
  isFederalHoliday,
  isIsoDate,
  isWeekend,
  parseIsoDate,
  rollForward,
  toDayNumber,
} from '../../src/dates/index.js';

const FIRST = toDayNumber('1900-01-01');
const LAST = toDayNumber('2199-12-31');

/** Any supported day number, and the date it stands for. */
const dayNumber = fc.integer({ min: FIRST, max: LAST });
const isoDate = dayNumber.map(fromDayNumber);
/** A date and an offset that keeps `addDays` inside 1900–2199. */
const dateAndOffset = fc.tuple(dayNumber, dayNumber).map(([a, b]) => ({ date: fromDayNumber(a), n: b - a }));

describe('properties', () => {
  it('addDays(addDays(d, n), -n) === d', () => {
    fc.assert(fc.property(dateAndOffset, ({ date, n }) => addDays(addDays(date, n), -n) === date));
  });

  it('daysBetween(d, addDays(d, n)) === n', () => {
    fc.assert(fc.property(dateAndOffset, ({ date, n }) => daysBetween(date, addDays(date, n)) === n));
  });

  it('fromDayNumber(toDayNumber(d)) === d, and the reverse', () => {
    fc.assert(fc.property(isoDate, (date) => fromDayNumber(toDayNumber(date)) === date));
    fc.assert(fc.property(dayNumber, (n) => toDayNumber(fromDayNumber(n)) === n));
  });

  it('agrees with Date.UTC, an independent zone-free oracle (used here only, never in src)', () => {
    fc.assert(
      fc.property(isoDate, (date) => {
        const { year, month, day } = parseIsoDate(date) ?? { year: 0, month: 0, day: 0 };
        const utc = Date.UTC(year, month - 1, day);
        return toDayNumber(date) === utc / 86_400_000 && dayOfWeek(date) === new Date(utc).getUTCDay();
      }),
    );
  });

  it('accepts exactly the padded strings of real dates in 1900–2199', () => {
    const parts = fc.record({
      year: fc.integer({ min: 1890, max: 2210 }),
      month: fc.integer({ min: 0, max: 13 }),
      day: fc.integer({ min: 0, max: 32 }),
    });
    fc.assert(
      fc.property(parts, ({ year, month, day }) => {
        const text = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        const utc = new Date(Date.UTC(year, month - 1, day));
        const real = month >= 1 && month <= 12 && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day;
        return isIsoDate(text) === (real && year >= 1900 && year <= 2199);
      }),
    );
  });

  it('round-trips every string it accepts, and never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), isoDate), (s) => {
        const parts = parseIsoDate(s);
        return parts === undefined || formatIsoDate(parts) === s;
      }),
    );
  });

  it("addMonths(d, n, 'last_of_month') <= addMonths(d, n, 'first_of_next_month'), one day apart at most", () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -1200, max: 1200 }), (date, n) => {
        const year = Number(date.slice(0, 4)) + Math.floor((Number(date.slice(5, 7)) - 1 + n) / 12);
        fc.pre(year >= 1900 && year <= 2199);
        const last = addMonths(date, n, 'last_of_month');
        const first = addMonths(date, n, 'first_of_next_month');
        const gap = daysBetween(last, first);
        // Equal when the day exists; otherwise the last of the month (28th–30th) and the 1st after it.
        expect(last <= first).toBe(true);
        expect(gap === 0 || gap === 1).toBe(true);
        expect(gap === 0).toBe(last.slice(8) === date.slice(8));
      }),
    );
  });

  it('rollForward never goes backwards, and lands on a day the rule does not skip', () => {
    const rule = fc.record({
      weekends: fc.boolean(),
      federalHolidays: fc.boolean(),
      includeObservedHolidays: fc.boolean(),
    });
    // Stop a week before the end so the roll cannot leave the supported range.
    const date = fc.integer({ min: FIRST, max: LAST - 7 }).map(fromDayNumber);
    fc.assert(
      fc.property(date, rule, (start, r) => {
        const result = rollForward(start, r);
        expect(result.date >= start).toBe(true);
        expect(result.rolled).toBe(result.date !== start);
        expect(result.skipped.map((s) => s.date)).toEqual(
          Array.from({ length: daysBetween(start, result.date) }, (_, i) => addDays(start, i)),
        );
        if (r.weekends) expect(isWeekend(result.date)).toBe(false);
        if (r.federalHolidays) {
          expect(isFederalHoliday(result.date, { includeObserved: r.includeObservedHolidays })).toBe(false);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
