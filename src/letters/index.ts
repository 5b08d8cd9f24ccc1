/**
 * Letters drafted from a case analysis: the claim-file request and the appeal (or correction) letter.
 * @module
 */
export { draftAppealLetter } from './draftAppealLetter.js';
export { draftExpeditedRequest } from './draftExpeditedRequest.js';
export { draftRecordsRequest } from './draftRecordsRequest.js';
export type { Letter, LetterEvidence, LetterKind, LetterParties, LetterSection } from './types.js';
