/**
 * Letters drafted from a case analysis: the claim-file request, the appeal (or correction) letter, the expedited
 * request, the external review request, the regulator complaint, the physician's letter of medical necessity
 * (an outline) and the second-opinion specialist's briefing.
 * @module
 */
export { draftAppealLetter } from './draftAppealLetter.js';
export { draftExpeditedRequest } from './draftExpeditedRequest.js';
export { draftExternalReviewRequest } from './draftExternalReviewRequest.js';
export { draftMedicalNecessityOutline } from './draftMedicalNecessityOutline.js';
export { draftRecordsRequest } from './draftRecordsRequest.js';
export { draftRegulatorComplaint } from './draftRegulatorComplaint.js';
export { draftSpecialistBriefing } from './draftSpecialistBriefing.js';
export type { Letter, LetterEvidence, LetterKind, LetterParties, LetterSection } from './types.js';
