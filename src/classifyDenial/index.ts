import { DEFAULT_RULE_SET_REF, defaultClassification } from '../_lib/defaultRuleSet.js';
import type { RuleSetWith } from '../engine/compile.js';
import { parseInput } from '../errors.js';
import type { DenialClassification, DenialInput } from '../types.js';
import { finishClassification, fireCompiled, prepareClassification } from './classify.js';
import { codeOnlyAnswersOf } from './codeOnlyAnswers.js';
import { denialInputSchema, isValidDenialInput } from './schema.js';

/** The bundled rule set's classification rules: this function bundles and compiles no other domain. */
let bundled: RuleSetWith<'classification'> | undefined;

/**
 * Classifies a denial from its CARC/RARC codes, its letter text, or both: the category, whether it is a
 * clinical dispute a specialist's second opinion can overturn or an administrative one to fix and
 * resubmit, whether 45 CFR 147.136 opens it to external review, and the evidence behind the answer.
 *
 * Synchronous and deterministic; the rule set is compiled once, on first use.
 *
 * @param input - codes as printed on an EOB or 835 (`CO-50`, `co 50`, `N115`) and/or the letter's text
 * @returns the classification, with candidates, evidence, fired rule ids, warnings and the rule-set version
 * @throws {OverturnError} `INVALID_INPUT` with `issues[]` when the input is malformed
 *
 * @example
 * ```ts
 * import { classifyDenial } from 'overturn';
 *
 * const result = classifyDenial({ codes: ['CO-50', 'N115'] });
 * result.category;           // 'medical_necessity'
 * result.secondOpinionHelps; // true
 *
 * classifyDenial({ text: 'Denied: no prior authorization on file.' }).category; // 'prior_authorization'
 * ```
 */
export function classifyDenial(input: DenialInput): DenialClassification {
  bundled ??= { ref: DEFAULT_RULE_SET_REF, classification: defaultClassification() };
  return classifyWith(bundled, input);
}

/** Classifies with a given compiled rule set (used by `createOverturn`). */
export function classifyWith(
  ruleSet: RuleSetWith<'classification'>,
  input: DenialInput,
): DenialClassification {
  // The schema only explains a refusal: a valid input passes the fast check as it is.
  const parsed = isValidDenialInput(input) ? input : parseInput(denialInputSchema, input);
  return classifyValid(ruleSet, parsed);
}

/**
 * Classifies an input already validated, with the compiled engine: what `classifyDenial` does after its
 * check, and what `analyzeCase` does with a case's denial. Code-only answers are remembered per code set
 * (codeOnlyAnswers.ts): a remittance repeats a few sets thousands of times.
 */
export function classifyValid(
  ruleSet: RuleSetWith<'classification'>,
  input: DenialInput,
): DenialClassification {
  const answers = codeOnlyAnswersOf(ruleSet.classification);
  const key = answers.keyOf(input);
  const remembered = key === undefined ? undefined : answers.get(key);
  if (remembered) return remembered;
  const prepared = prepareClassification(ruleSet, input);
  const answer = finishClassification(ruleSet, prepared, fireCompiled(ruleSet, prepared));
  if (key !== undefined) answers.offer(key, answer);
  return answer;
}
