import * as z from 'zod';
import { isInputDate, isListOf, isPlainObject, isWholeNumber } from '../_lib/inputChecks.js';
import { lazySchema } from '../_lib/lazySchema.js';
import { denialInputSchema, isValidDenialInput } from '../classifyDenial/schema.js';
import {
  checkNoticeDates,
  deadlineInputSchema,
  isPlanWindow,
  noticeDateIssues,
} from '../computeAppealDeadline/schema.js';
import { US_STATES } from '../computeAppealDeadline/states.js';
import {
  checkIcd10Codes,
  isIcd10Code,
  MAX_PHRASE_LENGTH,
  specialistInputSchema,
} from '../recommendSpecialist/schema.js';
import { CLAIM_TYPES } from '../recommendSpecialist/types.js';
import {
  isProcedureText,
  MAX_PLAN_PROCEDURES,
  ssoInputSchema,
} from '../requiresSecondSurgicalOpinion/schema.js';
import { APPEAL_LEVELS, CARE_ENDING, PLAN_TYPES } from '../types.js';

/**
 * The schema of `CaseInput`: the denial, and the fields each capability needs, checked with the same
 * rules as the capability's own input so that an error names the case's own path (`denial.codes.1`).
 * Unknown fields are refused.
 */
export const caseInputSchema = lazySchema(() => {
  const deadline = deadlineInputSchema.shape;
  const specialist = specialistInputSchema.shape;
  const sso = ssoInputSchema.shape;
  return z
    .object({
      denial: denialInputSchema,
      planType: deadline.planType,
      noticeDate: deadline.noticeDate,
      receivedDate: deadline.receivedDate,
      urgent: deadline.urgent,
      state: deadline.state,
      icd10: specialist.icd10,
      condition: specialist.condition,
      procedure: sso.procedure.optional(),
      claimType: specialist.claimType,
      asOf: deadline.asOf,
      level: deadline.level,
      planWindow: deadline.planWindow,
      funding: deadline.funding,
      planSsoProcedures: sso.planSsoProcedures,
      age: specialist.age,
      careEnding: deadline.careEnding,
      careEndDate: deadline.careEndDate,
    })
    .strict()
    .superRefine((input, ctx) => {
      checkNoticeDates(input, ctx);
      if (input.denial.planType !== undefined && input.denial.planType !== input.planType) {
        ctx.addIssue({
          code: 'custom',
          path: ['denial', 'planType'],
          message: `denial.planType "${input.denial.planType}" differs from the case's planType "${input.planType}"; give it once`,
        });
      }
      checkIcd10Codes(input.icd10, ctx);
    });
});

const PLANS: ReadonlySet<unknown> = new Set(PLAN_TYPES);
const LEVELS: ReadonlySet<unknown> = new Set(APPEAL_LEVELS);
const STATES: ReadonlySet<unknown> = new Set(US_STATES);
const CARE_ENDINGS: ReadonlySet<unknown> = new Set(CARE_ENDING);
const CLAIMS: ReadonlySet<unknown> = new Set(CLAIM_TYPES);
const FUNDING: ReadonlySet<unknown> = new Set(['insured', 'self_funded']);

/**
 * Whether `value` is a `CaseInput` that {@link caseInputSchema} accepts as it is: the fast check of the hot
 * path. It may refuse what the schema would accept (the schema then decides, and explains a refusal), but
 * never accepts what the schema refuses: a property test compares the two on random inputs. The case's own
 * refinements are the schema's: `noticeDateIssues` for the dates, `parseIcd10` for the codes.
 *
 * @example
 * ```ts
 * isValidCaseInput({ denial: { codes: ['CO-50'] }, planType: 'fehb', noticeDate: '2026-01-05' }); //=> true
 * isValidCaseInput({ denial: { codes: ['CO-50'] }, planType: 'fehb' }); //=> false (no date: the schema says so)
 * ```
 */
export function isValidCaseInput(value: unknown): value is z.output<typeof caseInputSchema> {
  if (!isPlainObject(value)) return false;
  const input = value as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    const field = input[key];
    if (field === undefined) {
      if (key === 'denial' || key === 'planType' || !CASE_FIELD_CHECKS.has(key)) return false;
      continue;
    }
    const check = CASE_FIELD_CHECKS.get(key);
    if (!check?.(field)) return false;
  }
  // The loop checked each field present; the two required ones must be there.
  const denial = input.denial as { planType?: unknown } | undefined;
  if (denial === undefined || input.planType === undefined) return false;
  if (denial.planType !== undefined && denial.planType !== input.planType) return false;
  return noticeDateIssues(input).length === 0;
}

/** Each field of a case and its check; a Map, so that a key such as `__proto__` finds nothing. */
const CASE_FIELD_CHECKS: ReadonlyMap<string, (field: unknown) => boolean> = new Map<
  string,
  (field: unknown) => boolean
>([
  ['denial', (field) => isValidDenialInput(field)],
  ['planType', (field) => PLANS.has(field)],
  ['noticeDate', isInputDate],
  ['receivedDate', isInputDate],
  ['urgent', (field) => typeof field === 'boolean'],
  ['state', (field) => STATES.has(field)],
  ['icd10', (field) => isListOf(field, 50, isIcd10Code)],
  ['condition', (field) => typeof field === 'string' && field.length <= MAX_PHRASE_LENGTH],
  ['procedure', isProcedureText],
  ['claimType', (field) => CLAIMS.has(field)],
  ['asOf', isInputDate],
  ['level', (field) => LEVELS.has(field)],
  ['planWindow', isPlanWindow],
  ['funding', (field) => FUNDING.has(field)],
  ['planSsoProcedures', (field) => isListOf(field, MAX_PLAN_PROCEDURES, isProcedureText)],
  ['age', (field) => isWholeNumber(field, 0, 130)],
  ['careEnding', (field) => CARE_ENDINGS.has(field)],
  ['careEndDate', isInputDate],
]);
