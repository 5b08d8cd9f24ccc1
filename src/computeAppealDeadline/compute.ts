import { daysBetween, weekdayName } from '../dates/arithmetic.js';
import type { RuleSetWith } from '../engine/compile.js';
import { isInEffect } from '../engine/provenance.js';
import { OverturnError } from '../errors.js';
import type { AppealDeadline, AppealLevel, DeadlineInput } from '../types.js';
import { careStepsFor } from './careSteps.js';
import { type DeadlineRules, type DecisionRow, levelsOf } from './ruleData.js';
import { stateDecision, withStateLaw } from './stateLaw.js';
import { computeRow, plural, type RowResult, windowEnd } from './window.js';

/** Days before the deadline from which an open deadline is reported as due soon. */
const DUE_SOON_DAYS = 14;

/** Computes the appeal deadline for a validated input. */
export function computeDeadline(
  ruleSet: RuleSetWith<'deadlines' | 'states'>,
  input: DeadlineInput,
): AppealDeadline {
  const rules = ruleSet.deadlines;
  const ruleDate = input.noticeDate ?? input.receivedDate;
  const rows = (rules.byPlanType.get(input.planType) ?? []).filter((row) => isInEffect(row, ruleDate));
  const level = input.level ?? rows.find((row) => row.firstLevel)?.level;
  const urgent = input.urgent === true;
  const base = rows.find((row) => row.level === level && (row.urgent === undefined || row.urgent === urgent));
  if (!level || !base) {
    throw new OverturnError('INVALID_INPUT', [
      {
        path: ['level'],
        message: `${input.planType} has no ${level ?? ''} level; its levels are ${levelsOf(rules, input.planType).join(', ')}`,
      },
    ]);
  }

  // The federal (or program) rule, and the state's where state law governs this level.
  // Computed only when needed: a state's rule that governs may count from a date the federal one does not.
  let federalResult: RowResult | undefined;
  const federal = () => {
    federalResult ??= computeRow(base, input);
    return federalResult;
  };
  const { chosen, notes, earliestPossible } = base.stateLaw
    ? withStateLaw(ruleSet, base, federal, input, ruleDate)
    : { chosen: federal(), notes: [], earliestPossible: false };
  const row = chosen.row;
  const warnings = [...chosen.warnings, ...notes];
  if (urgent && row.expeditedWindow) {
    // A state that sets a shorter time to ask for its expedited review: the standard deadline stays open.
    const by = windowEnd(row, chosen.clockStart.date, row.expeditedWindow, warnings);
    warnings.push(
      `To have the review expedited, ask within ${plural(row.expeditedWindow.amount, row.expeditedWindow.unit)}: by ${weekdayName(by)} ${by} (${row.citation}). After that, the standard review is still open until the deadline shown.`,
    );
  }

  const decision = stateDecision(row, input) ?? decisionFor(rules, input, level, ruleDate, warnings);
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
    earliestPossible,
    filedWhen: row.filedWhen,
    citation: row.citation,
    sourceUrl: row.sourceUrl,
    ruleStatus: row.status,
    // The ladder of levels is the program's, whichever rule dated this one.
    nextLevels: base.nextLevels,
    warnings,
    ruleIds: [
      ...chosen.ruleIds,
      ...(decision && !chosen.ruleIds.includes(decision.ruleId) ? [decision.ruleId] : []),
      ...(priorAuthorization ? [priorAuthorization.ruleId] : []),
    ],
    ruleSet: ruleSet.ref,
  };
  if (decision) answer.decisionDue = decision.value;
  const careSteps = careStepsFor(rules.careSteps, input, level, ruleDate);
  if (careSteps.length) {
    answer.careSteps = careSteps;
    answer.ruleIds.push(...careSteps.map((step) => step.ruleId));
  }
  if (priorAuthorization) answer.priorAuthorizationDecision = priorAuthorization.value;
  if (input.asOf) {
    const daysRemaining = daysBetween(input.asOf, chosen.deadline);
    answer.daysRemaining = daysRemaining;
    answer.status = daysRemaining < 0 ? 'passed' : daysRemaining <= DUE_SOON_DAYS ? 'due_soon' : 'open';
  }
  return answer;
}

const hours = (row: DecisionRow) => (row.unit === 'hours' ? row.amount : row.amount * 24);

function decisionFor(
  rules: DeadlineRules,
  input: DeadlineInput,
  level: AppealLevel,
  date: string | undefined,
  warnings: string[],
): { ruleId: string; value: NonNullable<AppealDeadline['decisionDue']> } | undefined {
  const rows = rules.decisions.filter(
    (row) =>
      row.stage === 'appeal' &&
      row.level === level &&
      row.planTypes.includes(input.planType) &&
      isInEffect(row, date),
  );
  const pick = pickDecision(rows, input, warnings);
  return (
    pick && { ruleId: pick.id, value: { amount: pick.amount, unit: pick.unit, citation: pick.citation } }
  );
}

function priorAuthorizationDecision(
  rules: DeadlineRules,
  input: DeadlineInput,
  warnings: string[],
): { ruleId: string; value: NonNullable<AppealDeadline['priorAuthorizationDecision']> } | undefined {
  if (input.serviceTiming !== 'pre_service') return undefined;
  const date = input.asOf ?? input.noticeDate ?? input.receivedDate;
  const rows = rules.decisions.filter(
    (row) =>
      row.stage === 'prior_authorization' && row.planTypes.includes(input.planType) && isInEffect(row, date),
  );
  const pick = pickDecision(rows, input, warnings);
  return (
    pick && { ruleId: pick.id, value: { amount: pick.amount, unit: pick.unit, citation: pick.citation } }
  );
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
