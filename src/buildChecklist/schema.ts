import * as z from 'zod';
import { fieldsPass } from '../_lib/inputChecks.js';
import { lazySchema } from '../_lib/lazySchema.js';
import { denialInputSchema, isValidDenialInput } from '../classifyDenial/schema.js';
import {
  checkNoticeDates,
  DEADLINE_FIELD_CHECKS,
  deadlineInputSchema,
  noticeDateIssues,
} from '../computeAppealDeadline/schema.js';
import {
  checkIcd10Codes,
  SPECIALIST_FIELD_CHECKS,
  specialistInputSchema,
} from '../recommendSpecialist/schema.js';
import { SSO_FIELD_CHECKS, ssoInputSchema } from '../requiresSecondSurgicalOpinion/schema.js';

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
  if (!fieldsPass(value, CASE_FIELD_CHECKS, ['denial', 'planType'])) return false;
  const denial = value.denial as { planType?: unknown };
  if (denial.planType !== undefined && denial.planType !== value.planType) return false;
  return noticeDateIssues(value).length === 0;
}

/**
 * Each field of a case and its check: the capabilities' own checks for the fields the case takes from them, as
 * {@link caseInputSchema} takes their schemas' fields.
 */
const CASE_FIELD_CHECKS: ReadonlyMap<string, (field: unknown) => boolean> = new Map([
  ['denial', (field: unknown) => isValidDenialInput(field)],
  ...pick(DEADLINE_FIELD_CHECKS, [
    'planType',
    'noticeDate',
    'receivedDate',
    'urgent',
    'state',
    'asOf',
    'level',
    'planWindow',
    'funding',
    'careEnding',
    'careEndDate',
  ]),
  ...pick(SPECIALIST_FIELD_CHECKS, ['icd10', 'condition', 'claimType', 'age']),
  ...pick(SSO_FIELD_CHECKS, ['procedure', 'planSsoProcedures']),
]);

function pick(
  checks: ReadonlyMap<string, (field: unknown) => boolean>,
  keys: readonly string[],
): [string, (field: unknown) => boolean][] {
  return keys.map((key) => [key, checks.get(key) as (field: unknown) => boolean]);
}
