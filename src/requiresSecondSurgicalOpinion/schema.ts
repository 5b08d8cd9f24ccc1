import * as z from 'zod';
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
