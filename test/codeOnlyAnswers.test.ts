import { describe, expect, it } from 'vitest';
import {
  analyzeCase,
  type CaseInput,
  classifyDenial,
  createOverturn,
  type DenialInput,
  defaultRuleSetSource,
  type RuleSetSource,
} from '../src/index.js';
import { createReferenceOverturn } from '../src/reference.js';
import { loadFixtures } from './_helpers/fixtures.js';

// Code-only answers are remembered per code set (src/classifyDenial/codeOnlyAnswers.ts): a remembered answer
// must be the answer, a fresh object every time, and keyed by every field the answer depends on.
const reference = createReferenceOverturn();
const codeOnly = loadFixtures('denials')
  .map((fixture) => fixture.input as DenialInput)
  .filter((input) => input.codes?.length && input.text === undefined);

describe('remembered code-only answers', () => {
  it('are the answer json-rules-engine gives, on every code-only fixture, the first time and after', async () => {
    expect(codeOnly.length).toBeGreaterThan(20);
    for (const input of codeOnly) {
      const oracle = await reference.classifyDenial(input);
      expect(classifyDenial(input)).toEqual(oracle);
      expect(classifyDenial(input)).toEqual(oracle);
      // A remembered answer prints as the computed one: the same fields, in the same order.
      expect(JSON.stringify(classifyDenial({ ...input }))).toBe(JSON.stringify(oracle));
    }
  });

  it('are a new object each time: changing one answer changes no later answer', () => {
    const computed = classifyDenial({ codes: ['CO-50', 'N115'] });
    const first = classifyDenial({ codes: ['CO-50', 'N115'] });
    expect(first).toEqual(computed);
    const before = structuredClone(first);
    first.category = 'unknown';
    first.candidates.push({ category: 'unknown', score: 99 });
    (first.candidates[0] as { score: number }).score = -1;
    (first.evidence[0] as { value: string }).value = 'changed';
    first.evidence.pop();
    first.ruleIds.push('changed');
    first.warnings.push('changed');
    const second = classifyDenial({ codes: ['CO-50', 'N115'] });
    expect(second).toEqual(before);
    expect(second).not.toBe(first);
    expect(second.evidence[0]).not.toBe(first.evidence[0]);
  });

  it('depend on the stage: CO-197 is prior authorization on a claim, medical necessity at the request stage', () => {
    // At the prior-authorization stage a missing authorization cannot be the reason
    // (clf.pa-stage.authorization-not-missing), and a request denied without a clinical reason reads as
    // medical necessity (clf.pa-request-denied.no-reason): 2 points against prior authorization's 4 − 3.
    expect(classifyDenial({ codes: ['CO-197'] }).category).toBe('prior_authorization');
    expect(classifyDenial({ codes: ['CO-197'], stage: 'prior_authorization' }).category).toBe(
      'medical_necessity',
    );
    expect(classifyDenial({ codes: ['CO-197'] }).category).toBe('prior_authorization');
  });

  it('depend on the codes as written and in their order (the evidence quotes them)', () => {
    expect(classifyDenial({ codes: ['co 50'] }).evidence[0]?.value).toBe('CO-50');
    expect(classifyDenial({ codes: ['50'] }).evidence[0]?.value).toBe('50');
    expect(classifyDenial({ codes: ['N115', 'CO-50'] }).evidence.map((item) => item.value)).toEqual([
      'N115',
      'CO-50',
    ]);
    expect(classifyDenial({ codes: ['CO-50', 'N115'] }).evidence.map((item) => item.value)).toEqual([
      'CO-50',
      'N115',
    ]);
  });

  it('are kept apart per rule set', async () => {
    const own = createOverturn();
    for (const input of codeOnly.slice(0, 10)) {
      expect(own.classifyDenial(input)).toEqual(classifyDenial(input));
      expect(own.classifyDenial(input)).toEqual(await reference.classifyDenial(input));
    }
  });

  it('stay bounded: past what the store holds, every code set still gets its own answer', async () => {
    // 3,000 distinct sets, twice over, against a store of 2,048: it is emptied on the way, and each answer
    // must still be the one json-rules-engine gives.
    const inputs: DenialInput[] = [];
    for (let number = 0; number < 3000; number++) {
      inputs.push({ codes: [`CO-${(number % 60) + 1}`, `N${Math.floor(number / 60) + 1}`] });
    }
    for (const round of [1, 2]) {
      for (const input of inputs) {
        expect([round, classifyDenial(input)]).toEqual([round, await reference.classifyDenial(input)]);
      }
    }
  });

  it('depend on the date only through the decision rules in effect on it', async () => {
    // A rule set whose rule clf.pa-stage.authorization-not-missing applies from 2025-01-01 to 2025-06-30.
    const source = structuredClone(defaultRuleSetSource) as RuleSetSource & {
      files: Record<string, { rules: { id: string; effectiveFrom?: string; effectiveTo?: string }[] }>;
    };
    const rule = source.files['classification/decisions.json']?.rules.find(
      (item) => item.id === 'clf.pa-stage.authorization-not-missing',
    );
    if (!rule) throw new Error('the rule this test dates is gone');
    rule.effectiveFrom = '2025-01-01';
    rule.effectiveTo = '2025-06-30';
    const dated = createOverturn({ rules: source });
    const datedReference = createReferenceOverturn({ rules: source });
    const fired = (asOf?: string) =>
      dated
        .classifyDenial({ codes: ['CO-197'], stage: 'prior_authorization', ...(asOf ? { asOf } : {}) })
        .ruleIds.includes(rule.id);
    // Each day twice, in an order that would hand out a neighbour's answer if the period were wrong.
    const days = ['2025-03-01', '2024-12-31', '2025-01-01', '2025-06-30', '2025-07-01', '2026-01-01'];
    for (const asOf of [...days, ...days.reverse()]) {
      const input: DenialInput = { codes: ['CO-197'], stage: 'prior_authorization', asOf };
      expect([asOf, dated.classifyDenial(input)]).toEqual([asOf, await datedReference.classifyDenial(input)]);
    }
    expect(days.map((asOf) => [asOf, fired(asOf)])).toEqual([
      ['2026-01-01', false],
      ['2025-07-01', false],
      ['2025-06-30', true],
      ['2025-01-01', true],
      ['2024-12-31', false],
      ['2025-03-01', true],
    ]);
    // With no date, only rules without an end apply (isInEffect): this one does not.
    expect(fired()).toBe(false);
  });

  it('are what analyzeCase reads a code-only denial as, and a new object there too', async () => {
    const input: CaseInput = {
      denial: { codes: ['CO-197'] },
      planType: 'employer_erisa',
      noticeDate: '2026-01-02',
    };
    const first = analyzeCase(input);
    first.classification.warnings.push('changed');
    (first.classification.evidence[0] as { value: string }).value = 'changed';
    const second = analyzeCase(input);
    expect(second.classification).toEqual((await reference.analyzeCase(input)).classification);
    expect(second.classification).toEqual(
      classifyDenial({ codes: ['CO-197'], planType: 'employer_erisa', asOf: '2026-01-02' }),
    );
    expect(second.classification.evidence[0]?.value).toBe('CO-197');
  });

  it('are not used for text: the words decide', () => {
    expect(classifyDenial({ codes: ['CO-16'], text: 'No prior authorization on file.' }).category).toBe(
      'prior_authorization',
    );
  });
});
