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
  const sso: SsoInput = { procedure: input.procedure, planType: input.planType };
  if (input.state !== undefined) sso.state = input.state;
  if (input.planSsoProcedures !== undefined) sso.planSsoProcedures = input.planSsoProcedures;
  if (input.urgent !== undefined) sso.urgent = input.urgent;
  if (ruleDate !== undefined) sso.asOf = input.asOf ?? ruleDate;
  return sso;
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
  // One spread, then the date assigned where it is missing: no empty object made and spread in on every call.
  const denial: DenialInput = { ...input.denial, planType: input.planType };
  if (input.denial.asOf === undefined) {
    const ruleDate = ruleDateOf(input);
    if (ruleDate !== undefined) denial.asOf = ruleDate;
  }
  return denial;
}

/** The deadline part of a case. The denial's stage says whether the care is still to come. */
export function deadlineInputOf(input: CaseInput): DeadlineInput {
  // Field by field, not by a loop over key names: this runs per case, and a loop reading keys by name is a
  // lookup V8 cannot specialise.
  const deadline: DeadlineInput = { planType: input.planType };
  if (input.level !== undefined) deadline.level = input.level;
  if (input.noticeDate !== undefined) deadline.noticeDate = input.noticeDate;
  if (input.receivedDate !== undefined) deadline.receivedDate = input.receivedDate;
  if (input.urgent !== undefined) deadline.urgent = input.urgent;
  if (input.state !== undefined) deadline.state = input.state;
  if (input.planWindow !== undefined) deadline.planWindow = input.planWindow;
  if (input.funding !== undefined) deadline.funding = input.funding;
  if (input.careEnding !== undefined) deadline.careEnding = input.careEnding;
  if (input.careEndDate !== undefined) deadline.careEndDate = input.careEndDate;
  if (input.asOf !== undefined) deadline.asOf = input.asOf;
  const stage = input.denial.stage;
  if (stage === 'prior_authorization' || stage === 'concurrent_review')
    deadline.serviceTiming = 'pre_service';
  else if (stage === 'claim') deadline.serviceTiming = 'post_service';
  return deadline;
}

/** The specialist part of a case, or undefined when it names nothing to route on. */
export function specialistInputOf(input: CaseInput, category: string): SpecialistInput | undefined {
  const { icd10, condition, procedure, claimType, age } = input;
  if (!icd10?.length && !condition?.trim() && !procedure?.trim() && !claimType) return undefined;
  const specialist: SpecialistInput = {};
  if (icd10 !== undefined) specialist.icd10 = icd10;
  if (condition !== undefined) specialist.condition = condition;
  if (procedure !== undefined) specialist.procedure = procedure;
  if (claimType !== undefined) specialist.claimType = claimType;
  if (age !== undefined) specialist.age = age;
  if (category !== 'unknown') specialist.denialCategory = category as never;
  return specialist;
}
