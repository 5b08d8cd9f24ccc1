import * as z from 'zod';
import { fieldsPass, isInputDate, isPlainObject } from '../_lib/inputChecks.js';
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

/** A plan's own appeal window as the schema accepts it: a whole number of days (to 3650) or months (to 120). */
export function isPlanWindow(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  const { amount, unit } = value;
  if (Object.keys(value).some((key) => key !== 'amount' && key !== 'unit')) return false;
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 1) return false;
  return unit === 'days' ? amount <= 3650 : unit === 'months' && amount <= 120;
}

const PLANS: ReadonlySet<unknown> = new Set(PLAN_TYPES);
const LEVELS: ReadonlySet<unknown> = new Set(APPEAL_LEVELS);
const STATES: ReadonlySet<unknown> = new Set(US_STATES);
const CARE_ENDINGS: ReadonlySet<unknown> = new Set(CARE_ENDING);
const TIMINGS: ReadonlySet<unknown> = new Set(['pre_service', 'post_service']);
const FUNDING: ReadonlySet<unknown> = new Set(['insured', 'self_funded']);
/** Each field of the input and its fast check (a Map, so that a key such as `__proto__` finds nothing). */
export const DEADLINE_FIELD_CHECKS: ReadonlyMap<string, (field: unknown) => boolean> = new Map<
  string,
  (field: unknown) => boolean
>([
  ['planType', (field) => PLANS.has(field)],
  ['level', (field) => LEVELS.has(field)],
  ['noticeDate', isInputDate],
  ['receivedDate', isInputDate],
  ['urgent', (field) => typeof field === 'boolean'],
  ['state', (field) => STATES.has(field)],
  ['planWindow', isPlanWindow],
  ['serviceTiming', (field) => TIMINGS.has(field)],
  ['funding', (field) => FUNDING.has(field)],
  ['careEnding', (field) => CARE_ENDINGS.has(field)],
  ['careEndDate', isInputDate],
  ['asOf', isInputDate],
]);

/**
 * Whether `value` is a `DeadlineInput` that {@link deadlineInputSchema} accepts as it is: the fast check of the
 * hot path (see src/_lib/inputChecks.ts; a property test holds it to the schema). The dates' own rules are the
 * schema's: {@link noticeDateIssues}.
 *
 * @example
 * ```ts
 * isValidDeadlineInput({ planType: 'fehb', noticeDate: '2026-01-05' }); //=> true
 * isValidDeadlineInput({ planType: 'fehb', noticeDate: '2026-02-30' }); //=> false (the schema says why)
 * ```
 */
export function isValidDeadlineInput(value: unknown): value is z.output<typeof deadlineInputSchema> {
  return (
    fieldsPass(value, DEADLINE_FIELD_CHECKS, ['planType']) &&
    noticeDateIssues(value as NoticeDates).length === 0
  );
}
