import { z } from 'zod';
import { denialInputSchema } from '../classifyDenial/schema.js';
import { deadlineInputSchema } from '../computeAppealDeadline/schema.js';
import { parseIcd10 } from '../recommendSpecialist/icd10.js';
import { specialistInputSchema } from '../recommendSpecialist/schema.js';
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
  })
  .strict()
  .superRefine((input, ctx) => {
    if (!input.noticeDate && !input.receivedDate) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message:
          'give at least one of `noticeDate` or `receivedDate`: every plan is dated from the denial notice',
      });
    }
    if (input.noticeDate && input.receivedDate && input.receivedDate < input.noticeDate) {
      ctx.addIssue({ code: 'custom', path: ['receivedDate'], message: 'receivedDate is before noticeDate' });
    }
    if (input.denial.planType !== undefined && input.denial.planType !== input.planType) {
      ctx.addIssue({
        code: 'custom',
        path: ['denial', 'planType'],
        message: `denial.planType "${input.denial.planType}" differs from the case's planType "${input.planType}"; give it once`,
      });
    }
    input.icd10?.forEach((code, index) => {
      if (!parseIcd10(code)) {
        ctx.addIssue({
          code: 'custom',
          path: ['icd10', index],
          message: `"${code.slice(0, 16)}" is not an ICD-10-CM code (expected forms like I21.4, i214, C50.911, F32.A)`,
        });
      }
    });
  });
