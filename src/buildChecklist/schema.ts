import { z } from 'zod';
import { denialInputSchema } from '../classifyDenial/schema.js';
import { checkNoticeDates, deadlineInputSchema } from '../computeAppealDeadline/schema.js';
import { checkIcd10Codes, specialistInputSchema } from '../recommendSpecialist/schema.js';
import { ssoInputSchema } from '../requiresSecondSurgicalOpinion/schema.js';

const deadline = deadlineInputSchema.shape;
const specialist = specialistInputSchema.shape;
const sso = ssoInputSchema.shape;

/**
 * The schema of `CaseInput`: the denial, and the fields each capability needs, checked with the same
 * rules as the capability's own input so that an error names the case's own path (`denial.codes.1`).
 * Unknown fields are refused.
 */
export const caseInputSchema = z
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
