/**
 * computeAppealDeadline, recommendSpecialist and requiresSecondSurgicalOpinion skip their schema when the fast
 * check says yes: a check must never say yes where the schema says no, and what it lets through must be what the
 * schema gives. And every valid input must pass the check, so the schema runs only to explain a refusal.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deadlineInputSchema, isValidDeadlineInput } from '../src/computeAppealDeadline/schema.js';
import {
  APPEAL_LEVELS,
  CARE_ENDING,
  CLAIM_TYPES,
  DENIAL_CATEGORIES,
  PLAN_TYPES,
  US_STATES,
} from '../src/index.js';
import { isValidSpecialistInput, specialistInputSchema } from '../src/recommendSpecialist/schema.js';
import { isValidSsoInput, ssoInputSchema } from '../src/requiresSecondSurgicalOpinion/schema.js';
import { assertFastCheckAgreesWithSchema } from './_helpers/fastCheck.js';

const odd = fc.constantFrom(
  undefined,
  null,
  '',
  '   ',
  '—',
  '2026-02-30',
  '1949-12-31',
  '2151-01-01',
  'CO-50',
  ['I21.4', 'CO-50'],
  [],
  -1,
  131,
  2.5,
  Number.NaN,
  { amount: 3651, unit: 'days' },
  { amount: 3, unit: 'weeks' },
  { amount: 3, unit: 'days', extra: 1 },
  'x'.repeat(2001),
  ['hysterectomy', ''],
  true,
  'NY',
  'pr',
);
const date = fc
  .date({ min: new Date('1940-01-01T00:00:00Z'), max: new Date('2160-12-31T00:00:00Z'), noInvalidDate: true })
  .map((value) => value.toISOString().slice(0, 10));

const validDeadline = fc.record(
  {
    planType: fc.constantFrom(...PLAN_TYPES),
    level: fc.constantFrom(...APPEAL_LEVELS),
    noticeDate: date,
    receivedDate: date,
    urgent: fc.boolean(),
    state: fc.constantFrom(...US_STATES),
    planWindow: fc.oneof(
      fc.record({ amount: fc.integer({ min: 1, max: 3650 }), unit: fc.constant('days') }),
      fc.record({ amount: fc.integer({ min: 1, max: 120 }), unit: fc.constant('months') }),
    ),
    serviceTiming: fc.constantFrom('pre_service', 'post_service'),
    funding: fc.constantFrom('insured', 'self_funded'),
    careEnding: fc.constantFrom(...CARE_ENDING),
    careEndDate: date,
    asOf: date,
  },
  { requiredKeys: ['planType'] },
);
const validSpecialist = fc.record(
  {
    icd10: fc.array(fc.constantFrom('C61', 'I21.4', 'i214', 'F32.A', 'M17.11', 'Z00.00'), { maxLength: 4 }),
    condition: fc.constantFrom('knee osteoarthritis', 'a six-month-old with reflux', '', '  '),
    claimType: fc.constantFrom(...CLAIM_TYPES),
    procedure: fc.constantFrom('knee replacement', 'IVIG', ''),
    denialCategory: fc.constantFrom(...DENIAL_CATEGORIES),
    age: fc.integer({ min: 0, max: 130 }),
  },
  { requiredKeys: [] },
);
const validSso = fc.record(
  {
    procedure: fc.constantFrom('hysterectomy', 'knee replacement', '27447'),
    planType: fc.constantFrom(...PLAN_TYPES),
    state: fc.constantFrom(...US_STATES),
    planSsoProcedures: fc.array(fc.constantFrom('hysterectomy', 'tonsillectomy'), { maxLength: 3 }),
    urgent: fc.boolean(),
    asOf: date,
  },
  { requiredKeys: ['procedure', 'planType'] },
);

interface Checked {
  name: string;
  valid: fc.Arbitrary<Record<string, unknown>>;
  fields: readonly string[];
  check: (value: unknown) => boolean;
  schema: { safeParse(value: unknown): { success: boolean; data?: unknown } };
}

const cases: Checked[] = [
  {
    name: 'DeadlineInput',
    valid: validDeadline,
    fields: Object.keys(deadlineInputSchema.shape),
    check: isValidDeadlineInput,
    schema: deadlineInputSchema,
  },
  {
    name: 'SpecialistInput',
    valid: validSpecialist,
    fields: Object.keys(specialistInputSchema.shape),
    check: isValidSpecialistInput,
    schema: specialistInputSchema,
  },
  {
    name: 'SsoInput',
    valid: validSso,
    fields: Object.keys(ssoInputSchema.shape),
    check: isValidSsoInput,
    schema: ssoInputSchema,
  },
];

for (const { name, valid, fields, check, schema } of cases) {
  describe(`the fast check of ${name}`, () => {
    it('never lets through what the schema refuses, and lets it through unchanged', () => {
      assertFastCheckAgreesWithSchema({
        valid,
        keys: [...fields, 'icd10', 'age', 'planType', '__proto__', 'extra'],
        values: fc.oneof(odd, fc.jsonValue()),
        check,
        schema,
      });
    });

    it('lets through every input the schema accepts among valid ones', () => {
      fc.assert(
        fc.property(valid, (input) => {
          if (schema.safeParse(input).success) expect(check(input)).toBe(true);
        }),
        { numRuns: 1000 },
      );
    });
  });
}
