import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClaimResponse, ExplanationOfBenefit } from '@medplum/fhirtypes';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseInputSchema } from '../src/buildChecklist/schema.js';
import {
  analyzeCase,
  type FhirAdapterOptions,
  type FhirDenialCase,
  fromFhirClaimResponse,
  fromFhirExplanationOfBenefit,
  OverturnError,
} from '../src/index.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'adapters', 'fhir');
const FIXTURES = [
  'claimresponse-prior-auth-denied.json',
  'eob-group-code-extensions.json',
  'eob-header-denial.json',
  'eob-inpatient-denied-line.json',
  'eob-medicare-payer.json',
  'eob-pharmacy-formulary.json',
  'eob-professional-partial.json',
  'eob-rarc-only.json',
] as const;

/** A fixture, freshly parsed (each test gets its own copy). */
function load(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(dir, name), 'utf8')) as Record<string, unknown>;
}
const eob = (name: string) => load(name) as unknown as ExplanationOfBenefit;
const claimResponse = (name: string) => load(name) as unknown as ClaimResponse;

/** Either adapter, by the resource's type. */
function adapt(resource: unknown, options?: FhirAdapterOptions): FhirDenialCase[] {
  const type = (resource as { resourceType?: unknown } | null)?.resourceType;
  return type === 'ClaimResponse'
    ? fromFhirClaimResponse(resource as ClaimResponse, options)
    : fromFhirExplanationOfBenefit(resource as ExplanationOfBenefit, options);
}

/** The issues of the OverturnError `run` throws (and fails if it throws something else or nothing). */
function issuesOf(run: () => unknown): { path: (string | number)[]; message: string }[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(OverturnError);
    expect((error as OverturnError).code).toBe('INVALID_INPUT');
    return (error as OverturnError).issues.map(({ path, message }) => ({ path, message }));
  }
  throw new Error('expected an OverturnError');
}

const categoryOf = (denied: FhirDenialCase) => analyzeCase(denied.case).classification.category;

describe('fromFhirExplanationOfBenefit: the fixtures', () => {
  it('inpatient EOB: only the denied line (CO-50 + N115), the paid line with CO-45 is left out', () => {
    const result = fromFhirExplanationOfBenefit(eob('eob-inpatient-denied-line.json'));
    expect(result).toEqual([
      {
        item: { sequence: 2, reference: 'ExplanationOfBenefit/eob-inpatient-2026-0142#item-2' },
        status: 'denied',
        case: {
          denial: {
            codes: ['CO-50', 'N115'],
            text:
              'Claim partially paid\nThe lumbar fusion was reviewed against the local coverage determination for ' +
              'lumbar spinal fusion. The records do not show six months of conservative care, so the service is ' +
              'not medically necessary as billed.',
            stage: 'claim',
          },
          planType: 'medicare_advantage',
          noticeDate: '2026-04-14',
          icd10: ['M48.062', 'M54.16'],
          procedure: '22612',
        },
        warnings: [
          'planType medicare_advantage was read from insurer.display "Example Health Medicare Advantage HMO"; give options.planType if that is not the plan',
        ],
      },
    ]);
    expect(categoryOf(result[0] as FhirDenialCase)).toBe('medical_necessity');
  });

  it('professional EOB, partial denial: lines 2 and 3 with their own CARC, notes and linked diagnoses', () => {
    const result = fromFhirExplanationOfBenefit(eob('eob-professional-partial.json'), {
      planType: 'employer_erisa',
    });
    const general = 'You may appeal this decision within 180 days of the date of this notice.';
    expect(result).toEqual([
      {
        item: { sequence: 2, reference: 'ExplanationOfBenefit/eob-prof-2026-0388#item-2' },
        status: 'denied',
        case: {
          denial: {
            codes: ['CO-197'],
            text: `Claim partially paid\n${general}\nNo prior authorization was on file for this imaging service.`,
            stage: 'claim',
          },
          planType: 'employer_erisa',
          noticeDate: '2026-03-02',
          icd10: ['M54.16'],
          procedure: '72148',
        },
        warnings: [],
      },
      {
        item: { sequence: 3, reference: 'ExplanationOfBenefit/eob-prof-2026-0388#item-3' },
        status: 'denied',
        case: {
          denial: {
            codes: ['PR-119'],
            text:
              `Claim partially paid\n${general}\nYour plan covers 20 physical therapy visits per calendar year. ` +
              'This visit is over that limit.',
            stage: 'claim',
          },
          planType: 'employer_erisa',
          noticeDate: '2026-03-02',
          icd10: ['M54.16', 'M62.81'],
          procedure: '97110',
        },
        warnings: [],
      },
    ]);
    expect(result.map(categoryOf)).toEqual(['prior_authorization', 'benefit_limit']);
  });

  it('professional EOB without a plan hint: refused at ["planType"], asking for options.planType', () => {
    expect(issuesOf(() => fromFhirExplanationOfBenefit(eob('eob-professional-partial.json')))).toEqual([
      {
        path: ['planType'],
        message:
          'the resource does not say which kind of plan this is (insurer "Example Health Plan"): give options.planType',
      },
    ]);
  });

  it('pharmacy EOB: the NCPDP reject code is kept as text only, and the note classifies it (formulary)', () => {
    const result = fromFhirExplanationOfBenefit(eob('eob-pharmacy-formulary.json'));
    expect(result).toEqual([
      {
        item: { sequence: 1, reference: 'ExplanationOfBenefit/eob-rx-2026-5531#item-1' },
        status: 'denied',
        case: {
          denial: {
            text:
              "This drug is not on the plan's formulary. Step therapy applies: a preferred alternative must be " +
              'tried first. Your prescriber can ask for a formulary exception.\nDrug not on the plan formulary',
            stage: 'claim',
          },
          planType: 'medicare_part_d',
          noticeDate: '2026-05-05',
          procedure: 'adalimumab 40 mg/0.4 mL pen (brand)',
        },
        warnings: [
          'planType medicare_part_d was read from insurer.display "Example Rx Medicare Part D Prescription Drug Plan"; give options.planType if that is not the plan',
          'NCPDP reject code "70" is not a CARC or RARC: its text was kept',
        ],
      },
    ]);
    expect(categoryOf(result[0] as FhirDenialCase)).toBe('formulary_or_step_therapy');
  });

  it('header-level denial (payment.type denied, no item reason): one case for the claim, sequence 0', () => {
    const result = fromFhirExplanationOfBenefit(eob('eob-header-denial.json'));
    expect(result).toEqual([
      {
        item: { sequence: 0, reference: 'ExplanationOfBenefit/eob-prof-2026-0705' },
        status: 'denied',
        case: {
          denial: {
            text:
              'Claim denied\nOur records show the member was not an active member on the date of service. ' +
              'Coverage ended on 2026-01-31.',
            stage: 'claim',
          },
          planType: 'medicaid_managed_care',
          noticeDate: '2026-02-19',
          icd10: ['J45.40'],
        },
        warnings: [
          'planType medicaid_managed_care was read from Coverage.type (Source of Payment Typology 211); give options.planType if that is not the plan',
        ],
      },
    ]);
    expect(categoryOf(result[0] as FhirDenialCase)).toBe('eligibility');
  });

  it('Medicare as the payer: Original Medicare, said in a warning; CO-119 + N362', () => {
    const result = fromFhirExplanationOfBenefit(eob('eob-medicare-payer.json'));
    expect(result).toEqual([
      {
        item: { sequence: 1, reference: 'ExplanationOfBenefit/eob-carrier-2026-2207#item-1' },
        status: 'denied',
        case: {
          denial: {
            codes: ['CO-119', 'N362'],
            text:
              'Processed\nMedicare pays for this screening once in a set period. The service was billed before ' +
              'that period ended.',
            stage: 'claim',
          },
          planType: 'medicare_original',
          noticeDate: '2026-08-11',
          icd10: ['Z12.11'],
          procedure: 'G0121',
        },
        warnings: [
          'planType medicare_original was read from insurer.display "Medicare", insurance[0].coverage.display "Medicare Part B"; give options.planType if that is not the plan',
        ],
      },
    ]);
    const analysis = analyzeCase((result[0] as FhirDenialCase).case);
    // CARC 119 is mixed (a benefit limit, 3, or a frequency limit, 2) and N362 says frequency (2): the
    // notice's own "once in a set period" (2) decides, as the letter does for every mixed code.
    expect(analysis.classification.category).toBe('frequency_limit');
    expect(analysis.classification.candidates.slice(0, 2)).toEqual([
      { category: 'frequency_limit', score: 4 },
      { category: 'benefit_limit', score: 3 },
    ]);
    expect(analysis.deadline.level).toBe('redetermination');
  });

  it('RARC-only denial (CARIN STU1 denialreason slice): M127 + N706 → missing information', () => {
    const result = fromFhirExplanationOfBenefit(eob('eob-rarc-only.json'), {
      planType: 'employer_non_erisa',
    });
    expect(result).toEqual([
      {
        item: { sequence: 1, reference: 'ExplanationOfBenefit/eob-outpatient-2026-1460#item-1' },
        status: 'denied',
        case: {
          denial: { codes: ['M127', 'N706'], text: 'Claim denied', stage: 'claim' },
          planType: 'employer_non_erisa',
          noticeDate: '2026-09-29',
          icd10: ['K80.20'],
          procedure: '76700',
        },
        warnings: [],
      },
    ]);
    expect(categoryOf(result[0] as FhirDenialCase)).toBe('missing_information');
  });

  it('group codes in extensions prefix the CARC (CO-97, PR-204); the paid line (CO + 45) is left out', () => {
    const result = fromFhirExplanationOfBenefit(eob('eob-group-code-extensions.json'));
    const warning =
      'planType tricare was read from insurer.display "TRICARE East Region"; give options.planType if that is not the plan';
    expect(result).toEqual([
      {
        item: { sequence: 1, reference: 'ExplanationOfBenefit/eob-prof-2026-3319#item-1' },
        status: 'denied',
        case: {
          denial: { codes: ['CO-97'], text: 'Claim partially paid', stage: 'claim' },
          planType: 'tricare',
          noticeDate: '2026-10-07',
          icd10: ['L72.3'],
          procedure: '99213',
        },
        warnings: [warning],
      },
      {
        item: { sequence: 2, reference: 'ExplanationOfBenefit/eob-prof-2026-3319#item-2' },
        status: 'denied',
        case: {
          denial: {
            codes: ['PR-204'],
            text: 'Claim partially paid\nThis service is not covered under your plan (cosmetic).',
            stage: 'claim',
          },
          planType: 'tricare',
          noticeDate: '2026-10-07',
          icd10: ['L57.0'],
          procedure: '17110',
        },
        warnings: [warning],
      },
    ]);
    expect(result.map(categoryOf)).toEqual(['duplicate_or_bundled', 'non_covered_service']);
  });
});

describe('fromFhirClaimResponse', () => {
  it('prior-authorization denial: stage, CARC 50, and the contained Claim gives procedure and diagnosis', () => {
    const result = fromFhirClaimResponse(claimResponse('claimresponse-prior-auth-denied.json'), {
      planType: 'individual_market',
      receivedDate: '2026-06-08',
      state: 'CO',
    });
    expect(result).toEqual([
      {
        item: { sequence: 1, reference: 'ClaimResponse/pa-response-2026-0912#item-1' },
        status: 'denied',
        case: {
          denial: {
            codes: ['50'],
            text:
              'Prior authorization request denied\nThe request for a total knee replacement does not meet the ' +
              'clinical criteria: at least three months of documented conservative therapy are required.',
            stage: 'prior_authorization',
          },
          planType: 'individual_market',
          noticeDate: '2026-06-04',
          receivedDate: '2026-06-08',
          state: 'CO',
          icd10: ['M17.11'],
          procedure: '27447',
        },
        warnings: [],
      },
    ]);
    expect(categoryOf(result[0] as FhirDenialCase)).toBe('medical_necessity');
  });

  it('reads error[] codes as the reasons of the item they name, and refuses an error naming no item', () => {
    const base = {
      resourceType: 'ClaimResponse',
      id: 'cr-errors',
      use: 'claim',
      outcome: 'error',
      created: '2026-01-15',
      item: [{ itemSequence: 1 }, { itemSequence: 2 }],
      error: [
        {
          itemSequence: 2,
          code: { coding: [{ system: 'https://x12.org/codes/claim-adjustment-reason-codes', code: '16' }] },
        },
        {
          code: {
            coding: [{ system: 'https://x12.org/codes/remittance-advice-remark-codes', code: 'MA130' }],
          },
        },
      ],
    };
    const result = fromFhirClaimResponse(base as unknown as ClaimResponse, { planType: 'employer_erisa' });
    expect(result.map((entry) => [entry.item.reference, entry.case.denial.codes])).toEqual([
      ['ClaimResponse/cr-errors#item-2', ['16']],
    ]);
    const broken = structuredClone(base);
    (broken.error[0] as { itemSequence: number }).itemSequence = 9;
    expect(
      issuesOf(() =>
        fromFhirClaimResponse(broken as unknown as ClaimResponse, { planType: 'employer_erisa' }),
      ),
    ).toEqual([{ path: ['error', 0, 'itemSequence'], message: 'no item has itemSequence 9' }]);
  });

  it('refuses a request that points to no contained Claim', () => {
    const resource = load('claimresponse-prior-auth-denied.json');
    resource.request = { reference: '#missing' };
    expect(
      issuesOf(() =>
        fromFhirClaimResponse(resource as unknown as ClaimResponse, { planType: 'individual_market' }),
      ),
    ).toEqual([{ path: ['request', 'reference'], message: 'no contained Claim has id "missing"' }]);
  });
});

describe('malformed resources', () => {
  it('another resource type is refused at ["resourceType"]', () => {
    expect(issuesOf(() => fromFhirExplanationOfBenefit(eob('malformed-not-an-eob.json')))).toEqual([
      { path: ['resourceType'], message: 'expected an ExplanationOfBenefit resource, got "Claim"' },
    ]);
    expect(
      issuesOf(() => fromFhirClaimResponse(claimResponse('eob-rarc-only.json'))).map((i) => i.path),
    ).toEqual([['resourceType']]);
  });

  it('bad codes and broken references are refused at their paths', () => {
    expect(
      issuesOf(() =>
        fromFhirExplanationOfBenefit(eob('malformed-bad-codes.json'), { planType: 'employer_erisa' }),
      ),
    ).toEqual([
      { path: ['item', 0, 'diagnosisSequence', 1], message: 'no diagnosis has sequence 3' },
      {
        path: ['item', 1, 'adjudication', 0, 'reason', 'coding', 0, 'code'],
        message: '"CO-5O" is not a claim adjustment reason code (expected forms like 50, CO-50, B7)',
      },
    ]);
  });

  it('wrong shapes are refused with every path', () => {
    expect(
      issuesOf(() => fromFhirExplanationOfBenefit(eob('malformed-structure.json'))).map((i) => i.path),
    ).toEqual([
      ['outcome'],
      ['created'],
      ['item', 0, 'sequence'],
      ['item', 0, 'adjudication', 0, 'category'],
      ['item', 0, 'adjudication', 1, 'amount', 'value'],
    ]);
  });

  it('refuses values that are not resources at all', () => {
    for (const value of [null, 42, 'ExplanationOfBenefit', [], {}]) {
      expect(issuesOf(() => fromFhirExplanationOfBenefit(value as never)).length).toBeGreaterThan(0);
    }
    expect(issuesOf(() => fromFhirExplanationOfBenefit(null as never))).toEqual([
      { path: [], message: 'Invalid input: expected object, received null' },
    ]);
  });
});

/** A small valid EOB with one item, for the rules below. */
function oneItem(adjudication: unknown[], extra: Record<string, unknown> = {}): ExplanationOfBenefit {
  return {
    resourceType: 'ExplanationOfBenefit',
    id: 'eob-unit',
    use: 'claim',
    outcome: 'complete',
    created: '2026-03-02T23:30:00-10:00',
    item: [{ sequence: 4, productOrService: { text: 'Knee injection' }, adjudication }],
    ...extra,
  } as unknown as ExplanationOfBenefit;
}
const CARC = 'https://x12.org/codes/claim-adjustment-reason-codes';
const category = (system: string, code: string) => ({ coding: [{ system, code }] });
const HL7 = 'http://terminology.hl7.org/CodeSystem/adjudication';
const C4BB = 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBAdjudication';
const STATUS = 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBPayerAdjudicationStatus';
const DISCRIMINATOR = 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBAdjudicationDiscriminator';
const reason = (code: string, system = CARC) => ({
  category: category(DISCRIMINATOR, 'adjustmentreason'),
  reason: { coding: [{ system, code }] },
});
const amount = (system: string, code: string, value: number) => ({
  category: category(system, code),
  amount: { value, currency: 'USD' },
});
const erisa = { planType: 'employer_erisa' } as const;

describe('what counts as denied', () => {
  it('takes the notice date as written: the first ten characters of created, no time-zone shift', () => {
    const [denied] = fromFhirExplanationOfBenefit(oneItem([amount(HL7, 'benefit', 0), reason('50')]), erisa);
    expect(denied?.case.noticeDate).toBe('2026-03-02');
    expect(denied?.case.procedure).toBe('Knee injection');
  });

  it('a paid line with a cost-share or contractual CARC is not a denial', () => {
    expect(
      fromFhirExplanationOfBenefit(
        oneItem([amount(HL7, 'benefit', 80), reason('PR-2'), reason('CO-45')]),
        erisa,
      ),
    ).toEqual([]);
  });

  it('a paid line with a non-covered amount and a reason is a partial denial', () => {
    const [denied] = fromFhirExplanationOfBenefit(
      oneItem([amount(HL7, 'benefit', 80), amount(C4BB, 'noncovered', 40), reason('CO-151')]),
      erisa,
    );
    expect(denied?.status).toBe('partial');
    expect(denied?.case.denial.codes).toEqual(['CO-151']);
  });

  it('the C4BB "denied" status marks a line denied even without amounts or reasons', () => {
    const [denied] = fromFhirExplanationOfBenefit(oneItem([{ category: category(STATUS, 'denied') }]), erisa);
    expect(denied?.status).toBe('denied');
    expect(denied?.case.denial).toEqual({
      text: 'The ExplanationOfBenefit marks item 4 as denied but gives no reason code or note.',
      stage: 'claim',
    });
    expect(denied?.warnings).toContain(
      'no reason code or note: the kind of denial cannot be told; ask the payer for the denial letter',
    );
    expect(analyzeCase((denied as FhirDenialCase).case).classification.category).toBe('unknown');
  });

  it('a line with reasons and no amounts is read as denied, with a warning', () => {
    const [denied] = fromFhirExplanationOfBenefit(oneItem([reason('CO-50')]), erisa);
    expect(denied?.warnings).toEqual([
      'item 4 has no paid amount and no denial marker; it is read as denied because it carries reason codes',
    ]);
  });

  it('paid-to-provider 0 counts as unpaid when there is no benefit amount', () => {
    const [denied] = fromFhirExplanationOfBenefit(
      oneItem([amount(C4BB, 'paidtoprovider', 0), reason('B7')]),
      erisa,
    );
    expect(denied?.case.denial.codes).toEqual(['B7']);
  });

  it('a group code given as a coding beside the CARC prefixes it', () => {
    const [denied] = fromFhirExplanationOfBenefit(
      oneItem([
        amount(HL7, 'benefit', 0),
        {
          category: category(DISCRIMINATOR, 'adjustmentreason'),
          reason: {
            coding: [
              { system: 'https://payer.example.org/group', code: 'OA' },
              { system: CARC, code: '18' },
            ],
          },
        },
      ]),
      erisa,
    );
    expect(denied?.case.denial.codes).toEqual(['OA-18']);
  });

  it('reads a reason coding without a system only when its shape is certain (CO-16, N290), with a warning', () => {
    const [denied] = fromFhirExplanationOfBenefit(
      oneItem([
        amount(HL7, 'benefit', 0),
        {
          category: category(DISCRIMINATOR, 'adjustmentreason'),
          reason: { coding: [{ code: 'CO-16' }, { code: '16' }] },
        },
      ]),
      erisa,
    );
    expect(denied?.case.denial.codes).toEqual(['CO-16']);
    expect(denied?.warnings).toEqual([
      'reason code "CO-16" has no code system; it was read as the CARC CO-16',
      'reason code "16" has no code system, so it cannot be read as a CARC or RARC: it was not read',
    ]);
  });

  it('a group-code extension with a value that is not a group code is ignored, with a warning', () => {
    const [denied] = fromFhirExplanationOfBenefit(
      oneItem([
        amount(HL7, 'benefit', 0),
        {
          ...reason('18'),
          extension: [{ url: 'https://payer.example.org/adjustment-group', valueCode: 'XX' }],
        },
      ]),
      erisa,
    );
    expect(denied?.case.denial.codes).toEqual(['18']);
    expect(denied?.warnings).toEqual([
      'an extension "https://payer.example.org/adjustment-group" holds "XX", which is not a claim adjustment group code (CO, CR, OA, PI, PR); ignored',
    ]);
  });

  it('outcome "error" with no item denied gives one case for the claim, with header reasons', () => {
    const resource = oneItem([amount(HL7, 'submitted', 100)], {
      outcome: 'error',
      adjudication: [reason('CO-29')],
    });
    const [denied] = fromFhirExplanationOfBenefit(resource, erisa);
    expect(denied?.item).toEqual({ sequence: 0, reference: 'ExplanationOfBenefit/eob-unit' });
    expect(denied?.case.denial.codes).toEqual(['CO-29']);
    expect(denied?.case.procedure).toBe('Knee injection');
  });

  it('nothing denied gives [] (and does not ask for a plan type)', () => {
    expect(fromFhirExplanationOfBenefit(oneItem([amount(HL7, 'benefit', 120)]))).toEqual([]);
    expect(
      fromFhirExplanationOfBenefit({ resourceType: 'ExplanationOfBenefit', created: '2026-01-01' } as never),
    ).toEqual([]);
  });

  it('a denied item without own codes takes the header codes', () => {
    const resource = oneItem([{ category: category(STATUS, 'denied') }], { adjudication: [reason('CO-27')] });
    expect(fromFhirExplanationOfBenefit(resource, erisa)[0]?.case.denial.codes).toEqual(['CO-27']);
  });
});

describe('plan type', () => {
  it('options.planType wins, and a differing hint is reported', () => {
    const [denied] = fromFhirExplanationOfBenefit(eob('eob-medicare-payer.json'), {
      planType: 'medicare_advantage',
    });
    expect(denied?.case.planType).toBe('medicare_advantage');
    expect(denied?.warnings).toEqual([
      'options.planType is medicare_advantage but insurer.display "Medicare" suggests medicare_original',
      'options.planType is medicare_advantage but insurance[0].coverage.display "Medicare Part B" suggests medicare_original',
    ]);
  });

  it('conflicting hints are not certain: refused at ["planType"]', () => {
    const resource = load('eob-medicare-payer.json');
    resource.insurance = [{ focal: true, coverage: { display: 'TRICARE For Life' } }];
    expect(issuesOf(() => fromFhirExplanationOfBenefit(resource as never))).toEqual([
      {
        path: ['planType'],
        message:
          'the resource points to different kinds of plan (insurer.display "Medicare": medicare_original; insurance[0].coverage.display "TRICARE For Life": tricare): give options.planType',
      },
    ]);
  });

  it('an insurer name that merely contains "Medicare" or "Medicaid" is not certain', () => {
    for (const display of ['Example Medicare Plan', 'State Medicaid', 'Medicare Supplement Plan G']) {
      const resource = load('eob-medicare-payer.json');
      resource.insurer = { display };
      resource.insurance = [];
      expect(issuesOf(() => fromFhirExplanationOfBenefit(resource as never)).map((i) => i.path)).toEqual([
        ['planType'],
      ]);
    }
  });

  it('the EOB type (institutional, pharmacy) is never read as a plan type', () => {
    const resource = load('eob-rarc-only.json');
    expect(issuesOf(() => fromFhirExplanationOfBenefit(resource as never)).map((i) => i.path)).toEqual([
      ['planType'],
    ]);
  });

  it('a contained Coverage that is missing or malformed is refused at its path', () => {
    const missing = load('eob-header-denial.json');
    missing.contained = [];
    expect(issuesOf(() => fromFhirExplanationOfBenefit(missing as never))).toEqual([
      {
        path: ['insurance', 0, 'coverage', 'reference'],
        message: 'no contained Coverage has id "coverage-0705"',
      },
    ]);
    const malformed = load('eob-header-denial.json');
    malformed.contained = [{ ...(malformed.contained as object[])[0], type: 'medicaid' }];
    expect(issuesOf(() => fromFhirExplanationOfBenefit(malformed as never)).map((i) => i.path)).toEqual([
      ['contained', 0, 'type'],
    ]);
  });
});

describe('options and limits', () => {
  it('refuses bad options at their own paths', () => {
    const resource = eob('eob-rarc-only.json');
    expect(
      issuesOf(() =>
        fromFhirExplanationOfBenefit(resource, { planType: 'employer', state: 'ny' } as never),
      ).map((i) => i.path),
    ).toEqual([['planType'], ['state']]);
    expect(
      issuesOf(() =>
        fromFhirExplanationOfBenefit(resource, { planType: 'employer_erisa', receivedDate: '2026-09-01' }),
      ),
    ).toEqual([
      {
        path: ['receivedDate'],
        message: 'options.receivedDate 2026-09-01 is before the notice date 2026-09-29 (created)',
      },
    ]);
    expect(
      issuesOf(() => fromFhirExplanationOfBenefit(resource, { plantype: 'x' } as never))[0]?.path,
    ).toEqual([]);
  });

  it('refuses a created that is not a full real date', () => {
    for (const created of ['2026-03', '2026-13-01', '2026-03-02T10:00', '1900-01-01', 20260302]) {
      const resource = load('eob-rarc-only.json');
      resource.created = created;
      expect(
        issuesOf(() => fromFhirExplanationOfBenefit(resource as never, erisa)).map((i) => i.path),
      ).toEqual([['created']]);
    }
  });

  it('refuses bad ICD-10-CM and CPT codes, repeated sequences and missing notes at their paths', () => {
    const resource = load('eob-professional-partial.json') as {
      diagnosis: { diagnosisCodeableConcept: { coding: unknown[] } }[];
      item: { sequence: number; noteNumber?: number[]; productOrService: { coding: unknown[] } }[];
    };
    const [, secondDiagnosis] = resource.diagnosis;
    const [first, second, third] = resource.item;
    if (!secondDiagnosis || !first || !second || !third) throw new Error('fixture changed');
    secondDiagnosis.diagnosisCodeableConcept.coding = [
      { system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'M62-81' },
    ];
    first.productOrService.coding = [{ system: 'http://www.ama-assn.org/go/cpt', code: '9921' }];
    third.sequence = 2;
    second.noteNumber = [7];
    expect(issuesOf(() => fromFhirExplanationOfBenefit(resource as never, erisa))).toEqual([
      {
        path: ['diagnosis', 1, 'diagnosisCodeableConcept', 'coding', 0, 'code'],
        message: '"M62-81" is not an ICD-10-CM code (expected forms like M17.11, I21.4, F32.A)',
      },
      { path: ['item', 1, 'noteNumber', 0], message: 'no processNote has number 7' },
      { path: ['item', 2, 'sequence'], message: 'item sequence 2 is used twice' },
      {
        path: ['item', 0, 'productOrService', 'coding', 0, 'code'],
        message: '"9921" is not a CPT code (expected five letters or digits, such as 27447 or G0121)',
      },
    ]);
  });

  it('cuts the text to 100,000 characters, with a warning', () => {
    const [denied] = fromFhirExplanationOfBenefit(
      oneItem([amount(HL7, 'benefit', 0), reason('50')], { disposition: 'x'.repeat(150_000) }),
      erisa,
    );
    expect(denied?.case.denial.text).toHaveLength(100_000);
    expect(denied?.warnings).toEqual(['the denial text was cut to 100,000 characters']);
  });

  it('passes receivedDate, state, asOf and funding through', () => {
    const [denied] = fromFhirExplanationOfBenefit(eob('eob-rarc-only.json'), {
      planType: 'employer_erisa',
      receivedDate: '2026-10-03',
      state: 'NY',
      asOf: '2026-10-20',
      funding: 'insured',
    });
    expect(denied?.case).toMatchObject({
      receivedDate: '2026-10-03',
      state: 'NY',
      asOf: '2026-10-20',
      funding: 'insured',
    });
    expect(analyzeCase((denied as FhirDenialCase).case).deadline.clockStart.date).toBe('2026-10-03');
  });

  it('never mutates the input, and a "__proto__" key is inert', () => {
    const text = readFileSync(join(dir, 'eob-professional-partial.json'), 'utf8');
    const resource = JSON.parse(
      text.replace('"resourceType"', '"__proto__": { "item": [] }, "resourceType"'),
    );
    const before = structuredClone(resource);
    const result = fromFhirExplanationOfBenefit(resource, erisa);
    expect(result).toHaveLength(2);
    expect(resource).toEqual(before);
    expect(({} as Record<string, unknown>).item).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------------
// Properties: any JSON value, and valid resources broken at random, give cases or INVALID_INPUT only.

/** Runs the adapter: its cases (each a valid CaseInput), or undefined for a well-formed INVALID_INPUT. */
function casesOrInvalid(run: () => FhirDenialCase[]): FhirDenialCase[] | undefined {
  let cases: FhirDenialCase[];
  try {
    cases = run();
  } catch (error) {
    if (!(error instanceof OverturnError)) throw error;
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.issues.length).toBeGreaterThan(0);
    for (const issue of error.issues) {
      expect(Array.isArray(issue.path)).toBe(true);
      expect(typeof issue.message).toBe('string');
    }
    return undefined;
  }
  for (const denied of cases) {
    const check = caseInputSchema.safeParse(denied.case);
    expect(check.success, JSON.stringify(check.error?.issues)).toBe(true);
  }
  return cases;
}

/** Every path to a value inside `value` (objects and arrays), the root included. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out = [prefix];
  if (Array.isArray(value)) {
    value.forEach((entry, index) => {
      out.push(...pathsOf(entry, [...prefix, index]));
    });
  } else if (value && typeof value === 'object') {
    for (const [key, entry] of Object.entries(value)) out.push(...pathsOf(entry, [...prefix, key]));
  }
  return out;
}

/** `value` with the node at `path` replaced (or deleted when `replacement` is the DELETE marker). */
function mutate(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (!path.length) return replacement === DELETE ? undefined : replacement;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (replacement === DELETE) {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete node[last];
  } else node[last] = replacement;
  return copy;
}
const DELETE = Symbol('delete');

describe('properties', () => {
  it('any JSON value gives cases or INVALID_INPUT, for both adapters', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        casesOrInvalid(() => fromFhirExplanationOfBenefit(value as never));
        casesOrInvalid(() => fromFhirClaimResponse(value as never));
      }),
      { numRuns: 300 },
    );
  });

  it('resource-shaped JSON with random fields gives cases or INVALID_INPUT', () => {
    const field = fc.option(fc.jsonValue({ maxDepth: 4 }), { nil: undefined });
    const resource = fc.record(
      {
        resourceType: fc.constantFrom('ExplanationOfBenefit', 'ClaimResponse'),
        created: fc.constantFrom('2026-03-02', '2026-03-02T10:00:00Z', '2026-02-30'),
        outcome: fc.constantFrom('complete', 'error', 'partial', 'queued'),
        use: fc.constantFrom('claim', 'preauthorization', 'predetermination'),
        item: field,
        adjudication: field,
        diagnosis: field,
        processNote: field,
        insurer: field,
        insurance: field,
        contained: field,
        payment: field,
        error: field,
        request: field,
        disposition: field,
      },
      { requiredKeys: ['resourceType', 'created'] },
    );
    fc.assert(
      fc.property(resource, fc.constantFrom(undefined, erisa), (value, options) => {
        casesOrInvalid(() => adapt(value, options));
      }),
      { numRuns: 300 },
    );
  });

  it('valid fixtures broken at a random place give cases or INVALID_INPUT, and are not mutated', () => {
    const fixtures = FIXTURES.map((name) => load(name));
    const all = fixtures.map((fixture) => ({ fixture, paths: pathsOf(fixture) }));
    fc.assert(
      fc.property(
        fc.nat({ max: all.length - 1 }),
        fc.nat(),
        fc.oneof(
          fc.constant(DELETE),
          fc.jsonValue({ maxDepth: 3 }),
          fc.constantFrom('', '50', 'CO-50', 0, -1, null),
        ),
        fc.constantFrom(undefined, erisa),
        (which, at, replacement, options) => {
          const { fixture, paths } = all[which] as (typeof all)[number];
          const path = paths[at % paths.length] as (string | number)[];
          const broken = mutate(fixture, path, replacement);
          const before = structuredClone(broken);
          casesOrInvalid(() => adapt(broken, options));
          expect(broken).toEqual(before);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('every case from the fixtures is accepted by analyzeCase', () => {
    const options: Record<string, FhirAdapterOptions> = {
      'claimresponse-prior-auth-denied.json': { planType: 'individual_market' },
      'eob-professional-partial.json': erisa,
      'eob-rarc-only.json': { planType: 'employer_non_erisa' },
    };
    for (const name of FIXTURES) {
      const cases = adapt(load(name), options[name]);
      expect(cases.length, name).toBeGreaterThan(0);
      for (const denied of cases) expect(() => analyzeCase(denied.case)).not.toThrow();
    }
  });
});
