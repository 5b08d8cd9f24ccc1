import * as z from 'zod';
import { builtOnce, lazySchema } from '../_lib/lazySchema.js';
import { isIsoDate } from '../dates/isoDate.js';

/** A `YYYY-MM-DD` calendar date that exists (2026-02-30 is refused). */
export const isoDateSchema = lazySchema(() =>
  z.string().refine(isIsoDate, { message: 'expected a real calendar date as YYYY-MM-DD' }),
);

/**
 * A date in an input: a real `YYYY-MM-DD` between 1950 and 2150. The years are bounded so that every window
 * stays inside the calendar the date module covers.
 */
export const inputDateSchema = lazySchema(() =>
  isoDateSchema.refine(isInInputDateRange, {
    message: 'expected a date between 1950 and 2150',
  }),
);

/** Whether a `YYYY-MM-DD` date is inside the years an input may carry (1950 to 2150). */
export function isInInputDateRange(value: string): boolean {
  return value >= '1950-01-01' && value <= '2150-12-31';
}

/** Provenance every rule and table row carries: where the fact comes from and how sure it is. */
export const provenanceShape = builtOnce(() => ({
  id: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'ids use letters, digits, dots, dashes and underscores')
    .max(120),
  citation: z.string().trim().min(1, 'a citation is required'),
  sourceUrl: z.url({ protocol: /^https?$/, message: 'sourceUrl must be an http(s) URL' }),
  verifiedOn: isoDateSchema,
  status: z.enum(['confirmed', 'unconfirmed', 'conflict']),
  effectiveFrom: isoDateSchema.optional(),
  effectiveTo: isoDateSchema.optional(),
  note: z.string().optional(),
}));

/** The provenance fields as a type. */
export interface Provenance {
  id: string;
  citation: string;
  sourceUrl: string;
  verifiedOn: string;
  status: 'confirmed' | 'unconfirmed' | 'conflict';
  effectiveFrom?: string;
  effectiveTo?: string;
  note?: string;
}

/**
 * Whether a dated rule applies on `asOf`. Without a date, the law as it now stands applies: rules that
 * have an end date are left out and rules that start at a date are kept.
 */
export function isInEffect(rule: { effectiveFrom?: string; effectiveTo?: string }, asOf?: string): boolean {
  if (asOf === undefined) return rule.effectiveTo === undefined;
  if (rule.effectiveFrom !== undefined && asOf < rule.effectiveFrom) return false;
  if (rule.effectiveTo !== undefined && asOf > rule.effectiveTo) return false;
  return true;
}

/** Rejects effective ranges that end before they start. */
export function checkEffectiveRange(
  row: { effectiveFrom?: string; effectiveTo?: string },
  ctx: z.RefinementCtx,
) {
  if (row.effectiveFrom && row.effectiveTo && row.effectiveTo < row.effectiveFrom) {
    ctx.addIssue({ code: 'custom', path: ['effectiveTo'], message: 'effectiveTo is before effectiveFrom' });
  }
}

/** A rule that is not confirmed must say why in a `warning` the reader sees with the answer. */
export function nonConfirmedNeedsWarning(row: { status: string; warning?: string }, ctx: z.RefinementCtx) {
  if (row.status !== 'confirmed' && !row.warning) {
    ctx.addIssue({
      code: 'custom',
      path: ['warning'],
      message: 'an unconfirmed or conflicting rule needs a `warning` that explains it to the reader',
    });
  }
}
