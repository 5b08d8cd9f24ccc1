import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIsoDate, fromDayNumber, isIsoDate, parseIsoDate, toDayNumber } from '../../src/dates/index.js';

describe('parseIsoDate / isIsoDate', () => {
  it('parses real dates into parts', () => {
    expect(parseIsoDate('2026-01-05')).toEqual({ year: 2026, month: 1, day: 5 });
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseIsoDate('2000-02-29')).toEqual({ year: 2000, month: 2, day: 29 });
    expect(parseIsoDate('1900-01-01')).toEqual({ year: 1900, month: 1, day: 1 });
    expect(parseIsoDate('2199-12-31')).toEqual({ year: 2199, month: 12, day: 31 });
  });

  it.each([
    ['2026-02-30', 'February 30'],
    ['2025-02-29', '2025 is not a leap year'],
    ['2100-02-29', '2100 is not a leap year (century not divisible by 400)'],
    ['1900-02-29', '1900 is not a leap year'],
    ['2026-04-31', 'April has 30 days'],
    ['2026-13-01', 'month 13'],
    ['2026-00-10', 'month 0'],
    ['2026-01-00', 'day 0'],
    ['2026-01-32', 'day 32'],
    ['01/15/2026', 'US format'],
    ['2026-1-5', 'unpadded'],
    [' 2026-01-05', 'leading space'],
    ['2026-01-05 ', 'trailing space'],
    ['2026-01-05\n', 'trailing newline'],
    ['2026-01-05T00:00:00Z', 'timestamp'],
    ['+02026-01-05', 'expanded year'],
    ['20260105', 'basic format'],
    ['\uff12\uff10\uff12\uff16-01-05', 'full-width digits'],
    ['1899-12-31', 'before 1900'],
    ['2200-01-01', 'after 2199'],
    ['', 'empty'],
  ])('rejects %j (%s)', (input) => {
    expect(parseIsoDate(input)).toBeUndefined();
    expect(isIsoDate(input)).toBe(false);
  });

  it.each([[20260105], [null], [undefined], [{}], [['2026-01-05']], [true]])(
    'rejects the non-string %j without throwing',
    (input) => {
      expect(parseIsoDate(input)).toBeUndefined();
      expect(isIsoDate(input)).toBe(false);
    },
  );

  it('accepts what it parses', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
  });
});

describe('toDayNumber / fromDayNumber', () => {
  it('counts days from 1970-01-01', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(toDayNumber('1969-12-31')).toBe(-1);
    expect(toDayNumber('1970-01-02')).toBe(1);
    // 30 years of 365 days plus 7 leap days (1972 … 1996).
    expect(toDayNumber('2000-01-01')).toBe(10957);
    expect(toDayNumber('2000-03-01')).toBe(10957 + 31 + 29);
    expect(toDayNumber('2026-01-02')).toBe(20455);
    expect(toDayNumber('1900-01-01')).toBe(-25567);
    expect(toDayNumber('2199-12-31')).toBe(84005);
  });

  it('converts back, zero-padded', () => {
    expect(fromDayNumber(0)).toBe('1970-01-01');
    expect(fromDayNumber(-1)).toBe('1969-12-31');
    expect(fromDayNumber(20455)).toBe('2026-01-02');
    expect(fromDayNumber(-25567)).toBe('1900-01-01');
    expect(fromDayNumber(84005)).toBe('2199-12-31');
    expect(fromDayNumber(10957 + 31 + 28)).toBe('2000-02-29');
  });

  it('throws a RangeError naming the bad date', () => {
    expect(() => toDayNumber('2026-02-30')).toThrow(RangeError);
    expect(() => toDayNumber('2026-02-30')).toThrow('"2026-02-30"');
    expect(() => toDayNumber(undefined as unknown as string)).toThrow(RangeError);
    expect(() => toDayNumber('x'.repeat(100_000))).toThrow(/^Invalid date "x{40}…"/);
  });

  it('accepts exactly the strings parseIsoDate accepts (it reads digits by hand, parseIsoDate by pattern)', () => {
    const digit = fc.constantFrom(...'0123456789', ...'0123456789', 'x', ' ', ':', '/', '٣');
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
    // Mostly real-looking dates (years near the 1900–2199 range, months to 13, days to 32), some broken.
    const nearDate = fc
      .tuple(
        fc.constantFrom('18', '19', '20', '21', '22', '2x', '2:', '1/'),
        two(99),
        fc.oneof(two(13), fc.constantFrom('0:', ':1', '1 ', '٠١')),
        fc.oneof(two(32), fc.constantFrom('1:', ':0', '0x')),
        fc.constantFrom('-', '-', '-', '/', '--'),
      )
      .map(([century, year, month, day, dash]) => `${century}${year}${dash}${month}-${day}`);
    const noisy = fc.array(digit, { minLength: 8, maxLength: 11 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(fc.oneof(nearDate, noisy, fc.string({ maxLength: 12 })), (text) => {
        const parts = parseIsoDate(text);
        if (parts === undefined) expect(() => toDayNumber(text)).toThrow(RangeError);
        else expect(fromDayNumber(toDayNumber(text))).toBe(text);
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses day numbers outside 1900–2199 or not integers', () => {
    expect(() => fromDayNumber(-25568)).toThrow(RangeError);
    expect(() => fromDayNumber(84006)).toThrow(RangeError);
    expect(() => fromDayNumber(1.5)).toThrow(RangeError);
    expect(() => fromDayNumber(Number.NaN)).toThrow(RangeError);
    expect(() => fromDayNumber(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('formatIsoDate', () => {
  it('zero-pads month and day', () => {
    expect(formatIsoDate({ year: 2026, month: 1, day: 5 })).toBe('2026-01-05');
    expect(formatIsoDate({ year: 2027, month: 12, day: 31 })).toBe('2027-12-31');
  });

  it('refuses parts that are not a real date in range', () => {
    expect(() => formatIsoDate({ year: 2026, month: 2, day: 30 })).toThrow(RangeError);
    expect(() => formatIsoDate({ year: 2026, month: 13, day: 1 })).toThrow(RangeError);
    expect(() => formatIsoDate({ year: 2026, month: 1, day: 1.5 })).toThrow(RangeError);
    expect(() => formatIsoDate({ year: 99, month: 1, day: 1 })).toThrow(RangeError);
    expect(() => formatIsoDate({ year: 2200, month: 1, day: 1 })).toThrow(RangeError);
  });
});
