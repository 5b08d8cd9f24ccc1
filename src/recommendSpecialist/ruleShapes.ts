import * as z from 'zod';
import { lazySchema } from '../_lib/lazySchema.js';
import { tokenize } from '../engine/phraseMatcher.js';
import { parseIcd10 } from './icd10.js';

// ---------------------------------------------------------------------------------------------------
// Pieces shared by the specialist rule files

/** NUCC Health Care Provider Taxonomy codes are ten characters: three digits, six letters or digits, X. */
const NUCC_SHAPE = /^\d{3}[0-9A-Z]{6}X$/;
export const nuccCode = lazySchema(() =>
  z.string().regex(NUCC_SHAPE, 'a NUCC taxonomy code: ten characters ending in X, such as 207RC0000X'),
);
export const icd10Bound = lazySchema(() =>
  z.string().refine((value) => parseIcd10(value) !== undefined, {
    message: 'an ICD-10-CM code such as I21, I21.4 or D01.0',
  }),
);
export const phrase = lazySchema(() =>
  z
    .string()
    .min(2)
    .max(120)
    .refine((value) => tokenize(value).length > 0, { message: 'a phrase needs at least one word' }),
);
export const reference = lazySchema(() =>
  z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'the id of a row in the rule set'),
);
export const alternativeSchema = lazySchema(() =>
  z
    .object({
      code: nuccCode,
      reason: z.string().min(3).max(300),
      /** Meant for one age group: left out when the patient's age is given and is not in it. */
      onlyFor: z.enum(['children', 'olderAdults']).optional(),
    })
    .strict(),
);

/** An alternative specialist as a rule row gives it. */
export type AlternativeRow = z.infer<typeof alternativeSchema>;
export const confidence = lazySchema(() => z.enum(['high', 'medium', 'low']));
export const checkRows = uniqueIds('rows');

export function uniqueIds(key: string) {
  return (file: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    (file[key] as { id: string }[]).forEach((row, index) => {
      if (seen.has(row.id))
        ctx.addIssue({ code: 'custom', path: [key, index, 'id'], message: `duplicate id ${row.id}` });
      seen.add(row.id);
    });
  };
}

/** A range is written at one level (I20–I25, D01.0–D01.3), its end not before its start. */
export function checkBounds(row: { from: string; to?: string }, ctx: z.RefinementCtx) {
  const from = parseIcd10(row.from);
  const to = parseIcd10(row.to ?? row.from);
  if (!from || !to) return;
  if (from.code.length !== to.code.length) {
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: 'from and to are written at the same level (I20–I25, D01.0–D01.3)',
    });
  } else if (to.code < from.code) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: `${row.to} is before ${row.from}` });
  }
}
