import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  createOverturn,
  defaultRuleSetSource,
  OverturnError,
  PLAN_TYPES,
  type RuleSetSource,
  requiresSecondSurgicalOpinion,
  SSO_REQUIREMENTS,
  type SsoDecision,
  type SsoInput,
} from '../src/index.js';
import { issuesOf } from './_helpers/errors.js';

// biome-ignore lint/suspicious/noExplicitAny: tests reach into the rule JSON to change or break it on purpose
type Json = any;

const PROGRAMS = 'sso/programs.json';
const PROCEDURES = 'sso/procedures.json';

function copy(): RuleSetSource & { files: Record<string, Json> } {
  return structuredClone(defaultRuleSetSource) as never;
}

function rowOf(source: { files: Record<string, Json> }, id: string): Json {
  return [...source.files[PROGRAMS].rows, ...source.files[PROCEDURES].rows].find(
    (row: Json) => row.id === id,
  );
}

const invalid = (input: unknown) => issuesOf(requiresSecondSurgicalOpinion, input);

const ruleSetIssues = (source: unknown) =>
  issuesOf((rules: RuleSetSource) => createOverturn({ rules }), source, 'INVALID_RULE_SET');

const nc = (procedure: string) =>
  requiresSecondSurgicalOpinion({ procedure, planType: 'medicaid_fee_for_service', state: 'NC' });

describe('requiresSecondSurgicalOpinion: worked answers', () => {
  it('North Carolina Medicaid, knee replacement: required under 10A NCAC 25P .0201, no penalty stated', () => {
    expect(nc('knee replacement')).toEqual({
      requirement: 'required',
      reason:
        'North Carolina Medicaid requires a second surgical opinion before knee surgery (10A NCAC 25P .0201).',
      citation: '10A NCAC 25P .0201',
      sourceUrl:
        'http://reports.oah.state.nc.us/ncac/title%2010a%20-%20health%20and%20human%20services/chapter%2025%20-%20medical%20assistance%20provided/subchapter%20p/10a%20ncac%2025p%20.0201.html',
      ruleStatus: 'confirmed',
      matchedProcedure: 'knee surgery',
      warnings: [
        `"knee replacement" was matched to the listed "knee surgery" through overturn's own synonym list, not the list's wording; confirm with the program or plan that it counts.`,
      ],
      ruleIds: ['sso.nc-medicaid', 'sso.list.nc-medicaid'],
      ruleSet: { id: 'overturn-us', version: '0.1.0' },
    } satisfies SsoDecision);
  });

  it('Original Medicare: "no requirement is stated", unconfirmed with a warning, and Part B coverage at 80%', () => {
    const result = requiresSecondSurgicalOpinion({
      procedure: 'cataract surgery',
      planType: 'medicare_original',
    });
    expect(result.requirement).toBe('not_required');
    expect(result.reason).toBe(
      "No requirement to get a second surgical opinion is stated for Original Medicare; CMS presents a second opinion as the beneficiary's option.",
    );
    expect(result.ruleStatus).toBe('unconfirmed');
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/^Unconfirmed: no source says in so many words/);
    expect(result.coverage).toBe(
      'Part B covers a second opinion before medically necessary surgery that is not an emergency, and a third opinion if the first two differ; after the Part B deductible the member pays 20% of the Medicare-approved amount (Medicare pays 80%) (Medicare.gov, Second surgical opinions).',
    );
    expect(result.penalty).toBeUndefined();
  });

  it('New Jersey Medicaid with the state list given: required, the surgeon’s claim is denied without one', () => {
    const result = requiresSecondSurgicalOpinion({
      procedure: '58150',
      planType: 'medicaid_fee_for_service',
      state: 'NJ',
      planSsoProcedures: ['58150'],
    });
    expect(result).toMatchObject({
      requirement: 'required',
      penalty: "The surgeon's claim is denied if no second opinion was obtained.",
      citation: 'N.J.A.C. 10:54-5.40',
      matchedProcedure: '58150',
      ruleStatus: 'confirmed',
    });
    expect(result.exemption).toBeUndefined();
  });

  it('New Jersey urgent surgery: exempt if certified, cited; without urgency the same case is required', () => {
    const input: SsoInput = {
      procedure: '58150',
      planType: 'medicaid_fee_for_service',
      state: 'NJ',
      planSsoProcedures: ['58150'],
    };
    expect(requiresSecondSurgicalOpinion({ ...input, urgent: false }).requirement).toBe('required');
    expect(requiresSecondSurgicalOpinion({ ...input, urgent: true })).toMatchObject({
      requirement: 'not_required',
      reason: 'Urgent or emergency surgery is exempt if it is certified as such (N.J.A.C. 10:54-5.40).',
      exemption: {
        reason: 'urgent_or_emergency',
        condition: 'Urgent or emergency surgery is exempt if it is certified as such.',
        citation: 'N.J.A.C. 10:54-5.40',
      },
      ruleStatus: 'confirmed',
    });
  });

  it('Pennsylvania Medicaid: in effect through 1997-03-14, ended from 1997-03-15 and by default', () => {
    const at = (asOf?: string) =>
      requiresSecondSurgicalOpinion({
        procedure: 'hysterectomy',
        planType: 'medicaid_fee_for_service',
        state: 'PA',
        planSsoProcedures: ['hysterectomy'],
        ...(asOf ? { asOf } : {}),
      });
    expect(at('1997-03-14')).toMatchObject({
      requirement: 'required',
      penalty: 'The admission was not precertified.',
      citation: '55 Pa. Code § 1150.60',
    });
    // After the end, the state program no longer applies; the list given is still the plan's own list.
    expect(at('1997-03-15')).toMatchObject({
      requirement: 'required',
      citation: expect.stringMatching(/^The plan/),
      ruleIds: ['sso.plan-list'],
    });
    const ended = requiresSecondSurgicalOpinion({
      procedure: 'hysterectomy',
      planType: 'medicaid_fee_for_service',
      state: 'PA',
    });
    expect(ended).toMatchObject({ requirement: 'not_required', ruleIds: ['sso.pa-medicaid.ended'] });
  });

  it('private plans without documents: plan_dependent, Stryker named, the 50% figure only as an unconfirmed warning', () => {
    for (const planType of [
      'employer_erisa',
      'employer_non_erisa',
      'individual_market',
      'fehb',
      'tricare',
      'disability_erisa',
    ] as const) {
      const result = requiresSecondSurgicalOpinion({ procedure: 'hysterectomy', planType });
      expect(result.requirement).toBe('plan_dependent');
      expect(result.penalty).toBeUndefined();
      expect(result.warnings[0]).toContain('Stryker');
      expect(result.warnings[1]).toContain('No plan document or other source confirms that figure');
    }
  });

  it('state coverage mandates reach insured private plan types only', () => {
    const coverage = (planType: SsoInput['planType'], state: string) =>
      requiresSecondSurgicalOpinion({ procedure: 'hysterectomy', planType, state }).coverage;
    expect(coverage('employer_erisa', 'NY')).toContain('New York requires insured health coverage');
    expect(coverage('individual_market', 'NJ')).toContain('(N.J.S.A. 17:48A-6.2).');
    expect(coverage('employer_non_erisa', 'RI')).toContain('(R.I. Gen. Laws § 27-39-2).');
    expect(coverage('employer_erisa', 'CA')).toBeUndefined();
    expect(coverage('fehb', 'NY')).toBeUndefined();
    expect(coverage('medicaid_fee_for_service', 'NY')).toBeUndefined();
  });
});

describe('requiresSecondSurgicalOpinion: procedure matching', () => {
  it.each([
    ['total knee arthroplasty', 'knee surgery'],
    ['knee replacement', 'knee surgery'],
    ['Knee arthroscopy (left)', 'knee surgery'],
    ['partial knee replacement', 'knee surgery'],
    ['ACL reconstruction', 'knee surgery'],
    ['CABG', 'coronary bypass'],
    ['coronary artery bypass graft', 'coronary bypass'],
    ['heart bypass surgery', 'coronary bypass'],
    ['tonsillectomy', 'tonsillectomy/adenoidectomy'],
    ['adenoidectomy', 'tonsillectomy/adenoidectomy'],
    ['Tonsillectomy and adenoidectomy', 'tonsillectomy/adenoidectomy'],
    ['inguinal herniorrhaphy', 'inguinal hernia repair'],
    ['repair of an inguinal hernia', 'inguinal hernia repair'],
    ['laparoscopic cholecystectomy', 'cholecystectomy'],
    ['gallbladder removal', 'cholecystectomy'],
    ['hemilaminectomy L5', 'laminectomy'],
    ['radical prostatectomy', 'prostatectomy'],
    ['hammer toe repair', 'foot surgery'],
    ['saphenous vein stripping', 'varicose vein stripping'],
    ['cataract extraction', 'cataract surgery'],
    ['haemorrhoidectomy', 'hemorrhoidectomy'],
    ['Total abdominal hysterectomy', 'hysterectomy'],
  ])('North Carolina Medicaid: %s matches "%s"', (procedure, listed) => {
    expect(nc(procedure)).toMatchObject({ requirement: 'required', matchedProcedure: listed });
  });

  it.each([
    'gastric bypass',
    'hip replacement',
    'umbilical hernia repair',
    'ventral hernia repair',
    'endovenous laser ablation',
    'kneecap bursa removal',
    'rhinoplasty',
  ])('North Carolina Medicaid: %s is not on the list', (procedure) => {
    expect(nc(procedure).requirement).toBe('not_required');
  });

  it.each([
    ['hernia repair', 'inguinal hernia repair'],
    ['herniorrhaphy', 'inguinal hernia repair'],
    ['varicose vein surgery', 'varicose vein stripping'],
  ])('North Carolina Medicaid: %s is broader than "%s" → plan_dependent', (procedure, listed) => {
    const result = nc(procedure);
    expect(result.requirement).toBe('plan_dependent');
    expect(result.matchedProcedure).toBeUndefined();
    expect(result.warnings[0]).toContain(`is broader than "${listed}"`);
  });

  it('matches whole words only, in any case and punctuation', () => {
    const plan = (procedure: string, list: string[]) =>
      requiresSecondSurgicalOpinion({ procedure, planType: 'employer_erisa', planSsoProcedures: list })
        .requirement;
    expect(plan('SPINAL-FUSION, lumbar', ['spinal fusion'])).toBe('required');
    expect(plan('spinal fusions', ['spinal fusion'])).toBe('not_required');
    expect(plan('rhinoplasty', ['rhino'])).toBe('not_required');
    expect(plan('septorhinoplasty', ['rhinoplasty'])).toBe('not_required');
    expect(plan('Rhinoplasty revision', ['rhinoplasty'])).toBe('required');
  });

  it('a list entry names its kinds, never its siblings or its parent', () => {
    const plan = (procedure: string, list: string[]) =>
      requiresSecondSurgicalOpinion({ procedure, planType: 'employer_erisa', planSsoProcedures: list })
        .requirement;
    expect(plan('total knee arthroplasty', ['knee replacement'])).toBe('required');
    expect(plan('TKA', ['total knee replacement'])).toBe('required');
    expect(plan('partial knee replacement', ['total knee replacement'])).toBe('not_required');
    expect(plan('knee replacement', ['total knee replacement'])).toBe('plan_dependent');
    expect(plan('hammertoe repair', ['bunionectomy'])).toBe('not_required');
    expect(plan('adenoidectomy', ['tonsillectomy'])).toBe('not_required');
    expect(plan('adenotonsillectomy', ['tonsillectomy'])).toBe('required');
    expect(plan('umbilical hernia repair', ['inguinal hernia repair'])).toBe('not_required');
  });

  it('matches codes only against codes, as bare codes', () => {
    const plan = (procedure: string, list: string[]) =>
      requiresSecondSurgicalOpinion({ procedure, planType: 'employer_erisa', planSsoProcedures: list });
    expect(plan('27447', ['27447']).requirement).toBe('required');
    expect(plan('0275t', ['0275T']).matchedProcedure).toBe('0275T');
    expect(plan('27446', ['27447']).requirement).toBe('not_required');
    // A code is never read as a name, nor a name as a code.
    expect(plan('27447', ['27447 knee']).requirement).toBe('plan_dependent');
    expect(plan('27447 knee', ['27447']).requirement).toBe('plan_dependent');
    expect(plan('274470', ['274470']).matchedProcedure).toBe('274470');
  });

  it('every procedure name on the North Carolina list resolves through the vocabulary', () => {
    const names = (defaultRuleSetSource.files[PROGRAMS] as Json).rows.find(
      (row: Json) => row.id === 'sso.list.nc-medicaid',
    ).names as string[];
    expect(names).toHaveLength(12);
    for (const name of names)
      expect(nc(name)).toMatchObject({ requirement: 'required', matchedProcedure: name });
  });

  it('handles the longest procedures and lists in time linear in their size', () => {
    const long = `${'knee '.repeat(198)}surgery`;
    expect(long.length).toBeLessThanOrEqual(1000);
    expect(nc(long).requirement).toBe('required');
    const list = Array.from(
      { length: 1000 },
      (_, index) => `procedure number ${index} ${'word '.repeat(40)}`,
    );
    const started = performance.now();
    const result = requiresSecondSurgicalOpinion({
      procedure: long,
      planType: 'employer_erisa',
      planSsoProcedures: list,
    });
    expect(result.requirement).toBe('not_required');
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('requiresSecondSurgicalOpinion: rule sets', () => {
  it('is bound to a rule set by createOverturn: an analyst can add New Jersey codes to its list', () => {
    const source = copy();
    const list = rowOf(source, 'sso.list.nj-medicaid');
    list.codes = ['58150'];
    const overturn = createOverturn({ rules: source });
    const input = { procedure: '58150', planType: 'medicaid_fee_for_service', state: 'NJ' } as const;
    expect(requiresSecondSurgicalOpinion(input).requirement).toBe('plan_dependent');
    expect(overturn.requiresSecondSurgicalOpinion(input)).toMatchObject({
      requirement: 'required',
      matchedProcedure: '58150',
      penalty: "The surgeon's claim is denied if no second opinion was obtained.",
    });
    // The list is still marked incomplete, so a code not on it stays unsettled.
    expect(overturn.requiresSecondSurgicalOpinion({ ...input, procedure: '58260' }).requirement).toBe(
      'plan_dependent',
    );
  });

  it('refuses a list name the vocabulary does not know, naming file, rule and path', () => {
    const source = copy();
    rowOf(source, 'sso.list.nc-medicaid').names.push('appendectomy');
    const issues = ruleSetIssues(source);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: PROGRAMS, ruleId: 'sso.list.nc-medicaid' });
    expect(issues[0]?.path.slice(-2)).toEqual(['names', 12]);
    expect(issues[0]?.message).toContain('"appendectomy" is not a term of sso/procedures.json');
  });

  it('refuses "not_required" off an incomplete list, and an unknown list', () => {
    const source = copy();
    rowOf(source, 'sso.nj-medicaid').whenNotListed = 'not_required';
    rowOf(source, 'sso.nc-medicaid').list = 'sso.list.nowhere';
    const issues = ruleSetIssues(source);
    expect(issues.map((issue) => [issue.ruleId, issue.path.at(-1)])).toEqual([
      ['sso.nc-medicaid', 'list'],
      ['sso.nj-medicaid', 'whenNotListed'],
    ]);
  });

  it('refuses an unconfirmed row without a warning, and a plan type without a default', () => {
    const source = copy();
    delete rowOf(source, 'sso.default.medicare-original').warning;
    rowOf(source, 'sso.default.plan-documents').planTypes = ['employer_erisa'];
    const messages = ruleSetIssues(source).map((issue) => issue.message);
    expect(messages).toContain(
      'an unconfirmed or conflicting rule needs a `warning` that explains it to the reader',
    );
    expect(messages).toContain('no default row for fehb');
  });

  it('refuses a shared term, a code in the vocabulary, an unknown narrower concept and a cycle', () => {
    const source = copy();
    rowOf(source, 'proc.hysterectomy').terms.push('TKA');
    rowOf(source, 'proc.cholecystectomy').terms.push('47562 gallbladder');
    rowOf(source, 'proc.laminectomy').narrower.push('proc.nowhere');
    rowOf(source, 'proc.hemilaminectomy').narrower = ['proc.laminectomy'];
    const messages = ruleSetIssues(source).map((issue) => issue.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        '"tka" is already a term of proc.hysterectomy: a term names one concept',
        '"47562 gallbladder" contains a procedure code: codes belong in code lists, never in the vocabulary',
        'unknown concept proc.nowhere',
        expect.stringMatching(/^narrower concepts form a cycle: /),
      ]),
    );
  });

  it('reports a missing sso file like any other', () => {
    const source = copy();
    delete source.files[PROCEDURES];
    expect(ruleSetIssues(source)).toEqual([
      { file: PROCEDURES, path: [], message: 'file is missing from the rule set' },
    ]);
  });
});

describe('requiresSecondSurgicalOpinion: bad input and invariants', () => {
  it('names the field at fault', () => {
    expect(invalid({ planType: 'employer_erisa' })[0]?.path).toEqual(['procedure']);
    expect(invalid({ procedure: 'x'.repeat(1001), planType: 'employer_erisa' })[0]?.path).toEqual([
      'procedure',
    ]);
    expect(invalid({ procedure: 'hysterectomy', planType: 'employer_erisa', state: 'ZZ' })[0]?.path).toEqual([
      'state',
    ]);
    expect(
      invalid({ procedure: 'hysterectomy', planType: 'employer_erisa', urgent: 'yes' })[0]?.path,
    ).toEqual(['urgent']);
    expect(
      invalid({ procedure: 'hysterectomy', planType: 'employer_erisa', planSsoProcedures: [3] })[0]?.path,
    ).toEqual(['planSsoProcedures', 0]);
    expect(invalid(null)[0]?.path).toEqual([]);
  });

  it('treats __proto__ keys as inert data', () => {
    // JSON.parse makes __proto__ an own key, which the strict schema refuses; nothing is polluted.
    const input = JSON.parse(
      '{"procedure":"hysterectomy","planType":"employer_erisa","__proto__":{"urgent":1}}',
    );
    expect(() => requiresSecondSurgicalOpinion(input)).toThrow(OverturnError);
    const nested = JSON.parse(
      '{"procedure":"hysterectomy","planType":"employer_erisa","planSsoProcedures":["x"],"constructor":{"prototype":{"polluted":true}}}',
    );
    expect(() => requiresSecondSurgicalOpinion(nested)).toThrow(OverturnError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  const near = fc.record(
    {
      procedure: fc.oneof(
        fc.constantFrom(
          'hysterectomy',
          'knee surgery',
          'hernia repair',
          '27447',
          'j1234',
          'CPT 27447',
          ' ',
          '',
        ),
        fc.string({ maxLength: 40 }),
        fc.anything(),
      ),
      planType: fc.oneof(fc.constantFrom(...PLAN_TYPES), fc.anything()),
      state: fc.oneof(fc.constantFrom('NC', 'NJ', 'PA', 'NY', 'RI', 'TX', 'nc'), fc.anything()),
      planSsoProcedures: fc.oneof(
        fc.array(fc.constantFrom('knee replacement', 'Hysterectomy (all)', '27447', 'hernia repair', ''), {
          maxLength: 4,
        }),
        fc.array(fc.string({ maxLength: 20 }), { maxLength: 4 }),
        fc.anything(),
      ),
      urgent: fc.oneof(fc.boolean(), fc.anything()),
      asOf: fc.oneof(fc.constantFrom('1997-03-14', '1997-03-15', '2026-02-30', '1900-01-01'), fc.anything()),
    },
    { requiredKeys: [] },
  );

  it('returns an answer or INVALID_INPUT for any JSON value, without mutating the input', () => {
    fc.assert(
      fc.property(fc.oneof(near, fc.jsonValue()), (input) => {
        const before = structuredClone(input);
        try {
          const result = requiresSecondSurgicalOpinion(input as SsoInput);
          expect(SSO_REQUIREMENTS).toContain(result.requirement);
        } catch (error) {
          expect(error).toBeInstanceOf(OverturnError);
          expect((error as OverturnError).code).toBe('INVALID_INPUT');
          expect((error as OverturnError).issues.length).toBeGreaterThan(0);
        }
        expect(input).toEqual(before);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps its promises on every valid input: cited, warned when unsure, no invented penalty, urgency only relaxes', () => {
    const valid = fc.record(
      {
        procedure: fc.constantFrom(
          'hysterectomy',
          'total knee arthroplasty',
          'knee surgery',
          'hernia repair',
          'CABG',
          'spinal fusion',
          'cataract surgery',
          '27447',
          '58150',
          'CPT 58150',
        ),
        planType: fc.constantFrom(...PLAN_TYPES),
        state: fc.constantFrom('NC', 'NJ', 'PA', 'NY', 'RI', 'TX'),
        planSsoProcedures: fc.array(
          fc.constantFrom('knee replacement', 'Hysterectomy (all types)', '58150', 'hernia repair', 'CABG'),
          { maxLength: 3 },
        ),
        asOf: fc.constantFrom('1990-01-01', '1997-03-14', '1997-03-15', '2026-11-25'),
      },
      { requiredKeys: ['procedure', 'planType'] },
    );
    fc.assert(
      fc.property(valid, (input) => {
        const result = requiresSecondSurgicalOpinion(input as SsoInput);
        const urgent = requiresSecondSurgicalOpinion({ ...(input as SsoInput), urgent: true });
        expect(result.citation).toBeTruthy();
        expect(result.reason).toBeTruthy();
        expect(result.ruleIds.length).toBeGreaterThan(0);
        if (result.ruleStatus !== 'confirmed') expect(result.warnings.length).toBeGreaterThan(0);
        if (result.requirement === 'plan_dependent') expect(result.warnings.length).toBeGreaterThan(0);
        expect(result.penalty ?? '').not.toMatch(/50/);
        if (result.penalty) expect(result.requirement).toBe('required');
        expect(result.exemption).toBeUndefined();
        expect(urgent.requirement).toBe('not_required');
        if (urgent.exemption) expect(result.requirement).not.toBe('not_required');
        else expect(urgent.requirement).toBe(result.requirement);
        if (urgent.exemption && !urgent.exemption.citation) expect(urgent.ruleStatus).toBe('unconfirmed');
      }),
      { numRuns: 500 },
    );
  });
});

describe('types', () => {
  it('exposes the contract types', () => {
    expectTypeOf(requiresSecondSurgicalOpinion).parameter(0).toEqualTypeOf<SsoInput>();
    expectTypeOf(requiresSecondSurgicalOpinion).returns.toEqualTypeOf<SsoDecision>();
    expectTypeOf<SsoDecision['requirement']>().toEqualTypeOf<
      'required' | 'not_required' | 'plan_dependent'
    >();
    expectTypeOf(createOverturn().requiresSecondSurgicalOpinion).toEqualTypeOf<
      (input: SsoInput) => SsoDecision
    >();
  });
});
