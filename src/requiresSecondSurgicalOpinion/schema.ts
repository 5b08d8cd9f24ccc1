import * as z from 'zod';
import { fieldsPass, isInputDate, isListOf } from '../_lib/inputChecks.js';
import { lazySchema } from '../_lib/lazySchema.js';
import { US_STATES } from '../computeAppealDeadline/states.js';
import { inputDateSchema } from '../engine/provenance.js';
import { PLAN_TYPES } from '../types.js';

/**
 * The longest procedure name or list entry accepted (names are short; this bounds the work per call).
 *
 * @example
 * ```ts
 * 'x'.repeat(MAX_PROCEDURE_LENGTH + 1); // refused with INVALID_INPUT at ['procedure']
 * ```
 */
export const MAX_PROCEDURE_LENGTH = 1000;
/**
 * The most entries a plan's list may have.
 *
 * @example
 * ```ts
 * Array(MAX_PLAN_PROCEDURES + 1).fill('hysterectomy'); // refused at ['planSsoProcedures']
 * ```
 */
export const MAX_PLAN_PROCEDURES = 1000;

const hasWord = (value: string) => /[A-Za-z0-9]/.test(value);

const procedureText = lazySchema(() =>
  z
    .string()
    .max(MAX_PROCEDURE_LENGTH, `at most ${MAX_PROCEDURE_LENGTH} characters`)
    .refine(hasWord, { message: 'expected a procedure name or code (letters or digits)' }),
);

const date = inputDateSchema;

/**
 * The schema of `SsoInput`. Unknown fields are refused.
 *
 * @example
 * ```ts
 * ssoInputSchema.safeParse({ procedure: 'hysterectomy', planType: 'fehb' }).success; // true
 * ssoInputSchema.safeParse({ procedure: '', planType: 'fehb' }).success;             // false
 * ```
 */
export const ssoInputSchema = lazySchema(() =>
  z
    .object({
      procedure: procedureText,
      planType: z.enum(PLAN_TYPES),
      state: z
        .enum(US_STATES, { message: 'expected a two-letter USPS state code in capitals, such as NC' })
        .optional(),
      planSsoProcedures: z
        .array(procedureText)
        .max(MAX_PLAN_PROCEDURES, `at most ${MAX_PLAN_PROCEDURES} procedures`)
        .optional(),
      urgent: z.boolean().optional(),
      asOf: date.optional(),
    })
    .strict(),
);

/** A procedure name or list entry as `procedureText` accepts it: a few words with a letter or digit. */
export function isProcedureText(value: unknown): boolean {
  return typeof value === 'string' && value.length <= MAX_PROCEDURE_LENGTH && hasWord(value);
}

const PLANS: ReadonlySet<unknown> = new Set(PLAN_TYPES);
const STATES: ReadonlySet<unknown> = new Set(US_STATES);
/** Each field of the input and its fast check (a Map, so that a key such as `__proto__` finds nothing). */
export const SSO_FIELD_CHECKS: ReadonlyMap<string, (field: unknown) => boolean> = new Map<
  string,
  (field: unknown) => boolean
>([
  ['procedure', isProcedureText],
  ['planType', (field) => PLANS.has(field)],
  ['state', (field) => STATES.has(field)],
  ['planSsoProcedures', (field) => isListOf(field, MAX_PLAN_PROCEDURES, isProcedureText)],
  ['urgent', (field) => typeof field === 'boolean'],
  ['asOf', isInputDate],
]);

/**
 * Whether `value` is an `SsoInput` that {@link ssoInputSchema} accepts as it is: the fast check of the hot path
 * (see src/_lib/inputChecks.ts; a property test holds it to the schema).
 *
 * @example
 * ```ts
 * isValidSsoInput({ procedure: 'hysterectomy', planType: 'fehb' }); //=> true
 * isValidSsoInput({ procedure: '', planType: 'fehb' });             //=> false (the schema says why)
 * ```
 */
export function isValidSsoInput(value: unknown): value is z.output<typeof ssoInputSchema> {
  return fieldsPass(value, SSO_FIELD_CHECKS, ['procedure', 'planType']);
}
