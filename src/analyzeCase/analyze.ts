import { buildChecklistFrom, type CaseParts, regulatorsOf, ruleDateOf } from '../buildChecklist/build.js';
import type { ChecklistRule } from '../buildChecklist/ruleData.js';
import { caseInputSchema, isValidCaseInput } from '../buildChecklist/schema.js';
import type { CaseInput } from '../buildChecklist/types.js';
import { classifyValid } from '../classifyDenial/index.js';
import { computeDeadline } from '../computeAppealDeadline/compute.js';
import type { CompiledRuleSet } from '../engine/compile.js';
import { parseInput } from '../errors.js';
import { recommend } from '../recommendSpecialist/recommend.js';
import type { SpecialistInput } from '../recommendSpecialist/types.js';
import { decideSso } from '../requiresSecondSurgicalOpinion/decide.js';
import type { SsoInput } from '../requiresSecondSurgicalOpinion/types.js';
import type { DeadlineInput, DenialInput } from '../types.js';
import { caseFacts } from './facts.js';
import type { CaseAnalysis } from './types.js';

/**
 * Validates a case and computes every answer except the checklist (which needs its rules run). The case is
 * validated once: its schema checks each part with the part's own rules, so the parts are handed to the
 * capabilities without validating them again (test/analyzeCase.fuzz.test.ts proves that each part of any
 * case the schema accepts passes its own schema unchanged).
 */
export function prepareCase(ruleSet: CompiledRuleSet, raw: CaseInput): CaseParts {
  // The schema only explains a refusal: a valid case passes the fast check as it is.
  const input = (isValidCaseInput(raw) ? raw : parseInput(caseInputSchema, raw)) as CaseInput;
  const classification = classifyValid(ruleSet, classificationInputOf(input));
  const deadline = computeDeadline(ruleSet, deadlineInputOf(input));
  const parts: CaseParts = { input, regulators: regulatorsOf(ruleSet, input), classification, deadline };
  const specialistInput = specialistInputOf(input, classification.category);
  if (classification.secondOpinionHelps && specialistInput) {
    parts.specialist = recommend(ruleSet, specialistInput);
  }
  const ssoInput = ssoInputOf(input);
  if (ssoInput) parts.sso = decideSso(ruleSet, ssoInput);
  return parts;
}

/** The second-surgical-opinion part of a case, or undefined when it names no procedure. */
export function ssoInputOf(input: CaseInput): SsoInput | undefined {
  if (input.procedure === undefined) return undefined;
  const ruleDate = ruleDateOf(input);
  return {
    procedure: input.procedure,
    planType: input.planType,
    ...pick(input, ['state', 'planSsoProcedures', 'urgent']),
    ...(ruleDate !== undefined ? { asOf: input.asOf ?? ruleDate } : {}),
  };
}

/** Assembles the analysis once the checklist rules have fired (by the compiled or the reference engine). */
export function finishCase(
  ruleSet: CompiledRuleSet,
  parts: CaseParts,
  fired: readonly ChecklistRule[],
): CaseAnalysis {
  // A passed deadline is the filing step's own subject (its late-filing wording), not a separate warning.
  const warnings = [
    ...parts.classification.warnings,
    ...parts.deadline.warnings,
    ...(parts.specialist?.warnings ?? []),
    ...(parts.sso?.warnings ?? []),
  ];
  const checklist = buildChecklistFrom(ruleSet, parts, fired, warnings);
  const analysis: CaseAnalysis = {
    classification: parts.classification,
    ...(parts.specialist ? { specialist: parts.specialist } : {}),
    deadline: parts.deadline,
    ...(parts.sso ? { sso: parts.sso } : {}),
    checklist,
    warnings: checklist.warnings,
    ...(parts.input.asOf !== undefined ? { asOf: parts.input.asOf } : {}),
    ruleSet: ruleSet.ref,
    facts: caseFacts(parts.input, parts.classification),
  };
  return analysis;
}

/** The denial part of a case, with the case's plan type and the notice date to pick rules by. */
export function classificationInputOf(input: CaseInput): DenialInput {
  const ruleDate = ruleDateOf(input);
  return {
    ...input.denial,
    planType: input.planType,
    ...(input.denial.asOf === undefined && ruleDate !== undefined ? { asOf: ruleDate } : {}),
  };
}

/** The deadline part of a case. The denial's stage says whether the care is still to come. */
export function deadlineInputOf(input: CaseInput): DeadlineInput {
  const deadline: DeadlineInput = {
    planType: input.planType,
    ...pick(input, [
      'level',
      'noticeDate',
      'receivedDate',
      'urgent',
      'state',
      'planWindow',
      'funding',
      'careEnding',
      'careEndDate',
      'asOf',
    ]),
  };
  const stage = input.denial.stage;
  if (stage === 'prior_authorization' || stage === 'concurrent_review')
    deadline.serviceTiming = 'pre_service';
  else if (stage === 'claim') deadline.serviceTiming = 'post_service';
  return deadline;
}

/** The specialist part of a case, or undefined when it names nothing to route on. */
export function specialistInputOf(input: CaseInput, category: string): SpecialistInput | undefined {
  const fields = pick(input, ['icd10', 'condition', 'procedure', 'claimType', 'age']);
  if (!fields.icd10?.length && !fields.condition?.trim() && !fields.procedure?.trim() && !fields.claimType)
    return undefined;
  return { ...fields, ...(category !== 'unknown' ? { denialCategory: category as never } : {}) };
}

function pick<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}
