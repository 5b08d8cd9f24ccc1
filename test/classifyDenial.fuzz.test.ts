import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { denialInputSchema, isValidDenialInput } from '../src/classifyDenial/schema.js';
import { classifyDenial, OverturnError } from '../src/index.js';
import { answerOrInvalid } from './_helpers/errors.js';

/** Runs the function and proves the only thing that can escape is a well-formed INVALID_INPUT. */
const classifyOrInvalid = (input: unknown) => answerOrInvalid(() => classifyDenial(input as never));

const codeLike = fc.oneof(
  fc.constantFrom('CO-50', 'co 50', 'PR204', 'N115', 'MA130', '50', 'OA-18', 'B8', 'A1', 'CO-999', 'X', ''),
  fc.string({ maxLength: 12 }),
);
const denialLike = fc.record(
  {
    codes: fc.oneof(fc.array(codeLike, { maxLength: 6 }), fc.anything()),
    text: fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.constantFrom('Not medically necessary.', 'No prior authorization on file'),
      fc.anything(),
    ),
    stage: fc.oneof(
      fc.constantFrom('prior_authorization', 'claim', 'concurrent_review', 'pre-auth'),
      fc.anything(),
    ),
    planType: fc.oneof(fc.constantFrom('employer_erisa', 'medicare_original', 'erisa'), fc.anything()),
    asOf: fc.oneof(fc.constantFrom('2026-01-01', '2026-02-30', '01/15/2026'), fc.anything()),
  },
  { requiredKeys: [] },
);

describe('classifyDenial on arbitrary input', () => {
  it('returns a classification or throws INVALID_INPUT for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        classifyOrInvalid(value);
      }),
      { numRuns: 500 },
    );
  });

  it('never crashes on near-valid inputs and never mutates them', () => {
    fc.assert(
      fc.property(denialLike, (input) => {
        const before = structuredClone(input);
        const result = classifyOrInvalid(input);
        expect(input).toEqual(before);
        if (result) {
          expect(result.candidates.every((candidate) => candidate.score > 0)).toBe(true);
          expect(result.category === 'unknown').toBe(result.candidates.length === 0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('treats __proto__ keys as inert data', () => {
    const input = JSON.parse('{"codes":["CO-50"],"__proto__":{"polluted":true}}');
    expect(() => classifyDenial(input)).toThrow(OverturnError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const nested = JSON.parse('{"codes":["CO-50"],"text":"x","constructor":{"prototype":{"polluted":true}}}');
    expect(() => classifyDenial(nested)).toThrow(OverturnError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('gives the same answer for the same input every time (deterministic)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('CO-50', 'N115', 'CO-197', 'PR-204', 'OA-18'), { minLength: 1 }),
        fc.string(),
        (codes, text) => {
          expect(classifyDenial({ codes, text })).toEqual(classifyDenial({ codes, text }));
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('the fast check of DenialInput', () => {
  // classifyWith skips the schema when isValidDenialInput says yes: it must never say yes where the schema
  // says no, and what it lets through must be exactly what the schema would give.
  const withExtra = fc
    .tuple(denialLike, fc.constantFrom('code', '__proto__', 'Text', 'notes'), fc.anything())
    .map(([input, key, value]) => ({ ...input, [key]: value }));
  const validCodes = fc.array(fc.constantFrom('CO-50', 'co 50', 'PR204', 'N115', 'MA130', '50', 'B8'), {
    maxLength: 4,
  });
  const valid = fc
    .record(
      {
        codes: validCodes,
        text: fc.constantFrom('Not medically necessary.', '   ', ''),
        stage: fc.constantFrom('prior_authorization', 'claim', 'concurrent_review', undefined),
        planType: fc.constantFrom('employer_erisa', 'medicare_original', 'fehb'),
        asOf: fc.constantFrom('2026-01-01', '1999-12-31', undefined),
      },
      { requiredKeys: [] },
    )
    .filter((input) => (input.codes?.length ?? 0) > 0 || Boolean(input.text?.trim()));

  // Objects that inherit keys (zod reads those too): from an array, or from another denial.
  const inheriting = fc
    .tuple(valid, fc.constantFrom<object>(['CO-50'], { note: 'x' }, { codes: ['CO-50'] }))
    .map(([input, prototype]) => Object.assign(Object.create(prototype), input));

  it('never lets through what the schema refuses, and lets it through unchanged', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), denialLike, withExtra, valid, inheriting), (input) => {
        if (!isValidDenialInput(input)) return;
        const result = denialInputSchema.safeParse(input);
        expect(result.success).toBe(true);
        expect(result.data).toEqual(input);
      }),
      { numRuns: 3000 },
    );
  });

  it('lets through every valid input (so the schema runs only to explain a refusal)', () => {
    fc.assert(
      fc.property(valid, (input) => {
        expect(denialInputSchema.safeParse(input).success).toBe(true);
        expect(isValidDenialInput(input)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('OverturnError', () => {
  it('is recognised by instanceof across copies of the class (each bundle has its own)', () => {
    const copy = new OverturnError('INVALID_INPUT', [{ path: [], message: 'x' }]);
    expect(copy instanceof OverturnError).toBe(true);
    expect(copy instanceof Error).toBe(true);
    // What a second bundled copy throws looks like this: another class, the same registry brand.
    const foreign = Object.assign(new Error('x'), { [Symbol.for('overturn.OverturnError')]: true });
    expect(foreign instanceof OverturnError).toBe(true);
    expect(new Error('x') instanceof OverturnError).toBe(false);
    expect({ code: 'INVALID_INPUT' } instanceof OverturnError).toBe(false);
  });
});
