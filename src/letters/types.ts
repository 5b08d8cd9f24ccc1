/**
 * The public types of the letters: who the letter is from and to, the evidence at hand, and the letter.
 * @module
 */

/**
 * The people and numbers a letter names. Every field is optional: what is missing stays a visible
 * placeholder (`[Patient's name]`, `[Claim number]`, `[Insurer]`).
 *
 * @example
 * ```ts
 * const parties: LetterParties = { patient: { name: 'Jane Doe' }, insurer: { name: 'Acme Health' }, claimNumber: 'A-123' };
 * ```
 */
export interface LetterParties {
  patient?: { name: string };
  insurer?: { name: string };
  claimNumber?: string;
  /** The treating physician. */
  physician?: { name: string };
  /** The second-opinion specialist. */
  specialist?: { name: string; specialty?: string };
}

/**
 * What the appeal has in hand: used where given, placeholders otherwise.
 *
 * @example
 * ```ts
 * const evidence: LetterEvidence = { secondOpinion: { specialistName: 'Dr. Ada Park', examinedOn: '2026-11-20' } };
 * ```
 */
export interface LetterEvidence {
  secondOpinion?: { specialistName?: string; specialty?: string; conclusions?: string; examinedOn?: string };
  treatingPhysicianLetter?: { physicianName?: string; date?: string };
  guidelines?: string[];
}

/**
 * The kind of letter: a request for the claim file, a clinical appeal, a correction-and-resubmission letter
 * (for an administrative denial), the expedited appeal request, the external review request, the complaint to
 * the regulator, the outline of the physician's letter of medical necessity, the second-opinion specialist's
 * briefing.
 *
 * @example
 * ```ts
 * const kind: LetterKind = 'appeal';
 * ```
 */
export type LetterKind =
  | 'records_request'
  | 'appeal'
  | 'correction'
  | 'expedited_request'
  | 'external_review_request'
  | 'regulator_complaint'
  | 'medical_necessity_outline'
  | 'specialist_briefing';

/**
 * One section of a letter.
 *
 * @example
 * ```ts
 * const section: LetterSection = { heading: 'Request', paragraphs: ['Please send me the complete claim file.'] };
 * ```
 */
export interface LetterSection {
  heading: string;
  paragraphs: string[];
}

/**
 * A drafted letter: its sections, rendered as Markdown and plain text, with every citation used and every
 * placeholder left to fill.
 *
 * @example
 * ```ts
 * const letter: Letter = draftRecordsRequest(analysis, {});
 * letter.placeholders; // ["[Patient's name]", '[Claim number]', …]
 * ```
 */
export interface Letter {
  kind: LetterKind;
  sections: LetterSection[];
  markdown: string;
  text: string;
  /** Every citation the letter uses; each is taken from the analysis. */
  citations: string[];
  /** Every `[…]` placeholder left in the text, without repeats, in order of first appearance. */
  placeholders: string[];
}
