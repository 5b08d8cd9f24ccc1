/**
 * zod schemas of the parts of FHIR R4 ExplanationOfBenefit and ClaimResponse the adapter reads. Each
 * covers the shape of the fields read and nothing else: other fields are accepted and ignored (the
 * parsed value keeps only the fields below, so an unknown or `__proto__` key can never reach the code).
 * @module
 */
import * as z from 'zod';
import { lazySchema } from '../../_lib/lazySchema.js';
import { US_STATES } from '../../computeAppealDeadline/states.js';
import { isIsoDate } from '../../dates/isoDate.js';
import { inputDateSchema } from '../../engine/provenance.js';
import { PLAN_TYPES } from '../../types.js';

const positiveInt = lazySchema(() =>
  z
    .number()
    .int('expected a positive whole number')
    .min(1, 'expected a positive whole number')
    .max(2_147_483_647, 'expected a positive whole number below 2^31'),
);

/** FHIR `id`: letters, digits, `-` and `.`, 1 to 64 characters. */
const fhirId = lazySchema(() =>
  z.string().regex(/^[A-Za-z0-9.-]{1,64}$/, 'expected a FHIR id (letters, digits, "-", ".")'),
);

/**
 * FHIR R4 `dateTime` (https://hl7.org/fhir/R4/datatypes.html#dateTime): a year, year-month or date, or a
 * date and time with seconds and a zone. The pattern is anchored and each part is fixed-width, so
 * matching is linear.
 */
const FHIR_DATE_TIME =
  /^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01])(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?$/;

/**
 * A FHIR dateTime that carries a full, real calendar date between 1950 and 2150 (the notice date is
 * its first ten characters: no time-zone conversion).
 */
const createdDateTime = lazySchema(() =>
  z.string().superRefine((value, ctx) => {
    if (value.length > 64 || !FHIR_DATE_TIME.test(value)) {
      ctx.addIssue({
        code: 'custom',
        message: 'expected a FHIR dateTime such as 2026-03-02 or 2026-03-02T10:15:00Z',
      });
      return;
    }
    const day = value.slice(0, 10);
    if (value.length < 10) {
      ctx.addIssue({
        code: 'custom',
        message: 'expected a full date (YYYY-MM-DD): the notice date is read from it',
      });
    } else if (!isIsoDate(day)) {
      ctx.addIssue({ code: 'custom', message: `"${day}" is not a real calendar date` });
    } else if (day < '1950-01-01' || day > '2150-12-31') {
      ctx.addIssue({ code: 'custom', message: 'expected a date between 1950 and 2150' });
    }
  }),
);

/** A Coding as read inside an extension value (no nested extensions). */
const plainCoding = lazySchema(() =>
  z.object({
    system: z.string().optional(),
    code: z.string().optional(),
    display: z.string().optional(),
  }),
);

/** An extension, with the value types the adapter reads (group codes). */
const extension = lazySchema(() =>
  z.object({
    url: z.string(),
    valueCode: z.string().optional(),
    valueString: z.string().optional(),
    valueCoding: plainCoding.optional(),
    valueCodeableConcept: z.object({ coding: z.array(plainCoding).optional() }).optional(),
  }),
);

const coding = lazySchema(() => plainCoding.extend({ extension: z.array(extension).optional() }));

const codeableConcept = lazySchema(() =>
  z.object({
    coding: z.array(coding).optional(),
    text: z.string().optional(),
    extension: z.array(extension).optional(),
  }),
);

const reference = lazySchema(() =>
  z.object({
    reference: z.string().optional(),
    display: z.string().optional(),
    type: z.string().optional(),
  }),
);

const money = lazySchema(() => z.object({ value: z.number().optional(), currency: z.string().optional() }));

const adjudication = lazySchema(() =>
  z.object({
    category: codeableConcept,
    reason: codeableConcept.optional(),
    amount: money.optional(),
    value: z.number().optional(),
    extension: z.array(extension).optional(),
  }),
);

const processNote = lazySchema(() =>
  z.object({
    number: positiveInt.optional(),
    text: z.string().optional(),
  }),
);

const diagnosis = lazySchema(() =>
  z.object({
    sequence: positiveInt,
    diagnosisCodeableConcept: codeableConcept.optional(),
    diagnosisReference: reference.optional(),
  }),
);

const insurance = lazySchema(() =>
  z.object({
    focal: z.boolean().optional(),
    coverage: reference.optional(),
  }),
);

const payment = lazySchema(() => z.object({ type: codeableConcept.optional() }));

const use = lazySchema(() => z.enum(['claim', 'preauthorization', 'predetermination']));
const outcome = lazySchema(() => z.enum(['queued', 'complete', 'error', 'partial']));

/** The header fields an ExplanationOfBenefit and a ClaimResponse share. */
const claimHeaderFields = () => ({
  id: fhirId.optional(),
  use: use.optional(),
  outcome: outcome.optional(),
  created: createdDateTime,
  disposition: z.string().optional(),
  insurer: reference.optional(),
  insurance: z.array(insurance).optional(),
});

/** The parts of an ExplanationOfBenefit (R4) the adapter reads. */
export const explanationOfBenefitSchema = lazySchema(() =>
  z.object({
    resourceType: z.literal('ExplanationOfBenefit', {
      error: (issue) => `expected an ExplanationOfBenefit resource, got ${describe(issue.input)}`,
    }),
    ...claimHeaderFields(),
    diagnosis: z.array(diagnosis).optional(),
    item: z
      .array(
        z.object({
          sequence: positiveInt,
          diagnosisSequence: z.array(positiveInt).optional(),
          noteNumber: z.array(positiveInt).optional(),
          productOrService: codeableConcept,
          adjudication: z.array(adjudication).optional(),
        }),
      )
      .optional(),
    adjudication: z.array(adjudication).optional(),
    payment: payment.optional(),
    processNote: z.array(processNote).optional(),
    contained: z.array(z.unknown()).optional(),
  }),
);

/** The parts of a ClaimResponse (R4) the adapter reads. */
export const claimResponseSchema = lazySchema(() =>
  z.object({
    resourceType: z.literal('ClaimResponse', {
      error: (issue) => `expected a ClaimResponse resource, got ${describe(issue.input)}`,
    }),
    ...claimHeaderFields(),
    request: reference.optional(),
    item: z
      .array(
        z.object({
          itemSequence: positiveInt,
          noteNumber: z.array(positiveInt).optional(),
          adjudication: z.array(adjudication).optional(),
        }),
      )
      .optional(),
    adjudication: z.array(adjudication).optional(),
    payment: payment.optional(),
    processNote: z.array(processNote).optional(),
    error: z.array(z.object({ itemSequence: positiveInt.optional(), code: codeableConcept })).optional(),
    contained: z.array(z.unknown()).optional(),
  }),
);

/** A contained Coverage, read for plan-type hints. */
export const containedCoverageSchema = lazySchema(() =>
  z.object({
    resourceType: z.literal('Coverage'),
    id: fhirId,
    type: codeableConcept.optional(),
    payor: z.array(reference).optional(),
    class: z.array(z.object({ value: z.string().optional(), name: z.string().optional() })).optional(),
  }),
);

/** A contained Claim (a ClaimResponse's `request`), read for the items' procedures and diagnoses. */
export const containedClaimSchema = lazySchema(() =>
  z.object({
    resourceType: z.literal('Claim'),
    id: fhirId,
    diagnosis: z.array(diagnosis).optional(),
    item: z
      .array(
        z.object({
          sequence: positiveInt,
          diagnosisSequence: z.array(positiveInt).optional(),
          productOrService: codeableConcept,
        }),
      )
      .optional(),
  }),
);

const optionDate = inputDateSchema;

/** The adapter's options. Unknown fields are refused, so a misspelt option is reported. */
export const fhirAdapterOptionsSchema = lazySchema(() =>
  z
    .object({
      planType: z.enum(PLAN_TYPES).optional(),
      receivedDate: optionDate.optional(),
      state: z
        .enum(US_STATES, { message: 'expected a two-letter USPS state code in capitals, such as NY' })
        .optional(),
      asOf: optionDate.optional(),
      funding: z.enum(['insured', 'self_funded']).optional(),
    })
    .strict(),
);

export type ParsedExplanationOfBenefit = z.output<typeof explanationOfBenefitSchema>;
export type ParsedClaimResponse = z.output<typeof claimResponseSchema>;
export type ParsedAdjudication = z.output<typeof adjudication>;
export type ParsedCodeableConcept = z.output<typeof codeableConcept>;
export type ParsedExtension = z.output<typeof extension>;
export type ParsedDiagnosis = z.output<typeof diagnosis>;
export type ParsedReference = z.output<typeof reference>;
export type ParsedInsurance = z.output<typeof insurance>;
export type ParsedProcessNote = z.output<typeof processNote>;
export type ParsedCoverage = z.output<typeof containedCoverageSchema>;
export type ParsedClaim = z.output<typeof containedClaimSchema>;
export type ParsedOptions = z.output<typeof fhirAdapterOptionsSchema>;

/** A short description of a value for a message (never more than 40 characters of it). */
export function describe(value: unknown): string {
  if (typeof value === 'string') return `"${value.slice(0, 40)}${value.length > 40 ? '…' : ''}"`;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'undefined' ? 'nothing' : `a ${typeof value}`;
}
