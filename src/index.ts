/**
 * overturn: turn a US health-insurance denial into a dated, cited plan.
 *
 * The public API is this explicit list; anything not exported here is internal.
 * @module
 */

export { defaultRuleSetSource } from './_lib/defaultRuleSet.js';
export {
  type FhirAdapterOptions,
  type FhirDenialCase,
  fromFhirClaimResponse,
  fromFhirExplanationOfBenefit,
} from './adapters/fhir/index.js';
export {
  fromX12_835,
  X12_MAX_LENGTH,
  type X12Adjustment,
  type X12DenialCase,
  type X12StreamItem,
  X12StreamReader,
} from './adapters/x12/index.js';
export { analyzeCase } from './analyzeCase/index.js';
export type { CaseAnalysis, CaseFacts } from './analyzeCase/types.js';
export { buildChecklist } from './buildChecklist/index.js';
export {
  type CaseInput,
  CHECKLIST_ITEM_IDS,
  CHECKLIST_PHASES,
  CHECKLIST_PRIORITIES,
  type Checklist,
  type ChecklistItem,
  type ChecklistItemId,
  type ChecklistPhase,
  type ChecklistPriority,
  FUNDING_TYPES,
  type FundingType,
  type Regulator,
} from './buildChecklist/types.js';
export { classifyDenial } from './classifyDenial/index.js';
export { computeAppealDeadline } from './computeAppealDeadline/index.js';
export { US_STATES, type UsState } from './computeAppealDeadline/states.js';
export { createOverturn, type Overturn, type OverturnOptions } from './createOverturn/index.js';
export type { RuleSetSource } from './engine/ruleSet.js';
export { OverturnError, type OverturnErrorCode, type OverturnIssue } from './errors.js';
export {
  draftAppealLetter,
  draftExpeditedRequest,
  draftExternalReviewRequest,
  draftMedicalNecessityOutline,
  draftRecordsRequest,
  draftRegulatorComplaint,
  draftSpecialistBriefing,
  type Letter,
  type LetterEvidence,
  type LetterKind,
  type LetterParties,
  type LetterSection,
} from './letters/index.js';
export { type LoadedOverturn, loadOverturn, type RuleFileReader } from './loadOverturn/index.js';
export { recommendSpecialist } from './recommendSpecialist/index.js';
export {
  type AlternativeSpecialist,
  CLAIM_TYPES,
  type ClaimType,
  type Specialist,
  type SpecialistEvidence,
  type SpecialistInput,
  type SpecialistNote,
  type SpecialistRecommendation,
} from './recommendSpecialist/types.js';
export { requiresSecondSurgicalOpinion } from './requiresSecondSurgicalOpinion/index.js';
export {
  SSO_REQUIREMENTS,
  type SsoDecision,
  type SsoExemption,
  type SsoInput,
  type SsoRequirement,
} from './requiresSecondSurgicalOpinion/types.js';
export { type ICalendarOptions, toICalendar } from './toICalendar/index.js';
export {
  APPEAL_LEVELS,
  type AppealDeadline,
  type AppealLevel,
  CARE_ENDING,
  type CareEnding,
  type CareStep,
  CLINICAL_CATEGORIES,
  type ClassificationCandidate,
  type ClassificationEvidence,
  type Confidence,
  DENIAL_CATEGORIES,
  DENIAL_STAGES,
  type DeadlineInput,
  type DenialCategory,
  type DenialClassification,
  type DenialInput,
  type DenialStage,
  type DisputeKind,
  type Duration,
  PLAN_TYPES,
  type PlanType,
  type RuleSetRef,
  type RuleStatus,
} from './types.js';
