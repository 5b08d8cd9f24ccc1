import { defaultRuleSet } from '../_lib/defaultRuleSet.js';
import { firedChecklistRules } from '../buildChecklist/build.js';
import type { CaseInput } from '../buildChecklist/types.js';
import type { CompiledRuleSet } from '../engine/compile.js';
import { finishCase, prepareCase } from './analyze.js';
import type { CaseAnalysis } from './types.js';

/**
 * Everything about one denial in one call: the classification, the specialist for a second opinion
 * (when one can help), the appeal deadline, the second-surgical-opinion answer (when a procedure is
 * named) and the dated checklist, all from one rule set, with every warning gathered.
 *
 * @param input - the denial and what is known around it; at least one of `noticeDate` / `receivedDate`
 * @returns the analysis, each part with the rules and citations behind it
 * @throws {OverturnError} `INVALID_INPUT` naming each bad field by its path in the case (`denial.codes.0`)
 *
 * @example
 * ```ts
 * import { analyzeCase } from 'overturn';
 *
 * const analysis = analyzeCase({
 *   denial: { codes: ['CO-50'], stage: 'prior_authorization' },
 *   planType: 'employer_erisa',
 *   receivedDate: '2026-10-06',
 *   icd10: ['M17.11'],
 *   procedure: 'total knee arthroplasty',
 *   asOf: '2026-11-25',
 * });
 * analysis.classification.category;            // 'medical_necessity'
 * analysis.deadline.deadline;                  // '2027-04-04' (180 days after receipt)
 * analysis.specialist?.specialty.taxonomyCode; // '207X00000X' (Orthopaedic Surgery; subspecialty 207XS0114X)
 * analysis.checklist.items.map((item) => item.id).includes('obtain_second_opinion'); // true
 * ```
 */
export function analyzeCase(input: CaseInput): CaseAnalysis {
  return analyzeCaseWith(defaultRuleSet(), input);
}

/** Analyses with a given compiled rule set (used by `createOverturn`). */
export function analyzeCaseWith(ruleSet: CompiledRuleSet, input: CaseInput): CaseAnalysis {
  const parts = prepareCase(ruleSet, input);
  return finishCase(ruleSet, parts, firedChecklistRules(ruleSet, parts));
}
