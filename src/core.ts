/**
 * overturn/core: the overturn functions without the rule data in the code, for pages and workers. Bind them to
 * the rule set with {@link loadOverturn}, which reads the package's `rules/` files (served as static files, or
 * from a CDN) when the page needs them; everything else here is the same as in `overturn`.
 *
 * The public API is this explicit list; anything not exported here is internal.
 * @module
 */

export type { CaseAnalysis, CaseFacts } from './analyzeCase/types.js';
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
export { US_STATES, type UsState } from './computeAppealDeadline/states.js';
export type { Overturn } from './createOverturn/bindOverturn.js';
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
