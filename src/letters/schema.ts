import * as z from 'zod';
import { lazySchema } from '../_lib/lazySchema.js';
import type { CaseAnalysis } from '../analyzeCase/types.js';
import { parseInput } from '../errors.js';
import type { LetterEvidence, LetterParties } from './types.js';

const text = lazySchema(() => z.string().trim().min(1).max(200));
const name = lazySchema(() => z.strictObject({ name: text }));

/** The parties of a letter (strict: unknown keys are refused). */
export const letterPartiesSchema = lazySchema(() =>
  z.strictObject({
    patient: name.optional(),
    insurer: name.optional(),
    claimNumber: text.optional(),
    physician: name.optional(),
    specialist: z.strictObject({ name: text, specialty: text.optional() }).optional(),
  }),
);

/** The evidence an appeal letter may use (strict). */
export const letterEvidenceSchema = lazySchema(() =>
  z.strictObject({
    secondOpinion: z
      .strictObject({
        specialistName: text.optional(),
        specialty: text.optional(),
        conclusions: z.string().trim().min(1).max(5000).optional(),
        examinedOn: text.optional(),
      })
      .optional(),
    treatingPhysicianLetter: z
      .strictObject({ physicianName: text.optional(), date: text.optional() })
      .optional(),
    guidelines: z.array(text).max(50).optional(),
  }),
);

const citation = lazySchema(() => z.string().optional());

/** The parts of an analysis a letter reads (loose: the rest of the analysis passes through). */
const analysisSchema = lazySchema(() =>
  z.looseObject({
    classification: z.looseObject({
      category: z.string(),
      disputeKind: z.enum(['clinical', 'administrative']),
      evidence: z.array(
        z.looseObject({
          kind: z.string(),
          value: z.string(),
          ruleId: z.string(),
          label: z.string().optional(),
        }),
      ),
    }),
    deadline: z.looseObject({
      deadline: z.string(),
      weekday: z.string(),
      citation: z.string(),
      clockStart: z.looseObject({ event: z.string(), date: z.string(), presumed: z.boolean() }),
    }),
    checklist: z.looseObject({
      items: z.array(z.looseObject({ id: z.string(), title: z.string(), citation })),
    }),
    asOf: z.string().optional(),
    // Optional: an analysis stored before the facts were kept still drafts, with placeholders.
    facts: z
      .looseObject({
        denialReason: z.string().max(1000).optional(),
        procedure: z.string().max(1000).optional(),
      })
      .optional(),
  }),
);

/** Checks the shape of what the letters read from an analysis, or throws INVALID_INPUT. */
export function parseAnalysis(value: unknown): CaseAnalysis {
  parseInput(analysisSchema, value);
  return value as CaseAnalysis;
}

/** Parses the parties or throws INVALID_INPUT with the paths (from the root of the parties object). */
export function parseParties(value: unknown): LetterParties {
  return parseInput(letterPartiesSchema, value ?? {}) as LetterParties;
}

/** Parses the evidence or throws INVALID_INPUT. */
export function parseEvidence(value: unknown): LetterEvidence {
  return parseInput(letterEvidenceSchema, value ?? {}) as LetterEvidence;
}
