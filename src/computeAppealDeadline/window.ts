import { addDays, addMonths, isWeekend, weekdayName } from '../dates/arithmetic.js';
import { federalHolidayOn } from '../dates/holidays.js';
import { rollForward } from '../dates/rollForward.js';
import { OverturnError } from '../errors.js';
import type { AppealDeadline, DeadlineInput, Duration } from '../types.js';
import type { WindowRow } from './ruleData.js';

/** One window rule applied to an input. */
export interface RowResult {
  row: WindowRow;
  deadline: string;
  window: Duration;
  clockStart: AppealDeadline['clockStart'];
  rolledForward: boolean;
  warnings: string[];
  /** The rows behind the date: the row itself, and the state row it stands in for when it is a fallback. */
  ruleIds: string[];
}

/** `1 day`, `5 days`. */
export const plural = (amount: number, unit: string) =>
  `${amount} ${amount === 1 ? unit.replace(/s$/, '') : unit}`;

/** One rule applied: clock start, window, the plan's own window, and roll-forward where the rule says so. */
export function computeRow(row: WindowRow, input: DeadlineInput): RowResult {
  const warnings: string[] = [];
  if (row.warning) warnings.push(row.warning);
  const clockStart = startOf(row, input, warnings);
  const ruleEnd = windowEnd(row, clockStart.date, row.window, warnings);
  let deadline = ruleEnd;
  let window: Duration = row.window;

  if (input.planWindow && row.planWindow === 'not_applicable') {
    warnings.push(
      `The plan's own window is not used: the law sets the window for this coverage (${row.citation}).`,
    );
  } else if (input.planWindow) {
    const planEnd = windowEnd(row, clockStart.date, input.planWindow, []);
    const stated = plural(input.planWindow.amount, input.planWindow.unit);
    const legal = plural(row.window.amount, row.window.unit);
    if (planEnd < ruleEnd) {
      deadline = planEnd;
      window = input.planWindow;
      warnings.push(
        row.planWindow === 'minimum'
          ? `The plan's stated window (${stated}) is shorter than the legal minimum of ${legal} (${row.citation}). The plan's earlier date is shown: file by it, and point out the shorter window in your appeal.`
          : `The plan's stated window (${stated}) ends before the rule's ${legal} (${row.citation}); the earlier date is shown.`,
      );
    } else if (planEnd > ruleEnd && row.planWindow === 'minimum') {
      deadline = planEnd;
      window = input.planWindow;
      warnings.push(
        `The plan allows ${stated}, more than the legal minimum of ${legal} (${row.citation}); the plan's date is shown.`,
      );
    } else if (planEnd > ruleEnd) {
      warnings.push(
        `The plan states ${stated}, but the rule gives ${legal}, which ends first (${row.citation}); the earlier date is shown.`,
      );
    }
  }

  let rolledForward = false;
  if (row.rollForward.weekends || row.rollForward.federalHolidays) {
    const rule = { weekends: row.rollForward.weekends, federalHolidays: row.rollForward.federalHolidays };
    const rolled = rollForward(deadline, rule);
    if (rolled.rolled) {
      rolledForward = true;
      const skipped = rolled.skipped.map(
        (day) =>
          `${day.date} is ${day.reason === 'Saturday' || day.reason === 'Sunday' ? `a ${day.reason}` : day.reason}`,
      );
      warnings.push(
        `${skipped.join(' and ')}: the rule moves the last day to ${weekdayName(rolled.date)} ${rolled.date} (${row.citation}).`,
      );
    }
    // Written out, not spread from `rule`: this runs for every row a deadline computes.
    const observed = rollForward(deadline, {
      weekends: rule.weekends,
      federalHolidays: rule.federalHolidays,
      includeObservedHolidays: true,
    });
    if (observed.date !== rolled.date) {
      warnings.push(
        `${rolled.date} is an observed federal holiday; whether "Federal holiday" includes observed days is unconfirmed, so it does not extend the deadline here.`,
      );
    }
    deadline = rolled.date;
  } else {
    const holiday = federalHolidayOn(deadline);
    if (isWeekend(deadline) || holiday) {
      const what = holiday ? `${holiday.name}, a federal holiday` : `a ${weekdayName(deadline)}`;
      warnings.push(
        `${deadline} is ${what}, and the rule does not move the deadline to the next business day (${row.citation}): file by ${lastBusinessDayBefore(deadline)} or earlier.${row.weekendWarning ? ` ${row.weekendWarning}` : ''}`,
      );
    }
  }
  if (row.filedWhen === 'received')
    warnings.push('The request must be received by this date; mailing it by then is not enough.');
  return { row, deadline, window, clockStart, rolledForward, warnings, ruleIds: [row.id] };
}

function startOf(row: WindowRow, input: DeadlineInput, warnings: string[]): AppealDeadline['clockStart'] {
  if (row.clockStart === 'notice_date') {
    if (!input.noticeDate) {
      throw new OverturnError('INVALID_INPUT', [
        {
          path: ['noticeDate'],
          message: `this deadline runs from the date printed on the notice (${row.citation}); give noticeDate (the receipt date would give a later, unsafe date)`,
        },
      ]);
    }
    return { event: 'notice_date', date: input.noticeDate, presumed: false };
  }
  if (input.receivedDate) return { event: 'receipt', date: input.receivedDate, presumed: false };
  const notice = input.noticeDate as string;
  if (row.presumedReceiptDays !== undefined) {
    const date = addDays(notice, row.presumedReceiptDays);
    warnings.push(
      `Receipt is presumed ${row.presumedReceiptDays} days after the notice date, on ${date} (${row.citation}); if you can show it arrived later, give receivedDate.`,
    );
    return { event: 'receipt', date, presumed: true };
  }
  warnings.push(
    `The window counts from when you received the notice (${row.citation}); only the notice date is known, so it is used, the earliest the clock can start. If the notice arrived later, give receivedDate.`,
  );
  return { event: 'notice_date', date: notice, presumed: false };
}

/** The last day of a window from `start`, with the row's fallback for a missing day (noted in `warnings`). */
export function windowEnd(row: WindowRow, start: string, window: Duration, warnings: string[]): string {
  if (window.unit === 'days') return addDays(start, window.amount);
  const fallback = row.onMissingDay ?? 'last_of_month';
  const end = addMonths(start, window.amount, fallback);
  if (end.slice(8) !== start.slice(8)) {
    const target = `${end.slice(0, 7)}-${start.slice(8)}`;
    warnings.push(
      fallback === 'first_of_next_month'
        ? `${window.amount} months after ${start} has no matching day; the rule's own fallback is the first day of the next month, ${end}.`
        : `${window.amount} months after ${start} has no matching day (${target} does not exist); the last day of that month, ${end}, is used, the earlier of the possible readings.`,
    );
  }
  return end;
}

function lastBusinessDayBefore(date: string): string {
  let day = addDays(date, -1);
  while (isWeekend(day) || federalHolidayOn(day)) day = addDays(day, -1);
  return `${weekdayName(day)} ${day}`;
}
