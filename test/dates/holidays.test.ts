import { describe, expect, it } from 'vitest';
import {
  dayOfWeek,
  daysBetween,
  federalHolidayOn,
  federalHolidays,
  isFederalHoliday,
  isWeekend,
} from '../../src/dates/index.js';

const dates = (year: number) => Object.fromEntries(federalHolidays(year).map((h) => [h.name, h.date]));
const observed = (year: number) => Object.fromEntries(federalHolidays(year).map((h) => [h.name, h.observed]));

describe('federalHolidays: every holiday of 2026 and 2027, worked out by hand', () => {
  it('2026', () => {
    expect(federalHolidays(2026)).toEqual([
      { date: '2026-01-01', name: "New Year's Day", observed: '2026-01-01' },
      { date: '2026-01-19', name: 'Birthday of Martin Luther King, Jr.', observed: '2026-01-19' },
      { date: '2026-02-16', name: "Washington's Birthday", observed: '2026-02-16' },
      { date: '2026-05-25', name: 'Memorial Day', observed: '2026-05-25' },
      { date: '2026-06-19', name: 'Juneteenth National Independence Day', observed: '2026-06-19' },
      { date: '2026-07-04', name: 'Independence Day', observed: '2026-07-03' }, // Saturday → Friday
      { date: '2026-09-07', name: 'Labor Day', observed: '2026-09-07' },
      { date: '2026-10-12', name: 'Columbus Day', observed: '2026-10-12' },
      { date: '2026-11-11', name: 'Veterans Day', observed: '2026-11-11' },
      { date: '2026-11-26', name: 'Thanksgiving Day', observed: '2026-11-26' },
      { date: '2026-12-25', name: 'Christmas Day', observed: '2026-12-25' },
    ]);
  });

  it('2027', () => {
    expect(federalHolidays(2027)).toEqual([
      { date: '2027-01-01', name: "New Year's Day", observed: '2027-01-01' },
      { date: '2027-01-18', name: 'Birthday of Martin Luther King, Jr.', observed: '2027-01-18' },
      { date: '2027-02-15', name: "Washington's Birthday", observed: '2027-02-15' },
      { date: '2027-05-31', name: 'Memorial Day', observed: '2027-05-31' },
      { date: '2027-06-19', name: 'Juneteenth National Independence Day', observed: '2027-06-18' }, // Sat → Fri
      { date: '2027-07-04', name: 'Independence Day', observed: '2027-07-05' }, // Sunday → Monday
      { date: '2027-09-06', name: 'Labor Day', observed: '2027-09-06' },
      { date: '2027-10-11', name: 'Columbus Day', observed: '2027-10-11' },
      { date: '2027-11-11', name: 'Veterans Day', observed: '2027-11-11' },
      { date: '2027-11-25', name: 'Thanksgiving Day', observed: '2027-11-25' },
      { date: '2027-12-25', name: 'Christmas Day', observed: '2027-12-24' }, // Saturday → Friday
    ]);
  });
});

describe('observed dates (5 U.S.C. 6103(b), Executive Order 11582)', () => {
  it('moves a Saturday holiday to the Friday before', () => {
    expect(observed(2026)['Independence Day']).toBe('2026-07-03');
    expect(observed(2027)['Christmas Day']).toBe('2027-12-24');
  });

  it('moves a Sunday holiday to the Monday after', () => {
    expect(observed(2027)['Independence Day']).toBe('2027-07-05');
    expect(observed(2022)['Christmas Day']).toBe('2022-12-26');
    expect(observed(2023)["New Year's Day"]).toBe('2023-01-02');
  });

  it("keeps New Year's Day 2022 (a Saturday) in 2022's list although it was observed on 2021-12-31", () => {
    expect(federalHolidays(2022)[0]).toEqual({
      date: '2022-01-01',
      name: "New Year's Day",
      observed: '2021-12-31',
    });
    expect(federalHolidays(2021).some((h) => h.date === '2021-12-31')).toBe(false);
    expect(isFederalHoliday('2021-12-31')).toBe(false);
    expect(isFederalHoliday('2021-12-31', { includeObserved: true })).toBe(true);
    expect(federalHolidayOn('2021-12-31', { includeObserved: true })).toEqual({
      date: '2022-01-01',
      name: "New Year's Day",
      observed: '2021-12-31',
    });
  });

  it('matches legal dates by default and observed dates only when asked', () => {
    expect(isFederalHoliday('2026-07-04')).toBe(true);
    expect(isFederalHoliday('2026-07-04', { includeObserved: true })).toBe(true);
    expect(isFederalHoliday('2026-07-03')).toBe(false);
    expect(isFederalHoliday('2026-07-03', { includeObserved: true })).toBe(true);
    expect(isFederalHoliday('2026-07-06', { includeObserved: true })).toBe(false);
    expect(isFederalHoliday('2027-07-05')).toBe(false);
    expect(isFederalHoliday('2027-07-05', { includeObserved: true })).toBe(true);
    expect(isFederalHoliday('2026-03-10', { includeObserved: true })).toBe(false);
    expect(federalHolidayOn('2026-09-07')?.name).toBe('Labor Day');
    expect(federalHolidayOn('2026-07-03')).toBeUndefined();
    expect(federalHolidayOn('2026-07-03', { includeObserved: true })).toEqual({
      date: '2026-07-04',
      name: 'Independence Day',
      observed: '2026-07-03',
    });
    expect(federalHolidayOn('2026-03-10')).toBeUndefined();
  });

  it('works at the ends of the supported range', () => {
    expect(federalHolidayOn('1900-01-01')?.name).toBe("New Year's Day");
    expect(isFederalHoliday('2199-12-31', { includeObserved: true })).toBe(false);
    expect(isFederalHoliday('2199-12-25')).toBe(true);
  });
});

describe('historic rules: each holiday from the year it took effect', () => {
  it('Juneteenth from 2021 (Pub. L. 117-17)', () => {
    expect(dates(2020)['Juneteenth National Independence Day']).toBeUndefined();
    expect(isFederalHoliday('2020-06-19')).toBe(false);
    expect(federalHolidays(2021).find((h) => h.name === 'Juneteenth National Independence Day')).toEqual({
      date: '2021-06-19',
      name: 'Juneteenth National Independence Day',
      observed: '2021-06-18',
    });
  });

  it('Birthday of Martin Luther King, Jr. from 1986', () => {
    expect(dates(1985)['Birthday of Martin Luther King, Jr.']).toBeUndefined();
    expect(dates(1986)['Birthday of Martin Luther King, Jr.']).toBe('1986-01-20');
  });

  it("Washington's Birthday and Memorial Day: fixed dates before 1971, Mondays from 1971", () => {
    expect(dates(1970)["Washington's Birthday"]).toBe('1970-02-22'); // not the Monday, Feb 16
    expect(observed(1970)["Washington's Birthday"]).toBe('1970-02-23'); // Feb 22, 1970 was a Sunday
    expect(dates(1971)["Washington's Birthday"]).toBe('1971-02-15');
    expect(dates(1970)['Memorial Day']).toBe('1970-05-30');
    expect(dates(1971)['Memorial Day']).toBe('1971-05-31');
  });

  it('Columbus Day from 1971', () => {
    expect(dates(1970)['Columbus Day']).toBeUndefined();
    expect(dates(1971)['Columbus Day']).toBe('1971-10-11');
  });

  it('Veterans Day: November 11 from 1938, fourth Monday in October 1971–1977, November 11 from 1978', () => {
    expect(dates(1937)['Veterans Day']).toBeUndefined();
    expect(dates(1938)['Veterans Day']).toBe('1938-11-11');
    expect(dates(1970)['Veterans Day']).toBe('1970-11-11');
    expect(dates(1971)['Veterans Day']).toBe('1971-10-25');
    expect(dates(1975)['Veterans Day']).toBe('1975-10-27');
    expect(dates(1977)['Veterans Day']).toBe('1977-10-24');
    expect(dates(1978)['Veterans Day']).toBe('1978-11-11');
  });

  it('Thanksgiving: last Thursday by proclamation, the 1939–1941 Roosevelt dates, fourth Thursday from 1942', () => {
    expect(dates(1934)['Thanksgiving Day']).toBe('1934-11-29'); // five Thursdays: the last, not the fourth
    expect(dates(1939)['Thanksgiving Day']).toBe('1939-11-23');
    expect(dates(1940)['Thanksgiving Day']).toBe('1940-11-21');
    expect(dates(1941)['Thanksgiving Day']).toBe('1941-11-20');
    expect(dates(1942)['Thanksgiving Day']).toBe('1942-11-26');
  });

  it('never includes Inauguration Day (6103(c): DC-area federal employees only)', () => {
    expect(isFederalHoliday('2021-01-20', { includeObserved: true })).toBe(false);
    expect(isFederalHoliday('2029-01-22', { includeObserved: true })).toBe(false); // Jan 20, 2029 is a Saturday
    for (let year = 1900; year <= 2199; year += 1) {
      expect(federalHolidays(year).map((h) => h.name)).not.toContain('Inauguration Day');
    }
  });

  it('has 7, 8, 9, 10 or 11 holidays depending on the era', () => {
    const count = (year: number) => federalHolidays(year).length;
    expect([1900, 1937].map(count)).toEqual([7, 7]);
    expect([1938, 1970].map(count)).toEqual([8, 8]);
    expect([1971, 1985].map(count)).toEqual([9, 9]);
    expect([1986, 2020].map(count)).toEqual([10, 10]);
    expect([2021, 2199].map(count)).toEqual([11, 11]);
  });
});

describe('invariants for every year 1900–2199', () => {
  it('lists holidays in date order, in their year, observed on a weekday at most one day away', () => {
    for (let year = 1900; year <= 2199; year += 1) {
      const list = federalHolidays(year);
      for (const [i, h] of list.entries()) {
        expect(h.date.startsWith(`${year}-`)).toBe(true);
        if (i > 0) expect(h.date > (list[i - 1]?.date ?? '')).toBe(true);
        expect(isWeekend(h.observed)).toBe(false);
        const shift = daysBetween(h.date, h.observed);
        expect(shift).toBe(dayOfWeek(h.date) === 6 ? -1 : dayOfWeek(h.date) === 0 ? 1 : 0);
        expect(federalHolidayOn(h.date)).toEqual(h);
        expect(federalHolidayOn(h.observed, { includeObserved: true })).toEqual(h);
      }
    }
  });
});

describe('federalHolidays: argument checks and isolation', () => {
  it('rejects years outside 1900–2199 and non-integers', () => {
    expect(() => federalHolidays(1899)).toThrow(RangeError);
    expect(() => federalHolidays(2200)).toThrow(RangeError);
    expect(() => federalHolidays(2026.5)).toThrow(RangeError);
    expect(() => isFederalHoliday('2026-02-30')).toThrow(RangeError);
  });

  it('returns fresh objects, so mutating a result cannot change the next one', () => {
    const first = federalHolidays(2026);
    first.pop();
    (first[0] as { date: string }).date = '1999-01-01';
    expect(federalHolidays(2026)).toHaveLength(11);
    expect(federalHolidays(2026)[0]?.date).toBe('2026-01-01');
  });
});
