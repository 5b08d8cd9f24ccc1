import { describe, expect, it } from 'vitest';
import { addMonths, type RollForwardRule, rollForward } from '../../src/dates/index.js';

const BOTH: RollForwardRule = { weekends: true, federalHolidays: true };
const WITH_OBSERVED: RollForwardRule = { ...BOTH, includeObservedHolidays: true };

describe('rollForward', () => {
  it('rolls a Saturday over the weekend and a Monday holiday to Tuesday', () => {
    expect(rollForward('2026-09-05', BOTH)).toEqual({
      date: '2026-09-08',
      rolled: true,
      skipped: [
        { date: '2026-09-05', reason: 'Saturday' },
        { date: '2026-09-06', reason: 'Sunday' },
        { date: '2026-09-07', reason: 'Labor Day' },
      ],
    });
    expect(rollForward('2026-09-06', BOTH).date).toBe('2026-09-08');
    expect(rollForward('2026-09-07', BOTH).date).toBe('2026-09-08');
  });

  it('leaves a working day alone', () => {
    expect(rollForward('2026-05-07', BOTH)).toEqual({ date: '2026-05-07', rolled: false, skipped: [] });
    // The day after Thanksgiving is not a legal public holiday.
    expect(rollForward('2026-11-26', BOTH).date).toBe('2026-11-27');
  });

  it('skips only what the rule names', () => {
    expect(rollForward('2026-09-05', { weekends: true, federalHolidays: false }).date).toBe('2026-09-07');
    expect(rollForward('2026-09-05', { weekends: false, federalHolidays: true })).toEqual({
      date: '2026-09-05',
      rolled: false,
      skipped: [],
    });
    expect(rollForward('2026-09-07', { weekends: false, federalHolidays: true }).date).toBe('2026-09-08');
    // Independence Day 2026 is a Saturday: skipped as a holiday, but the Sunday after is not skipped.
    expect(rollForward('2026-07-04', { weekends: false, federalHolidays: true }).date).toBe('2026-07-05');
    expect(rollForward('2026-09-05', { weekends: false, federalHolidays: false }).rolled).toBe(false);
  });

  it('names the holiday, not the weekday, when a holiday falls on a weekend', () => {
    expect(rollForward('2022-12-25', BOTH).skipped).toEqual([
      { date: '2022-12-25', reason: 'Christmas Day' },
    ]);
  });

  it('does not skip observed Fridays/Mondays unless asked', () => {
    expect(rollForward('2026-07-03', BOTH)).toEqual({ date: '2026-07-03', rolled: false, skipped: [] });
    expect(rollForward('2026-07-03', WITH_OBSERVED)).toEqual({
      date: '2026-07-06',
      rolled: true,
      skipped: [
        { date: '2026-07-03', reason: 'Independence Day (observed)' },
        { date: '2026-07-04', reason: 'Independence Day' },
        { date: '2026-07-05', reason: 'Sunday' },
      ],
    });

    expect(rollForward('2027-12-24', BOTH).date).toBe('2027-12-24');
    expect(rollForward('2027-12-24', WITH_OBSERVED).date).toBe('2027-12-27');

    // Christmas 2022 is a Sunday, observed Monday the 26th.
    expect(rollForward('2022-12-25', BOTH).date).toBe('2022-12-26');
    expect(rollForward('2022-12-25', WITH_OBSERVED).date).toBe('2022-12-27');

    // includeObservedHolidays means nothing unless holidays are rolled at all.
    expect(
      rollForward('2026-07-03', { weekends: true, federalHolidays: false, includeObservedHolidays: true })
        .date,
    ).toBe('2026-07-03');
  });

  it("crosses into the next year for New Year's Day observed on December 31", () => {
    expect(rollForward('2021-12-31', BOTH).date).toBe('2021-12-31');
    expect(rollForward('2021-12-31', WITH_OBSERVED)).toEqual({
      date: '2022-01-03',
      rolled: true,
      skipped: [
        { date: '2021-12-31', reason: "New Year's Day (observed)" },
        { date: '2022-01-01', reason: "New Year's Day" },
        { date: '2022-01-02', reason: 'Sunday' },
      ],
    });
  });

  it('finishes the 147.136(d)(2)(i) computation: received Oct 30, 2025 → Mar 1, 2026 (a Sunday) → Mar 2', () => {
    const last = addMonths('2025-10-30', 4, 'first_of_next_month');
    expect(last).toBe('2026-03-01');
    expect(rollForward(last, BOTH)).toEqual({
      date: '2026-03-02',
      rolled: true,
      skipped: [{ date: '2026-03-01', reason: 'Sunday' }],
    });
  });

  it('moves the §10 demo-data date (Saturday 2027-03-13) to Monday when a rule allows rolling', () => {
    expect(rollForward('2027-03-13', BOTH).date).toBe('2027-03-15');
  });

  it('rejects an invalid date', () => {
    expect(() => rollForward('2026-02-30', BOTH)).toThrow(RangeError);
  });
});
