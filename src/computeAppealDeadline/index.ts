import { DEFAULT_RULE_SET_REF, defaultDeadlines, defaultStates } from '../_lib/defaultRuleSet.js';
import type { RuleSetWith } from '../engine/compile.js';
import { parseInput } from '../errors.js';
import type { AppealDeadline, DeadlineInput } from '../types.js';
import { computeDeadline } from './compute.js';
import { deadlineInputSchema, isValidDeadlineInput } from './schema.js';

/** The bundled rule set's deadlines and states rules: this function bundles and compiles no other domain. */
let bundled: RuleSetWith<'deadlines' | 'states'> | undefined;

/**
 * The last day to appeal at one level, calendar-exact and never later than the rule surely allows, with
 * the clock start, the rule's citation, the payer's time to decide, the next levels, and warnings a
 * person understands (a weekend deadline the rule does not move, a presumed receipt date, a plan window
 * shorter than the legal minimum, an unconfirmed or conflicting rule). Where a state's rule governs (a
 * Medicaid fair hearing; external review for insured and individual plans), it gives the date, or, when
 * it is unknown or unconfirmed, the earliest date it could be (`earliestPossible`). With `careEnding`,
 * `careSteps` dates the steps that keep care going while the appeal runs.
 *
 * Dates are `YYYY-MM-DD` in and out, computed on calendar days: the answer is the same in every time
 * zone, and the clock is never read (`asOf` is an input).
 *
 * @param input - plan type, level (default: the plan's first), notice and/or receipt date, and options
 * @returns the deadline and everything behind it
 * @throws {OverturnError} `INVALID_INPUT` for impossible dates, unknown plan types or levels, bad windows
 *
 * @example
 * ```ts
 * import { computeAppealDeadline } from 'overturn';
 *
 * // Original Medicare: receipt presumed 5 days after the notice, then 120 days.
 * computeAppealDeadline({ planType: 'medicare_original', noticeDate: '2026-01-02' }).deadline; // '2026-05-07'
 *
 * // Federal external review (a self-funded plan): 4 months after receipt; no Feb 30 → Mar 1, a Sunday → Mar 2.
 * computeAppealDeadline({
 *   planType: 'employer_erisa',
 *   funding: 'self_funded',
 *   level: 'external_review',
 *   receivedDate: '2025-10-30',
 * }).deadline; // '2026-03-02'
 *
 * // An insured plan in Ohio: the state's 180 days from the date of the decision (Ohio Rev. Code 3922.02(B)).
 * computeAppealDeadline({
 *   planType: 'individual_market',
 *   level: 'external_review',
 *   state: 'OH',
 *   noticeDate: '2026-03-02',
 * }).deadline; // '2026-08-29'
 * ```
 */
export function computeAppealDeadline(input: DeadlineInput): AppealDeadline {
  bundled ??= { ref: DEFAULT_RULE_SET_REF, deadlines: defaultDeadlines(), states: defaultStates() };
  return computeDeadlineWith(bundled, input);
}

/** Computes with a given compiled rule set (used by `createOverturn`). */
export function computeDeadlineWith(
  ruleSet: RuleSetWith<'deadlines' | 'states'>,
  input: DeadlineInput,
): AppealDeadline {
  // The schema only explains a refusal: a valid input passes the fast check as it is.
  const parsed = isValidDeadlineInput(input) ? input : parseInput(deadlineInputSchema, input);
  return computeDeadline(ruleSet, parsed as DeadlineInput);
}
