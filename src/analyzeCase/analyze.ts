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
  const input = caseInOneShape((isValidCaseInput(raw) ? raw : parseInput(caseInputSchema, raw)) as CaseInput);
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

/**
 * A valid case with every field present, undefined where not given (as a valid case may hold them), in one order.
 * Cases arrive in as many shapes as sets of fields given, and every step reads the case: read in its own shape,
 * each field read was a lookup V8 cannot specialise, and their share of a busy cache of such lookups missed it
 * (nearly a fifth of analyzeCase's time went to such reads, in a profile of 2026-12-07). Read once here, then
 * always in this one shape. The parts built from it below are made the same way, field by field.
 */
function caseInOneShape(input: CaseInput): CaseInput {
  // Typed by the case's field names, so that a field added to CaseInput and missing here does not compile.
  const shaped: Record<keyof CaseInput, unknown> = {
    denial: undefined,
    planType: undefined,
    noticeDate: undefined,
    receivedDate: undefined,
    urgent: undefined,
    state: undefined,
    condition: undefined,
    icd10: undefined,
    procedure: undefined,
    claimType: undefined,
    asOf: undefined,
    level: undefined,
    planWindow: undefined,
    funding: undefined,
    planSsoProcedures: undefined,
    age: undefined,
    careEnding: undefined,
    careEndDate: undefined,
  };
  // Only the fields given are read, by a for-in over the case: V8 reads those by its own list of the case's fields,
  // not by name, whatever the case's shape. A valid case holds no other field.
  for (const field in input)
    (shaped as Record<string, unknown>)[field] = (input as unknown as Record<string, unknown>)[field];
  return shaped as unknown as CaseInput;
}

/** The second-surgical-opinion part of a case, or undefined when it names no procedure. */
export function ssoInputOf(input: CaseInput): SsoInput | undefined {
  if (input.procedure === undefined) return undefined;
  const ruleDate = ruleDateOf(input);
  return {
    procedure: input.procedure,
    planType: input.planType,
    state: input.state,
    planSsoProcedures: input.planSsoProcedures,
    urgent: input.urgent,
    asOf: ruleDate === undefined ? undefined : (input.asOf ?? ruleDate),
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
  // Assigned in the order a reader sees the fields, without spreading an object per optional one.
  const analysis = { classification: parts.classification } as CaseAnalysis;
  if (parts.specialist) analysis.specialist = parts.specialist;
  analysis.deadline = parts.deadline;
  if (parts.sso) analysis.sso = parts.sso;
  analysis.checklist = checklist;
  analysis.warnings = checklist.warnings;
  if (parts.input.asOf !== undefined) analysis.asOf = parts.input.asOf;
  analysis.ruleSet = ruleSet.ref;
  analysis.facts = caseFacts(parts.input, parts.classification);
  return analysis;
}

/** The denial part of a case, with the case's plan type and the notice date to pick rules by. */
export function classificationInputOf(input: CaseInput): DenialInput {
  // Field by field in one shape (see caseInOneShape), not a spread of the denial's own.
  const { denial } = input;
  return {
    codes: denial.codes,
    text: denial.text,
    stage: denial.stage,
    planType: input.planType,
    asOf: denial.asOf ?? ruleDateOf(input),
  };
}

/** The deadline part of a case. The denial's stage says whether the care is still to come. */
export function deadlineInputOf(input: CaseInput): DeadlineInput {
  // Field by field in one shape (see caseInOneShape), undefined where the case gives none.
  const stage = input.denial.stage;
  return {
    planType: input.planType,
    level: input.level,
    noticeDate: input.noticeDate,
    receivedDate: input.receivedDate,
    urgent: input.urgent,
    state: input.state,
    planWindow: input.planWindow,
    serviceTiming:
      stage === 'prior_authorization' || stage === 'concurrent_review'
        ? 'pre_service'
        : stage === 'claim'
          ? 'post_service'
          : undefined,
    funding: input.funding as DeadlineInput['funding'],
    careEnding: input.careEnding,
    careEndDate: input.careEndDate,
    asOf: input.asOf,
  };
}

/** The specialist part of a case, or undefined when it names nothing to route on. */
export function specialistInputOf(input: CaseInput, category: string): SpecialistInput | undefined {
  const { icd10, condition, procedure, claimType, age } = input;
  if (!icd10?.length && !condition?.trim() && !procedure?.trim() && !claimType) return undefined;
  // In one shape (see caseInOneShape), undefined where the case gives none.
  return {
    icd10,
    condition,
    claimType,
    procedure,
    denialCategory: category === 'unknown' ? undefined : (category as SpecialistInput['denialCategory']),
    age,
  };
}
