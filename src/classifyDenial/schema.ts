import { z } from 'zod';
import { digitGroups } from '../_lib/digitGroups.js';
import { isoDateSchema } from '../engine/provenance.js';
import { DENIAL_STAGES, PLAN_TYPES } from '../types.js';
import { parseCode } from './codes.js';

/** The longest text accepted: longer input is refused rather than scanned. */
export const MAX_TEXT_LENGTH = 100_000;

/** The schema of `DenialInput`. Unknown fields are refused, so a misspelt field is reported, not ignored. */
export const denialInputSchema = z
  .object({
    codes: z
      .array(z.string().max(40, 'a code is at most 40 characters'))
      .max(200, 'at most 200 codes')
      .optional(),
    text: z
      .string()
      .max(MAX_TEXT_LENGTH, `text is limited to ${digitGroups(MAX_TEXT_LENGTH)} characters`)
      .optional(),
    stage: z.enum(DENIAL_STAGES).optional(),
    planType: z.enum(PLAN_TYPES).optional(),
    asOf: isoDateSchema.optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    input.codes?.forEach((code, index) => {
      if (!parseCode(code)) {
        ctx.addIssue({
          code: 'custom',
          path: ['codes', index],
          message: `"${code.slice(0, 40)}" is not a CARC or RARC code (expected forms like CO-50, 50, PR-204, N115, MA130)`,
        });
      }
    });
    if (!input.codes?.length && !input.text?.trim()) {
      ctx.addIssue({ code: 'custom', path: [], message: 'give at least one of `codes` or `text`' });
    }
  });
