import { defaultRuleSet } from '../_lib/defaultRuleSet.js';
import { analyzeCaseWith } from '../analyzeCase/index.js';
import type { CompiledRuleSet } from '../engine/compile.js';
import type { CaseInput, Checklist } from './types.js';

/**
 * The dated, ordered steps to take against a denial, each with why it matters, its priority, its due
 * date where one applies and the rule behind it. Tailored to the case: a second opinion only where one
 * can change the outcome (naming the specialty), fix-and-resubmit for coding and missing information,
 * retro-authorization for a missing authorization, expedited review when urgent, external review where
 * the plan type and the kind of denial allow it, and the wording of the law that governs the plan
 * (ERISA, state insurance law, Medicare, Medicaid, FEHB, TRICARE).
 *
 * Due dates come from {@link computeAppealDeadline}: `submit_written_appeal` is due on the deadline and
 * preparation steps before it. With `asOf`, steps not yet taken are never dated in the past.
 *
 * @param input - the case: the denial, the plan type, the notice and/or receipt date, and what else is known
 * @returns the items, the deadline they are dated from, and every warning
 * @throws {OverturnError} `INVALID_INPUT` naming each bad field by its path in the case
 *
 * @example
 * ```ts
 * import { buildChecklist } from 'overturn';
 *
 * const checklist = buildChecklist({
 *   denial: { codes: ['CO-197'], stage: 'claim' },
 *   planType: 'individual_market',
 *   receivedDate: '2026-09-01',
 * });
 * checklist.items.map((item) => item.id).includes('request_retro_authorization'); // true
 * checklist.items.find((item) => item.id === 'submit_written_appeal')?.dueDate;   // '2027-02-28'
 * ```
 */
export function buildChecklist(input: CaseInput): Checklist {
  return buildChecklistWith(defaultRuleSet(), input);
}

/** Builds with a given compiled rule set (used by `createOverturn`). */
export function buildChecklistWith(ruleSet: CompiledRuleSet, input: CaseInput): Checklist {
  return analyzeCaseWith(ruleSet, input).checklist;
}
