import * as z from 'zod';
import { digitGroups } from '../_lib/digitGroups.js';
import { lazySchema } from '../_lib/lazySchema.js';
import { DENIAL_CATEGORIES } from '../types.js';
import { parseIcd10 } from './icd10.js';
import { CLAIM_TYPES } from './types.js';

/**
 * The longest condition or procedure accepted (plain words, not a letter).
 *
 * @example
 * ```ts
 * 'heart attack'.length <= MAX_PHRASE_LENGTH; // true
 * ```
 */
export const MAX_PHRASE_LENGTH = 2_000;

const words = lazySchema(() =>
  z.string().max(MAX_PHRASE_LENGTH, `at most ${digitGroups(MAX_PHRASE_LENGTH)} characters`),
);

/** Reports each entry of `icd10` that is not an ICD-10-CM code, at its path. Shared with the case input. */
export function checkIcd10Codes(codes: readonly string[] | undefined, ctx: z.RefinementCtx): void {
  codes?.forEach((code, index) => {
    if (!parseIcd10(code)) {
      ctx.addIssue({
        code: 'custom',
        path: ['icd10', index],
        message: `"${code}" is not an ICD-10-CM code (expected forms like I21.4, i214, C50.911, F32.A)`,
      });
    }
  });
}

/**
 * The schema of `SpecialistInput`. Unknown fields are refused, so a misspelt field is reported, not ignored.
 *
 * @example
 * ```ts
 * specialistInputSchema.safeParse({ icd10: ['CO-50'] }).success; // false
 * ```
 */
export const specialistInputSchema = lazySchema(() =>
  z
    .object({
      icd10: z
        .array(z.string().max(16, 'an ICD-10-CM code is at most 8 characters'))
        .max(50, 'at most 50 codes')
        .optional(),
      condition: words.optional(),
      claimType: z.enum(CLAIM_TYPES).optional(),
      procedure: words.optional(),
      denialCategory: z.enum(DENIAL_CATEGORIES).optional(),
      age: z.number().int('whole years').min(0).max(130).optional(),
    })
    .strict()
    .superRefine((input, ctx) => {
      checkIcd10Codes(input.icd10, ctx);
      if (!input.icd10?.length && !input.condition?.trim() && !input.procedure?.trim() && !input.claimType) {
        ctx.addIssue({
          code: 'custom',
          path: [],
          message: 'give at least one of `icd10`, `condition`, `procedure` or `claimType`',
        });
      }
    }),
);
