import { addDays, addMonths, daysBetween, isWeekend, weekdayName } from '../dates/arithmetic.js';
import { federalHolidayOn } from '../dates/holidays.js';
import { rollForward } from '../dates/rollForward.js';
import type { CompiledRuleSet } from '../engine/compile.js';
import { isInEffect } from '../engine/provenance.js';
import { OverturnError } from '../errors.js';
import type { AppealDeadline, AppealLevel, DeadlineInput, Duration } from '../types.js';
import { type DeadlineRules, type DecisionRow, levelsOf, type WindowRow } from './ruleData.js';

/** Days before the deadline from which an open deadline is reported as due soon. */
const DUE_SOON_DAYS = 14;

interface RowResult {
  row: WindowRow;
  deadline: string;
  window: Duration;
  clockStart: AppealDeadline['clockStart'];
  rolledForward: boolean;
  warnings: string[];
}

const plural = (amount: number, unit: string) => `${amount} ${amount === 1 ? unit.replace(/s$/, '') : unit}`;

/** Computes the appeal deadline for a validated input. */
export function computeDeadline(ruleSet: CompiledRuleSet, input: DeadlineInput): AppealDeadline {
  const rules = ruleSet.deadlines;
  const ruleDate = input.noticeDate ?? input.receivedDate;
  const rows = (rules.byPlanType.get(input.planType) ?? []).filter((row) => isInEffect(row, ruleDate));
  const level = input.level ?? rows.find((row) => row.firstLevel)?.level;
  const base = rows.find((row) => row.level === level && !row.state);
  if (!level || !base) {
    throw new OverturnError('INVALID_INPUT', [
      {
        path: ['level'],
        message: `${input.planType} has no ${level ?? ''} level; its levels are ${levelsOf(rules, input.planType).join(', ')}`,
      },
    ]);
  }

  // The federal (or program) rule, then any state rule beside it: the earlier date wins.
  let chosen = computeRow(base, input);
  const notes: string[] = [];
  const stateRows = input.state ? rows.filter((row) => row.level === level && row.state === input.state) : [];
  // ERISA's deemer clause (29 U.S.C. 1144(b)(2)(B)) keeps state insurance law off self-funded plans.
  const selfFunded = input.funding === 'self_funded' && input.planType === 'employer_erisa';
  for (const stateRow of stateRows) {
    if (selfFunded) {
      const result =
        stateRow.clockStart === 'notice_date' && !input.noticeDate ? undefined : computeRow(stateRow, input);
      notes.push(
        `${stateRow.state}'s rule (${stateRow.citation}) governs insured plans; a self-funded ERISA plan uses the federal process (29 U.S.C. 1144(b)(2)(B)) unless it has chosen the state's, which its notice would say${result && result.deadline < chosen.deadline ? `: if it has, file by ${result.deadline}` : ''}.`,
      );
      continue;
    }
    if (stateRow.clockStart === 'notice_date' && !input.noticeDate) {
      notes.push(
        `${stateRow.state}'s rule (${stateRow.citation}) counts from the date on the notice, which was not given; give noticeDate to check whether it ends earlier.`,
      );
      continue;
    }
    const result = computeRow(stateRow, input);
    if (result.deadline < chosen.deadline) {
      notes.push(
        `${stateRow.state}'s rule (${stateRow.citation}) gives ${result.deadline}, earlier than ${chosen.deadline} under ${chosen.row.citation}; the earlier date is shown because which rule governs depends on whether the plan is state-regulated.`,
      );
      chosen = result;
    } else if (result.deadline > chosen.deadline) {
      notes.push(
        `If the plan is state-regulated, ${stateRow.state}'s rule (${stateRow.citation}) allows until ${result.deadline}; the earlier ${chosen.deadline} is shown.`,
      );
    }
  }
  const row = chosen.row;
  const warnings = [...chosen.warnings, ...notes];
  if (row.unknownStateWarning && !stateRows.length && !selfFunded) {
    warnings.push(row.unknownStateWarning.replace('{state}', input.state ?? 'Your state'));
  }

  const decision = decisionFor(rules, input, level, ruleDate, warnings);
  const priorAuthorization = priorAuthorizationDecision(rules, input, warnings);
  const filingDate = input.asOf ?? chosen.clockStart.date;
  for (const threshold of rules.thresholds) {
    if (
      threshold.level === level &&
      threshold.planTypes.includes(input.planType) &&
      isInEffect(threshold, filingDate)
    ) {
      warnings.push(
        `A request filed on ${filingDate} needs at least $${threshold.amountInControversy.toLocaleString('en-US')} in controversy for this level (${threshold.citation}).`,
      );
    }
  }

  const answer: AppealDeadline = {
    deadline: chosen.deadline,
    weekday: weekdayName(chosen.deadline),
    level,
    window: chosen.window,
    clockStart: chosen.clockStart,
    rolledForward: chosen.rolledForward,
    latestPossible: row.latestPossible === true,
    filedWhen: row.filedWhen,
    citation: row.citation,
    sourceUrl: row.sourceUrl,
    ruleStatus: row.status,
    nextLevels: row.nextLevels,
    warnings,
    ruleIds: [
      row.id,
      ...(decision ? [decision.row.id] : []),
      ...(priorAuthorization ? [priorAuthorization.row.id] : []),
    ],
    ruleSet: ruleSet.ref,
  };
  if (decision) answer.decisionDue = decision.value;
  if (priorAuthorization) answer.priorAuthorizationDecision = priorAuthorization.value;
  if (input.asOf) {
    const daysRemaining = daysBetween(input.asOf, chosen.deadline);
    answer.daysRemaining = daysRemaining;
    answer.status = daysRemaining < 0 ? 'passed' : daysRemaining <= DUE_SOON_DAYS ? 'due_soon' : 'open';
  }
  return answer;
}

/** One rule applied: clock start, window, the plan's own window, and roll-forward where the rule says so. */
function computeRow(row: WindowRow, input: DeadlineInput): RowResult {
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
    const observed = rollForward(deadline, { ...rule, includeObservedHolidays: true });
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
  return { row, deadline, window, clockStart, rolledForward, warnings };
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

function windowEnd(row: WindowRow, start: string, window: Duration, warnings: string[]): string {
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

const hours = (row: DecisionRow) => (row.unit === 'hours' ? row.amount : row.amount * 24);

function decisionFor(
  rules: DeadlineRules,
  input: DeadlineInput,
  level: AppealLevel,
  date: string | undefined,
  warnings: string[],
): { row: DecisionRow; value: NonNullable<AppealDeadline['decisionDue']> } | undefined {
  const rows = rules.decisions.filter(
    (row) =>
      row.stage === 'appeal' &&
      row.level === level &&
      row.planTypes.includes(input.planType) &&
      isInEffect(row, date),
  );
  const pick = pickDecision(rows, input, warnings);
  return pick && { row: pick, value: { amount: pick.amount, unit: pick.unit, citation: pick.citation } };
}

function priorAuthorizationDecision(
  rules: DeadlineRules,
  input: DeadlineInput,
  warnings: string[],
): { row: DecisionRow; value: NonNullable<AppealDeadline['priorAuthorizationDecision']> } | undefined {
  if (input.serviceTiming !== 'pre_service') return undefined;
  const date = input.asOf ?? input.noticeDate ?? input.receivedDate;
  const rows = rules.decisions.filter(
    (row) =>
      row.stage === 'prior_authorization' && row.planTypes.includes(input.planType) && isInEffect(row, date),
  );
  const pick = pickDecision(rows, input, warnings);
  return pick && { row: pick, value: { amount: pick.amount, unit: pick.unit, citation: pick.citation } };
}

function pickDecision(
  rows: DecisionRow[],
  input: DeadlineInput,
  warnings: string[],
): DecisionRow | undefined {
  let pick: DecisionRow | undefined;
  if (input.urgent) pick = rows.find((row) => row.when === 'urgent');
  if (!pick && input.serviceTiming) pick = rows.find((row) => row.when === input.serviceTiming);
  if (!pick) {
    const timed = rows.filter((row) => row.when === 'pre_service' || row.when === 'post_service');
    if (timed.length > 1 && !input.serviceTiming) {
      pick = timed.reduce((shortest, row) => (hours(row) < hours(shortest) ? row : shortest));
      warnings.push(
        `Whether the denied care is still to come or was already given is not known; the shorter decision time (${plural(pick.amount, pick.unit)}) is shown. Give serviceTiming for the exact one.`,
      );
    }
  }
  pick ??= rows.find((row) => row.when === 'any') ?? rows.find((row) => row.when === 'pre_service');
  if (pick?.warning) warnings.push(pick.warning);
  return pick;
}
