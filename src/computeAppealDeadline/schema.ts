import { z } from 'zod';
import { inputDateSchema } from '../engine/provenance.js';
import { APPEAL_LEVELS, CARE_ENDING, PLAN_TYPES } from '../types.js';
import { US_STATES } from './states.js';

const date = inputDateSchema;

/**
 * The dates every deadline needs: at least one of `noticeDate` / `receivedDate`, and a receipt no earlier
 * than the notice. Shared by every input that carries them (a deadline, a whole case).
 */
export function checkNoticeDates(
  input: {
    noticeDate?: string | undefined;
    receivedDate?: string | undefined;
    careEnding?: string | undefined;
    careEndDate?: string | undefined;
  },
  ctx: z.RefinementCtx,
): void {
  if (input.careEndDate && !input.careEnding) {
    ctx.addIssue({
      code: 'custom',
      path: ['careEnding'],
      message: 'careEndDate needs careEnding: say whether it is a hospital discharge or services ending',
    });
  }
  if (!input.noticeDate && !input.receivedDate) {
    ctx.addIssue({
      code: 'custom',
      path: [],
      message:
        'give at least one of `noticeDate` or `receivedDate`: the deadline is dated from the denial notice',
    });
  }
  if (input.noticeDate && input.receivedDate && input.receivedDate < input.noticeDate) {
    ctx.addIssue({ code: 'custom', path: ['receivedDate'], message: 'receivedDate is before noticeDate' });
  }
}

/** The schema of `DeadlineInput`. Unknown fields are refused. */
export const deadlineInputSchema = z
  .object({
    planType: z.enum(PLAN_TYPES),
    level: z.enum(APPEAL_LEVELS).optional(),
    noticeDate: date.optional(),
    receivedDate: date.optional(),
    urgent: z.boolean().optional(),
    state: z
      .enum(US_STATES, { message: 'expected a two-letter USPS state code in capitals, such as NY' })
      .optional(),
    // At most ten years, so that every date stays inside the calendar the date module covers.
    planWindow: z
      .object({
        amount: z.number().int('a whole number').min(1, 'a window of at least 1'),
        unit: z.enum(['days', 'months']),
      })
      .strict()
      .refine((window) => window.amount <= (window.unit === 'days' ? 3650 : 120), {
        message: 'a plan window is at most 3650 days or 120 months',
        path: ['amount'],
      })
      .optional(),
    serviceTiming: z.enum(['pre_service', 'post_service']).optional(),
    funding: z.enum(['insured', 'self_funded']).optional(),
    careEnding: z.enum(CARE_ENDING).optional(),
    careEndDate: date.optional(),
    asOf: date.optional(),
  })
  .strict()
  .superRefine(checkNoticeDates);
