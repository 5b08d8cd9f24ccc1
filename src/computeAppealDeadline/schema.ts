import * as z from 'zod';
import { lazySchema } from '../_lib/lazySchema.js';
import { inputDateSchema } from '../engine/provenance.js';
import { APPEAL_LEVELS, CARE_ENDING, PLAN_TYPES } from '../types.js';
import { US_STATES } from './states.js';

const date = inputDateSchema;

/** The dates a deadline is counted from, as an input carries them. */
interface NoticeDates {
  noticeDate?: string | undefined;
  receivedDate?: string | undefined;
  careEnding?: string | undefined;
  careEndDate?: string | undefined;
}

/**
 * What is wrong with the dates every deadline needs: at least one of `noticeDate` / `receivedDate`, a receipt
 * no earlier than the notice, and no `careEndDate` without `careEnding`. Shared by every input that carries
 * them (a deadline, a whole case) and by the fast check of a case, which needs only to know there is none.
 */
export function noticeDateIssues(input: NoticeDates): { path: string[]; message: string }[] {
  const issues: { path: string[]; message: string }[] = [];
  if (input.careEndDate && !input.careEnding)
    issues.push({
      path: ['careEnding'],
      message: 'careEndDate needs careEnding: say whether it is a hospital discharge or services ending',
    });
  if (!input.noticeDate && !input.receivedDate)
    issues.push({
      path: [],
      message:
        'give at least one of `noticeDate` or `receivedDate`: the deadline is dated from the denial notice',
    });
  if (input.noticeDate && input.receivedDate && input.receivedDate < input.noticeDate)
    issues.push({ path: ['receivedDate'], message: 'receivedDate is before noticeDate' });
  return issues;
}

/** {@link noticeDateIssues} as a schema refinement. */
export function checkNoticeDates(input: NoticeDates, ctx: z.RefinementCtx): void {
  for (const issue of noticeDateIssues(input)) ctx.addIssue({ code: 'custom', ...issue });
}

/** The schema of `DeadlineInput`. Unknown fields are refused. */
export const deadlineInputSchema = lazySchema(() =>
  z
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
    .superRefine(checkNoticeDates),
);
