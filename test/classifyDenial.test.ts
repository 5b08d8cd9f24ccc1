import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  classifyDenial,
  type DenialCategory,
  type DenialClassification,
  type DenialInput,
} from '../src/index.js';
import { issuesOf } from './_helpers/errors.js';

const invalid = (input: unknown) => issuesOf(classifyDenial, input);

describe('classifyDenial: codes', () => {
  it('reads CO-50 as a high-confidence clinical necessity denial, with its evidence', () => {
    const result = classifyDenial({ codes: ['CO-50'] });
    expect(result).toMatchObject({
      category: 'medical_necessity',
      disputeKind: 'clinical',
      secondOpinionHelps: true,
      externalReviewEligible: true,
      confidence: 'high',
      candidates: [{ category: 'medical_necessity', score: 4 }],
      ruleSet: { id: 'overturn-us', version: '0.1.0' },
    });
    expect(result.evidence).toEqual([
      expect.objectContaining({
        kind: 'code',
        value: 'CO-50',
        ruleId: 'carc.50',
        category: 'medical_necessity',
        status: 'confirmed',
      }),
    ]);
  });

  it('reads every printed form of the same code the same way', () => {
    const forms = ['CO-50', 'CO50', 'co 50', '50', 'Co - 050'];
    const categories = forms.map((code) => classifyDenial({ codes: [code] }).category);
    expect(categories).toEqual(Array(forms.length).fill('medical_necessity'));
  });

  it('lets the RARC decide when the CARC is generic (CO-16 + M127, CO-96 + N425)', () => {
    expect(classifyDenial({ codes: ['CO-16', 'M127'] }).category).toBe('missing_information');
    expect(classifyDenial({ codes: ['CO-96', 'N425'] }).category).toBe('non_covered_service');
  });

  it('keeps a specific CARC over a disagreeing RARC and lists both as candidates', () => {
    // CO-50 (4) with N479, the other insurer's EOB missing (coordination of benefits, 3).
    const result = classifyDenial({ codes: ['CO-50', 'N479'] });
    expect(result.category).toBe('medical_necessity');
    expect(result.candidates.map((candidate) => candidate.category)).toEqual([
      'medical_necessity',
      'coordination_of_benefits',
    ]);
    expect(result.confidence).toBe('medium');
  });

  it('reads CO-50 with M127 as records never received, by its decision rule: the fix is to send them', () => {
    // Until 2026-12-05 this pair was the example above. A Medicare contractor denies a documentation request that
    // timed out with CO 50 and M127 (clf.records-not-received.not-necessity adds 2 to missing information: 3 + 2 > 4).
    const result = classifyDenial({ codes: ['CO-50', 'M127'] });
    expect(result.category).toBe('missing_information');
    expect(result.candidates).toEqual([
      { category: 'missing_information', score: 5 },
      { category: 'medical_necessity', score: 4 },
    ]);
    expect(result.ruleIds).toContain('clf.records-not-received.not-necessity');
    expect(result.confidence).toBe('medium');
  });

  it('gives a mixed code its main reading with medium confidence and the other reading as a candidate', () => {
    const result = classifyDenial({ codes: ['CO-11'] });
    expect(result.category).toBe('diagnosis_dispute');
    expect(result.candidates).toEqual([
      { category: 'diagnosis_dispute', score: 3 },
      { category: 'coding_error', score: 2 },
    ]);
    expect(result.confidence).toBe('medium');
  });

  it('classifies administrative codes as administrative, where a second opinion does not help', () => {
    const expected: [string, DenialCategory][] = [
      ['CO-197', 'prior_authorization'],
      ['CO-288', 'referral_missing'],
      ['PR-242', 'out_of_network'],
      ['CO-185', 'provider_ineligible'],
      ['OA-18', 'duplicate_or_bundled'],
      ['CO-4', 'coding_error'],
      ['CO-252', 'missing_information'],
      ['PR-204', 'non_covered_service'],
      ['PR-35', 'benefit_limit'],
      ['PR-27', 'eligibility'],
      ['CO-29', 'timely_filing'],
      ['CO-22', 'coordination_of_benefits'],
    ];
    for (const [code, category] of expected) {
      const result = classifyDenial({ codes: [code] });
      expect([
        code,
        result.category,
        result.disputeKind,
        result.secondOpinionHelps,
        result.externalReviewEligible,
      ]).toEqual([code, category, 'administrative', false, false]);
    }
  });

  it('classifies clinical codes as clinical', () => {
    const expected: [string, DenialCategory][] = [
      ['CO-55', 'experimental_investigational'],
      ['CO-56', 'experimental_investigational'],
      ['CO-39', 'medical_necessity'],
      ['CO-152', 'level_of_care'],
      ['CO-40', 'level_of_care'],
      ['CO-167', 'diagnosis_dispute'],
      ['CO-151', 'frequency_limit'],
      ['N623', 'experimental_investigational'],
    ];
    for (const [code, category] of expected) {
      const result = classifyDenial({ codes: [code] });
      expect([code, result.category, result.disputeKind, result.secondOpinionHelps]).toEqual([
        code,
        category,
        'clinical',
        true,
      ]);
    }
  });

  it('recognises a retired code and warns that it is retired', () => {
    const result = classifyDenial({ codes: ['CO-62'] });
    expect(result.category).toBe('prior_authorization');
    expect(result.warnings.some((warning) => warning.includes('CARC CO-62 has been retired by X12'))).toBe(
      true,
    );
  });

  it('warns about a well-formed code it does not know, and ignores it', () => {
    const result = classifyDenial({ codes: ['CO-999', 'CO-50'] });
    expect(result.category).toBe('medical_necessity');
    expect(result.warnings[0]).toBe(
      "CARC CO-999 is not in rule set overturn-us 0.1.0, so it was not used; check the code against the payer's remittance.",
    );
  });

  it('answers unknown, low confidence, with a warning for cost-sharing codes alone', () => {
    const result = classifyDenial({ codes: ['PR-1', 'PR-2', 'CO-45'] });
    expect(result).toMatchObject({
      category: 'unknown',
      disputeKind: 'administrative',
      secondOpinionHelps: false,
      externalReviewEligible: false,
      confidence: 'low',
      candidates: [],
    });
    expect(
      result.warnings.some((warning) =>
        warning.includes('cost-sharing or pricing adjustment, not a denial reason'),
      ),
    ).toBe(true);
  });

  it('does not let a cost-sharing code hide a real denial', () => {
    expect(classifyDenial({ codes: ['PR-1', 'CO-197'] }).category).toBe('prior_authorization');
  });

  it('fires the decision rules that explain context (PR-50 patient liability, CARC 61)', () => {
    expect(classifyDenial({ codes: ['PR-50'] }).ruleIds).toContain('clf.pr-50.patient-liability');
    const sso = classifyDenial({ codes: ['CO-61'] });
    expect(sso.category).toBe('prior_authorization');
    expect(sso.ruleIds).toEqual(['clf.second-surgical-opinion-not-obtained']);
  });

  it('warns that an unprocessable claim has no appeal rights (MA130)', () => {
    const result = classifyDenial({ codes: ['MA130'] });
    expect(result.category).toBe('coding_error');
    expect(result.ruleIds).toContain('clf.no-appeal-rights');
  });
});

describe('classifyDenial: stage', () => {
  it('treats a prior-authorization request denied for necessity as medical necessity, not prior authorization', () => {
    const result = classifyDenial({ codes: ['CO-50'], stage: 'prior_authorization' });
    expect(result.category).toBe('medical_necessity');
    expect(result.ruleIds).toContain('clf.pa-stage.clinical-reason');
  });

  it('does not call a request made at the prior-authorization stage a missing authorization', () => {
    const result = classifyDenial({ codes: ['CO-197'], stage: 'prior_authorization' });
    expect(result.category).toBe('medical_necessity');
    expect(result.candidates).toEqual([
      { category: 'medical_necessity', score: 2 },
      { category: 'prior_authorization', score: 1 },
    ]);
    expect(
      result.warnings.some((warning) => warning.includes('ask the plan in writing for the specific reason')),
    ).toBe(true);
  });
});

describe('classifyDenial: bad input', () => {
  it('refuses a missing reason, naming what is needed', () => {
    expect(invalid({})).toEqual([{ path: [], message: 'give at least one of `codes` or `text`' }]);
    expect(invalid({ codes: [], text: '   ' })).toEqual([
      { path: [], message: 'give at least one of `codes` or `text`' },
    ]);
  });

  it('refuses shapeless codes with the index of each', () => {
    expect(invalid({ codes: ['CO-50', 'hello', 'CO-5O'] })).toEqual([
      {
        path: ['codes', 1],
        message: '"hello" is not a CARC or RARC code (expected forms like CO-50, 50, PR-204, N115, MA130)',
      },
      {
        path: ['codes', 2],
        message: '"CO-5O" is not a CARC or RARC code (expected forms like CO-50, 50, PR-204, N115, MA130)',
      },
    ]);
    expect(invalid({ codes: ['CO-50', 42] }).map((issue) => issue.path)).toEqual([['codes', 1]]);
  });

  it('refuses unknown fields, stages and plan types', () => {
    expect(invalid({ codes: ['50'], plantype: 'employer_erisa' })[0]?.message).toMatch(/plantype/);
    expect(invalid({ codes: ['50'], stage: 'pre-auth' })[0]?.path).toEqual(['stage']);
    expect(invalid({ codes: ['50'], planType: 'erisa' })[0]?.path).toEqual(['planType']);
  });

  it('refuses an impossible asOf date and text over 100,000 characters', () => {
    expect(invalid({ codes: ['50'], asOf: '2026-02-30' })).toEqual([
      { path: ['asOf'], message: 'expected a real calendar date as YYYY-MM-DD' },
    ]);
    expect(invalid({ text: 'a'.repeat(100_001) })).toEqual([
      { path: ['text'], message: 'text is limited to 100,000 characters' },
    ]);
  });

  it('refuses non-objects', () => {
    for (const value of [null, undefined, 'CO-50', 50, ['CO-50'], true])
      expect(invalid(value).length).toBe(1);
  });
});

describe('classifyDenial on one long word', () => {
  it('reads a 100,000-character word without stemming it (the stemmer is quadratic in a word: 20,000 letters took 4.5 s)', () => {
    const started = performance.now();
    expect(classifyDenial({ text: `CO 50 ${'a'.repeat(99_990)}` }).category).toBe('unknown');
    // Not a timing test: quadratic stemming took minutes here; this takes milliseconds.
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe('types', () => {
  it('exposes the contract types', () => {
    expectTypeOf(classifyDenial).parameter(0).toEqualTypeOf<DenialInput>();
    expectTypeOf(classifyDenial).returns.toEqualTypeOf<DenialClassification>();
    expectTypeOf<DenialClassification['disputeKind']>().toEqualTypeOf<'clinical' | 'administrative'>();
    expectTypeOf<DenialClassification['confidence']>().toEqualTypeOf<'high' | 'medium' | 'low'>();
  });
});
