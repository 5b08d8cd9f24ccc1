import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classificationInputOf,
  deadlineInputOf,
  specialistInputOf,
  ssoInputOf,
} from '../src/analyzeCase/analyze.js';
import { caseInputSchema, isValidCaseInput } from '../src/buildChecklist/schema.js';
import type { CaseInput } from '../src/buildChecklist/types.js';
import { denialInputSchema } from '../src/classifyDenial/schema.js';
import { deadlineInputSchema } from '../src/computeAppealDeadline/schema.js';
import {
  analyzeCase,
  buildChecklist,
  CHECKLIST_ITEM_IDS,
  CHECKLIST_PHASES,
  OverturnError,
  PLAN_TYPES,
} from '../src/index.js';
import { specialistInputSchema } from '../src/recommendSpecialist/schema.js';
import { createReferenceOverturn } from '../src/reference.js';
import { ssoInputSchema } from '../src/requiresSecondSurgicalOpinion/schema.js';
import { DENIAL_CATEGORIES } from '../src/types.js';
import { answerOrInvalid } from './_helpers/errors.js';
import { assertFastCheckAgreesWithSchema } from './_helpers/fastCheck.js';

/** Runs the function and proves the only thing that can escape is a well-formed INVALID_INPUT. */
const analyzeOrInvalid = (input: unknown) => answerOrInvalid(() => analyzeCase(input as never));

/** Every field of a CaseInput. */
const CASE_FIELDS = [
  'denial',
  'planType',
  'noticeDate',
  'receivedDate',
  'urgent',
  'state',
  'icd10',
  'condition',
  'procedure',
  'claimType',
  'asOf',
  'level',
  'planWindow',
  'funding',
  'planSsoProcedures',
  'age',
  'careEnding',
  'careEndDate',
];

const day = fc
  .integer({ min: 0, max: 365 * 8 })
  .map((n) => new Date(Date.UTC(2022, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));

/** Valid cases, broad enough to reach every checklist rule's conditions. */
const validCase = fc
  .record(
    {
      codes: fc.subarray(
        [
          'CO-50',
          'N661',
          'CO-197',
          'CO-16',
          'N290',
          'CO-96',
          'CO-18',
          'CO-29',
          'PR-204',
          'CO-55',
          'CO-242',
          'CO-22',
          'CO-119',
          'CO-27',
          'CO-151',
          'CO-4',
          'CO-B7',
        ],
        { maxLength: 3 },
      ),
      text: fc.constantFrom(
        undefined,
        'The service is not medically necessary.',
        'This treatment is experimental and investigational.',
        'No prior authorization was obtained for this service.',
        'The drug is not on the formulary; step therapy applies.',
        'Records were not received.',
      ),
      stage: fc.constantFrom(undefined, 'prior_authorization', 'claim', 'concurrent_review'),
      planType: fc.constantFrom(...PLAN_TYPES),
      notice: day,
      receivedLag: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
      asOfLag: fc.option(fc.integer({ min: -5, max: 400 }), { nil: undefined }),
      urgent: fc.option(fc.boolean(), { nil: undefined }),
      state: fc.constantFrom(undefined, 'CA', 'NY', 'TX', 'NJ', 'OH', 'KS', 'ME', 'GA', 'PR'),
      icd10: fc.constantFrom(undefined, ['M17.11'], ['C50.911'], ['F32.A'], ['I21.4']),
      condition: fc.constantFrom(undefined, 'breast cancer', 'asthma'),
      procedure: fc.constantFrom(
        undefined,
        'total knee arthroplasty',
        'hysterectomy',
        '27447',
        'tonsillectomy',
      ),
      funding: fc.constantFrom(undefined, 'insured', 'self_funded'),
      careEnding: fc.constantFrom(undefined, 'hospital_discharge', 'services_ending'),
      careEndLag: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
    },
    { requiredKeys: ['codes', 'planType', 'notice'] },
  )
  .filter((c) => c.codes.length > 0 || c.text !== undefined)
  .map((c) => {
    const add = (n: number) =>
      new Date(Date.parse(`${c.notice}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    const input: Record<string, unknown> = {
      denial: {
        ...(c.codes.length ? { codes: c.codes } : {}),
        ...(c.text ? { text: c.text } : {}),
        ...(c.stage ? { stage: c.stage } : {}),
      },
      planType: c.planType,
      noticeDate: c.notice,
    };
    if (c.receivedLag !== undefined) input.receivedDate = add(c.receivedLag);
    if (c.asOfLag !== undefined) input.asOf = add(c.asOfLag);
    for (const key of [
      'urgent',
      'state',
      'icd10',
      'condition',
      'procedure',
      'funding',
      'careEnding',
    ] as const)
      if (c[key] !== undefined) input[key] = c[key];
    if (c.careEnding && c.careEndLag !== undefined) input.careEndDate = add(c.careEndLag);
    return input;
  });

describe('analyzeCase on arbitrary input', () => {
  it('returns an analysis or throws INVALID_INPUT for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        analyzeOrInvalid(value);
      }),
      { numRuns: 300 },
    );
  });

  it('never crashes on near-valid cases whose fields are replaced by any JSON, and never mutates them', () => {
    const keys = CASE_FIELDS;
    fc.assert(
      fc.property(validCase, fc.constantFrom(...keys), fc.jsonValue(), (input, key, value) => {
        const broken = { ...input, [key]: value };
        const before = structuredClone(broken);
        analyzeOrInvalid(broken);
        expect(broken).toEqual(before);
      }),
      { numRuns: 300 },
    );
  });

  it('treats __proto__ keys as inert data', () => {
    const input = JSON.parse(
      '{"denial":{"codes":["CO-50"]},"planType":"fehb","noticeDate":"2026-01-02","__proto__":{"polluted":true}}',
    );
    expect(() => analyzeCase(input)).toThrow(OverturnError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('analyzeCase validates once', () => {
  // prepareCase hands each part of a validated case to its capability without validating it again. That is
  // safe only if every part of every case the case schema accepts passes the part's own schema, unchanged.
  const keys = CASE_FIELDS;
  const cases = fc.oneof(
    validCase,
    fc
      .tuple(validCase, fc.constantFrom(...keys), fc.jsonValue())
      .map(([input, key, value]) => ({ ...input, [key]: value })),
    fc.tuple(validCase, fc.constantFrom(...PLAN_TYPES, 'x')).map(([input, planType]) => ({
      ...input,
      denial: { ...(input.denial as object), planType },
    })),
  );
  it('every part of a case its schema accepts passes the part’s own schema unchanged', () => {
    fc.assert(
      fc.property(cases, (raw) => {
        const parsed = caseInputSchema.safeParse(raw);
        if (!parsed.success) return;
        const input = parsed.data as CaseInput;
        const parts: [
          string,
          { safeParse(value: unknown): { success: boolean; data?: unknown } },
          unknown,
        ][] = [
          ['classification', denialInputSchema, classificationInputOf(input)],
          ['deadline', deadlineInputSchema, deadlineInputOf(input)],
        ];
        for (const category of DENIAL_CATEGORIES) {
          const specialist = specialistInputOf(input, category);
          if (specialist) parts.push(['specialist', specialistInputSchema, specialist]);
        }
        const sso = ssoInputOf(input);
        if (sso) parts.push(['sso', ssoInputSchema, sso]);
        for (const [, schema, part] of parts) {
          const result = schema.safeParse(part);
          expect(result.success).toBe(true);
          expect(result.data).toEqual(part);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('the fast check of CaseInput', () => {
  // prepareCase skips the schema when isValidCaseInput says yes: it must never say yes where the schema says
  // no, and what it lets through must be exactly what the schema would give.
  const keys = [...CASE_FIELDS, '__proto__', 'extra'];
  const values = fc.oneof(
    fc.jsonValue(),
    fc.constantFrom(
      undefined,
      '2026-01-05',
      '1949-12-31',
      '2151-01-01',
      '2026-02-30',
      'NY',
      'PR',
      ['I21.4'],
      ['I21.4', 'CO-50'],
      [],
      'hysterectomy',
      '   ',
      '—',
      { amount: 60, unit: 'days' },
      { amount: 3651, unit: 'days' },
      { amount: 121, unit: 'months' },
      { amount: 1.5, unit: 'days' },
      { amount: 3, unit: 'weeks' },
      { amount: 3, unit: 'days', extra: undefined },
      17,
      -1,
      131,
      2.5,
      'disability',
      'self_funded',
      'hospital_discharge',
      'internal_appeal',
      true,
      ['hysterectomy', ''],
      { codes: ['CO-50'], planType: 'fehb' },
    ),
  );
  it('never lets through what the schema refuses, and lets it through unchanged', () => {
    assertFastCheckAgreesWithSchema({
      valid: validCase as fc.Arbitrary<Record<string, unknown>>,
      keys,
      values,
      check: isValidCaseInput,
      schema: caseInputSchema,
    });
  });

  it('lets through every valid case, so the schema runs only to explain a refusal', () => {
    fc.assert(
      fc.property(validCase, (input) => {
        expect(caseInputSchema.safeParse(input).success).toBe(true);
        expect(isValidCaseInput(input)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('analyzeCase on valid cases', () => {
  it('keeps its invariants: ids unique and ordered, dates inside the appeal, the deadline step on the deadline', () => {
    fc.assert(
      fc.property(validCase, (input) => {
        const analysis = analyzeCase(input as never);
        const { items, deadline } = analysis.checklist;
        const ids = items.map((item) => item.id);
        expect(new Set(ids).size).toBe(ids.length);
        const rank = items.map(
          (item) => CHECKLIST_PHASES.indexOf(item.phase) * 100 + CHECKLIST_ITEM_IDS.indexOf(item.id),
        );
        expect(rank).toEqual([...rank].sort((a, b) => a - b));
        for (const item of items) {
          expect(`${item.title} ${item.why}`).not.toMatch(/\{[A-Za-z]+\}/); // every placeholder filled
          if (item.dueDate === undefined) continue;
          // A care step keeps the rule's own date, even once it has passed (it is what was missed).
          const careStep = {
            request_fast_review: 'fast_review',
            request_continued_benefits: 'continue_benefits',
          }[item.id as string];
          if (careStep) {
            const step = deadline.careSteps?.find((entry) => entry.kind === careStep);
            expect(item.dueDate).toBe(step?.dueDate);
            continue;
          }
          const asOf = input.asOf as string | undefined;
          if (asOf !== undefined && asOf > deadline.deadline) {
            // Past the deadline: the filing step stays on it, every other step is due today.
            expect(item.dueDate).toBe(item.id === 'submit_written_appeal' ? deadline.deadline : asOf);
            continue;
          }
          expect(item.dueDate <= deadline.deadline).toBe(true);
          expect(item.dueDate >= deadline.clockStart.date).toBe(true);
          if (asOf !== undefined) expect(item.dueDate >= asOf).toBe(true);
        }
        const submit = items.find((item) => item.id === 'submit_written_appeal');
        expect(submit?.dueDate).toBe(deadline.deadline);
        if (!analysis.classification.secondOpinionHelps) expect(ids).not.toContain('obtain_second_opinion');
        if (input.urgent !== true) expect(ids).not.toContain('request_expedited_review');
        if (input.procedure === undefined) expect(ids).not.toContain('check_sso_requirement');
        if (input.careEnding === undefined) {
          expect(ids).not.toContain('request_fast_review');
          expect(ids).not.toContain('request_continued_benefits');
        }
        expect(buildChecklist(input as never)).toEqual(analysis.checklist);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same answer through json-rules-engine (the reference engine)', async () => {
    const reference = createReferenceOverturn();
    await fc.assert(
      fc.asyncProperty(validCase, async (input) => {
        expect(await reference.analyzeCase(input as never)).toEqual(analyzeCase(input as never));
      }),
      { numRuns: 150 },
    );
  });
});
