import * as z from 'zod';
import { digitGroups } from '../_lib/digitGroups.js';
import { fieldsPass, isListOf, isWholeNumber } from '../_lib/inputChecks.js';
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

/** A string the schema takes as an ICD-10-CM code: at most 16 characters, shaped like a code. */
export function isIcd10Code(value: unknown): boolean {
  return typeof value === 'string' && value.length <= 16 && parseIcd10(value) !== undefined;
}

const isWords = (field: unknown) => typeof field === 'string' && field.length <= MAX_PHRASE_LENGTH;
const CLAIMS: ReadonlySet<unknown> = new Set(CLAIM_TYPES);
const CATEGORIES: ReadonlySet<unknown> = new Set(DENIAL_CATEGORIES);
/** Each field of the input and its fast check (a Map, so that a key such as `__proto__` finds nothing). */
export const SPECIALIST_FIELD_CHECKS: ReadonlyMap<string, (field: unknown) => boolean> = new Map<
  string,
  (field: unknown) => boolean
>([
  ['icd10', (field) => isListOf(field, 50, isIcd10Code)],
  ['condition', isWords],
  ['claimType', (field) => CLAIMS.has(field)],
  ['procedure', isWords],
  ['denialCategory', (field) => CATEGORIES.has(field)],
  ['age', (field) => isWholeNumber(field, 0, 130)],
]);

/**
 * Whether `value` is a `SpecialistInput` that {@link specialistInputSchema} accepts as it is: the fast check of
 * the hot path (see src/_lib/inputChecks.ts; a property test holds it to the schema).
 *
 * @example
 * ```ts
 * isValidSpecialistInput({ icd10: ['C61'] });    //=> true
 * isValidSpecialistInput({ icd10: ['CO-50'] });  //=> false (the schema says why)
 * ```
 */
export function isValidSpecialistInput(value: unknown): value is z.output<typeof specialistInputSchema> {
  if (!fieldsPass(value, SPECIALIST_FIELD_CHECKS, [])) return false;
  const input = value as { icd10?: unknown[]; condition?: string; procedure?: string; claimType?: string };
  return Boolean(
    input.icd10?.length || input.condition?.trim() || input.procedure?.trim() || input.claimType,
  );
}
