/**
 * The letter and calendar requests the command, the MCP server and the HTTP API share: which letters there
 * are, the shape of a request for one, and which function drafts it.
 */
import * as z from 'zod';
import type { CaseAnalysis } from '../analyzeCase/types.js';
import { caseInputSchema } from '../buildChecklist/schema.js';
import {
  draftAppealLetter,
  draftExpeditedRequest,
  draftExternalReviewRequest,
  draftMedicalNecessityOutline,
  draftRecordsRequest,
  draftRegulatorComplaint,
  draftSpecialistBriefing,
} from '../letters/index.js';
import { letterEvidenceSchema, letterPartiesSchema } from '../letters/schema.js';
import type { Letter, LetterEvidence, LetterParties } from '../letters/types.js';

/**
 * The letters a request can name: the claim-file request, the appeal (or correction), the urgent appeal, the
 * external review request, the regulator complaint, the physician's letter of medical necessity (an outline),
 * the second-opinion specialist's briefing.
 */
export const LETTER_KINDS = [
  'records',
  'appeal',
  'expedited',
  'external-review',
  'complaint',
  'medical-necessity',
  'specialist-briefing',
] as const;
export type LetterRequestKind = (typeof LETTER_KINDS)[number];

/**
 * A request for a letter: the case, the kind, the parties to name and, for the appeal, the evidence in hand (the
 * second opinion, the physician's letter, the guidelines), which fills the appeal's placeholders.
 */
export const letterRequestSchema = z
  .strictObject({
    case: caseInputSchema,
    kind: z.enum(LETTER_KINDS),
    parties: letterPartiesSchema.optional(),
    evidence: letterEvidenceSchema.optional(),
  })
  .superRefine((request, context) => {
    if (request.evidence !== undefined && request.kind !== 'appeal')
      context.addIssue({
        code: 'custom',
        path: ['evidence'],
        message: 'only the appeal (kind "appeal") uses evidence',
      });
  });

/** A request that carries only a case (the calendar). */
export const caseRequestSchema = z.strictObject({ case: caseInputSchema });

/**
 * Drafts the letter of a kind for an analysis.
 *
 * @example
 * ```ts
 * draftLetterOf('expedited', analyzeCase(urgentCase), { patient: { name: 'Jane Doe' } }).kind; // 'expedited_request'
 * ```
 */
export function draftLetterOf(
  kind: LetterRequestKind,
  analysis: CaseAnalysis,
  parties?: LetterParties,
  evidence?: LetterEvidence,
): Letter {
  return DRAFTERS[kind](analysis, parties, evidence);
}

/** Each kind's drafter; only the appeal reads the evidence (a request refuses evidence for another kind). */
const DRAFTERS: Record<
  LetterRequestKind,
  (analysis: CaseAnalysis, parties?: LetterParties, evidence?: LetterEvidence) => Letter
> = {
  records: draftRecordsRequest,
  appeal: draftAppealLetter,
  expedited: draftExpeditedRequest,
  'external-review': draftExternalReviewRequest,
  complaint: draftRegulatorComplaint,
  'medical-necessity': draftMedicalNecessityOutline,
  'specialist-briefing': draftSpecialistBriefing,
};
