import * as z from 'zod';
import { digitGroups } from '../_lib/digitGroups.js';
import { isPlainObject } from '../_lib/inputChecks.js';
import { lazySchema } from '../_lib/lazySchema.js';
import { isIsoDate } from '../dates/isoDate.js';
import { isoDateSchema } from '../engine/provenance.js';
import { DENIAL_STAGES, PLAN_TYPES } from '../types.js';
import { parseCode } from './codes.js';

/** The longest text accepted: longer input is refused rather than scanned. */
export const MAX_TEXT_LENGTH = 100_000;

/** The schema of `DenialInput`. Unknown fields are refused, so a misspelt field is reported, not ignored. */
export const denialInputSchema = lazySchema(() =>
  z
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
    }),
);

const STAGES: ReadonlySet<unknown> = new Set(DENIAL_STAGES);
const PLANS: ReadonlySet<unknown> = new Set(PLAN_TYPES);

/**
 * Whether `value` is a `DenialInput` that {@link denialInputSchema} accepts as it is: the fast check of the hot
 * path (it allocates only the list of keys). It may refuse what the schema would accept (the schema then
 * decides, and explains a refusal), but never accepts what the schema refuses: a property test compares the
 * two on random inputs.
 *
 * @example
 * ```ts
 * isValidDenialInput({ codes: ['CO-50'] }); //=> true
 * isValidDenialInput({ code: ['CO-50'] });  //=> false (the schema says why)
 * ```
 */
export function isValidDenialInput(value: unknown): value is z.output<typeof denialInputSchema> {
  if (!isPlainObject(value)) return false;
  const input = value as Record<string, unknown>;
  let codes = 0;
  let stated = false;
  for (const key of Object.keys(input)) {
    const field = input[key];
    if (field === undefined) {
      if (key === 'codes' || key === 'text' || key === 'stage' || key === 'planType' || key === 'asOf')
        continue;
      return false;
    }
    switch (key) {
      case 'codes': {
        if (!Array.isArray(field) || field.length > 200) return false;
        for (let index = 0; index < field.length; index++) {
          const code = field[index];
          if (typeof code !== 'string' || code.length > 40 || !parseCode(code)) return false;
        }
        codes = field.length;
        break;
      }
      case 'text':
        if (typeof field !== 'string' || field.length > MAX_TEXT_LENGTH) return false;
        stated = field.trim() !== '';
        break;
      case 'stage':
        if (!STAGES.has(field)) return false;
        break;
      case 'planType':
        if (!PLANS.has(field)) return false;
        break;
      case 'asOf':
        if (!isIsoDate(field)) return false;
        break;
      default:
        return false;
    }
  }
  return codes > 0 || stated;
}
