import type { RuleSetWith } from '../engine/compile.js';
import { isInEffect } from '../engine/provenance.js';
import { OverturnError } from '../errors.js';
import type { AppealDeadline, DeadlineInput } from '../types.js';
import type { WindowRow } from './ruleData.js';
import type { StateRules } from './stateRules.js';
import type { UsState } from './states.js';
import { computeRow, plural, type RowResult } from './window.js';

/** The answer at a level that state law may govern, with the notes that explain it. */
export interface StateLawAnswer {
  chosen: RowResult;
  notes: string[];
  /** The governing rule is not known for sure, and the date is the earliest it could be. */
  earliestPossible: boolean;
}

/**
 * Applies a state's rule where it governs (`base.stateLaw`): a Medicaid fair hearing always, external review
 * for the insured and individual plans a state regulates. A confirmed state rule gives the exact date, even
 * a later one than the federal row's. A missing or unconfirmed one gives the earliest date it could be:
 * the row itself where states may only lengthen it, or else the earliest date of any state's confirmed rule.
 * When the plan's funding is unknown, the earlier of the state's and the federal date is shown.
 */
export function withStateLaw(
  ruleSet: RuleSetWith<'deadlines' | 'states'>,
  base: WindowRow,
  /** The federal (or program) rule's answer, computed only when needed: it may need a date the state's does not. */
  federal: () => RowResult,
  input: DeadlineInput,
  ruleDate: string | undefined,
): StateLawAnswer {
  const law = base.stateLaw as NonNullable<WindowRow['stateLaw']>;
  const notes: string[] = [];
  const state = input.state ? ruleSet.states.get(input.state as UsState) : undefined;
  const stateRows =
    state?.windows.filter(
      (row) =>
        row.level === base.level && row.planTypes.includes(input.planType) && isInEffect(row, ruleDate),
    ) ?? [];
  const scope =
    law.governs === 'always' || input.planType === 'individual_market' || input.funding === 'insured'
      ? 'governs'
      : input.funding === 'self_funded'
        ? 'excluded'
        : 'unknown';

  if (scope === 'excluded') {
    // A self-funded plan is not insurance: state insurance law does not reach it (for ERISA plans, the
    // deemer clause of 29 U.S.C. 1144(b)(2)(B)), unless the plan has chosen the state's process.
    for (const row of stateRows) {
      const result =
        row.clockStart === 'notice_date' && !input.noticeDate ? undefined : computeRow(row, input);
      notes.push(
        `${state?.name}'s rule (${row.citation}) governs insured plans; a self-funded plan uses the federal process unless it has chosen the state's, which its notice would say${result && result.deadline < federal().deadline ? `: if it has, file by ${result.deadline}` : ''}.`,
      );
    }
    return { chosen: federal(), notes, earliestPossible: false };
  }

  const stateAnswer = stateAnswerOf(ruleSet, base, federal, input, ruleDate, state, stateRows, notes);
  if (!stateAnswer) return { chosen: federal(), notes, earliestPossible: false };
  if (scope === 'governs')
    return { chosen: stateAnswer.result, notes, earliestPossible: stateAnswer.earliest };

  // An employer plan whose funding is unknown: the state's rule if insured, the federal one if self-funded.
  const who = state ? `${state.name}'s` : "the state's";
  const stateDate = stateAnswer.result.deadline;
  const federalAnswer = federal();
  const either = `if it is self-funded, the federal rule (${federalAnswer.row.citation}) gives ${federalAnswer.deadline}. The plan's funding is not known, so the earlier date is shown: give funding for the exact one.`;
  if (stateDate < federalAnswer.deadline) {
    notes.push(`If the plan is insured, ${who} rule gives ${stateDate}; ${either}`);
    return { chosen: stateAnswer.result, notes, earliestPossible: true };
  }
  if (stateDate > federalAnswer.deadline) {
    notes.push(`If the plan is insured, ${who} rule allows until ${stateDate}; ${either}`);
    return { chosen: federalAnswer, notes, earliestPossible: true };
  }
  return { chosen: federalAnswer, notes, earliestPossible: stateAnswer.earliest };
}

/** The state's own answer, or the earliest it could be when its rule is missing or unconfirmed. */
function stateAnswerOf(
  ruleSet: RuleSetWith<'deadlines' | 'states'>,
  base: WindowRow,
  federal: () => RowResult,
  input: DeadlineInput,
  ruleDate: string | undefined,
  state: StateRules | undefined,
  stateRows: readonly WindowRow[],
  notes: string[],
): { result: RowResult; earliest: boolean } | undefined {
  const results = stateRows.map((row) => {
    if (row.clockStart === 'notice_date' && !input.noticeDate) {
      throw new OverturnError('INVALID_INPUT', [
        {
          path: ['noticeDate'],
          message: `${state?.name}'s rule (${row.citation}) counts from the date printed on the notice; give noticeDate (the receipt date would give a later, unsafe date)`,
        },
      ]);
    }
    return computeRow(row, input);
  });
  const own = earliestOf(results);
  if (own && results.length > 1 && results.some((result) => result.deadline !== own.deadline)) {
    notes.push(
      `${state?.name} has ${results.length} review processes (${results.map((result) => `${result.row.citation}: ${result.deadline}`).join('; ')}); which one applies depends on the plan's regulator, so the earliest is shown.`,
    );
  }
  // A conflicting row already encodes the earliest of its readings; an unconfirmed one may be wrong.
  if (own?.row.status === 'confirmed') return { result: own, earliest: false };
  const unsure = (result: RowResult) => {
    notes.push(
      `${state?.name}'s rule (${result.row.citation}) is ${result.row.status === 'conflict' ? 'read differently by its sources' : 'unconfirmed'}: the date shown is the earliest it could be.`,
    );
    return { result, earliest: true };
  };
  if (own?.row.status === 'conflict') return unsure(own);

  const fallback =
    law(base).whenUnknown === 'this_row' ? federal() : earliestStateRule(ruleSet, base, input, ruleDate);
  if (!fallback) return own && unsure(own);
  if (own && own.deadline <= fallback.deadline) return unsure(own);

  const where = input.state ?? 'your state';
  const why = !input.state
    ? 'The state was not given'
    : own
      ? `${state?.name}'s own rule is unconfirmed (${own.row.citation} would give ${own.deadline})`
      : `${state?.name ?? where}'s rule for this level is not in the rule set`;
  const how =
    law(base).whenUnknown === 'this_row'
      ? `the federal ${plural(fallback.window.amount, fallback.window.unit)} (${fallback.row.citation}) is used, which a state may lengthen but not shorten`
      : `the earliest date any state's confirmed rule gives is used: ${plural(fallback.window.amount, fallback.window.unit)} under ${fallback.row.citation} (${fallback.row.state})`;
  // The fallback row stands in for another state's: it keeps its window, not its review's decision times.
  const { standardDecision: _standard, expeditedDecision: _expedited, ...row } = fallback.row;
  const stoodInFor = state?.name ?? where;
  const result: RowResult = {
    ...fallback,
    row: {
      ...row,
      status: 'unconfirmed',
      citation:
        law(base).whenUnknown === 'this_row'
          ? row.citation
          : `${row.citation} (${row.state}: the earliest state rule, used in place of ${stoodInFor}'s)`,
    },
    warnings: [
      `${why}, so ${how}.${input.state ? ` Check ${stoodInFor}'s own deadline on your notice.` : ' Give the state for its own rule.'}`,
      ...fallback.warnings,
    ],
    ruleIds: [fallback.row.id, ...(own ? [own.row.id] : [])],
  };
  return { result, earliest: true };
}

const law = (row: WindowRow) => row.stateLaw as NonNullable<WindowRow['stateLaw']>;

/** The earliest date any state's confirmed rule gives at this level: the floor for an unknown state. */
function earliestStateRule(
  ruleSet: RuleSetWith<'deadlines' | 'states'>,
  base: WindowRow,
  input: DeadlineInput,
  ruleDate: string | undefined,
): RowResult | undefined {
  const results: RowResult[] = [];
  for (const state of ruleSet.states.values()) {
    for (const row of state.windows) {
      if (
        row.level === base.level &&
        row.status === 'confirmed' &&
        row.planTypes.includes(input.planType) &&
        isInEffect(row, ruleDate)
      ) {
        // Without the notice date, a rule counted from it could end on any day before the one the receipt
        // date gives: there is no safe earliest date, so ask for it.
        if (row.clockStart === 'notice_date' && !input.noticeDate) {
          throw new OverturnError('INVALID_INPUT', [
            {
              path: ['noticeDate'],
              message: `the state's rule is not known here, and some states count this deadline from the date printed on the notice (${state.name}: ${row.citation}); give noticeDate${input.state ? '' : ' or the state'} (the receipt date would give a later, unsafe date)`,
            },
          ]);
        }
        results.push(computeRow(row, input));
      }
    }
  }
  return earliestOf(results);
}

function earliestOf(results: readonly RowResult[]): RowResult | undefined {
  let best: RowResult | undefined;
  for (const result of results) if (!best || result.deadline < best.deadline) best = result;
  return best;
}

/** The decision time a state's review sets, when the chosen row is a state's and states one. */
export function stateDecision(
  row: WindowRow,
  input: DeadlineInput,
): { ruleId: string; value: NonNullable<AppealDeadline['decisionDue']> } | undefined {
  const time = input.urgent ? row.expeditedDecision : row.standardDecision;
  if (!row.state || !time) return undefined;
  return { ruleId: row.id, value: { amount: time.amount, unit: time.unit, citation: row.citation } };
}
