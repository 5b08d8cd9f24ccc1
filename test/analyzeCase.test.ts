import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  analyzeCase,
  buildChecklist,
  type CaseAnalysis,
  type CaseInput,
  CHECKLIST_ITEM_IDS,
  type ChecklistItem,
  type ChecklistItemId,
  createOverturn,
  defaultRuleSetSource,
} from '../src/index.js';
import { issuesOf } from './_helpers/errors.js';

const ids = (input: CaseInput) => buildChecklist(input).items.map((item) => item.id);
const item = (input: CaseInput, id: ChecklistItemId) => buildChecklist(input).items.find((i) => i.id === id);

// An ERISA plan's knee-replacement denial, as in examples/knee-replacement-necessity.json.
const knee: CaseInput = {
  denial: { codes: ['CO-50', 'N661'], stage: 'prior_authorization' },
  planType: 'employer_erisa',
  noticeDate: '2026-10-01',
  receivedDate: '2026-10-06',
  icd10: ['M17.11'],
  procedure: 'total knee arthroplasty',
  asOf: '2026-10-08',
};

describe('analyzeCase', () => {
  it('answers every part from one rule set: receipt 2026-10-06 + 180 days = Sunday 2027-04-04', () => {
    const analysis = analyzeCase(knee);
    expect(analysis.classification).toMatchObject({
      category: 'medical_necessity',
      secondOpinionHelps: true,
    });
    expect(analysis.deadline).toMatchObject({
      deadline: '2027-04-04',
      weekday: 'Sunday',
      level: 'internal_appeal',
      rolledForward: false,
      daysRemaining: 178,
      status: 'open',
    });
    expect(analysis.specialist?.specialty.taxonomyCode).toBe('207X00000X');
    expect(analysis.specialist?.subspecialty?.taxonomyCode).toBe('207XS0114X');
    expect(analysis.sso?.requirement).toBe('plan_dependent');
    expect(analysis.checklist.deadline).toBe(analysis.deadline);
    expect(analysis.asOf).toBe('2026-10-08');
    expect(analysis.ruleSet).toEqual({ id: 'overturn-us', version: '0.1.0' });
    // Every part's warnings, once each, in order.
    const parts = [
      ...analysis.classification.warnings,
      ...analysis.deadline.warnings,
      ...(analysis.specialist?.warnings ?? []),
      ...(analysis.sso?.warnings ?? []),
    ];
    expect(analysis.warnings.slice(0, new Set(parts).size)).toEqual([...new Set(parts)]);
    expect(new Set(analysis.warnings).size).toBe(analysis.warnings.length);
  });

  it('dates the plan from the deadline: claim file at receipt + 14, second opinion 30 days before, filing on it', () => {
    const { items } = buildChecklist(knee);
    const due = Object.fromEntries(items.filter((i) => i.dueDate).map((i) => [i.id, i.dueDate]));
    expect(due).toEqual({
      request_claim_file: '2026-10-20',
      verify_reviewer_specialty: '2026-10-27',
      obtain_second_opinion: '2027-03-05',
      treating_physician_letter: '2027-03-05',
      cite_clinical_guidelines: '2027-03-14',
      submit_written_appeal: '2027-04-04',
    });
    expect(items.map((i) => i.phase)).toEqual(
      [...items.map((i) => i.phase)].sort(
        (a, b) =>
          ['now', 'prepare', 'file', 'after'].indexOf(a) - ['now', 'prepare', 'file', 'after'].indexOf(b),
      ),
    );
    const submit = items.find((i) => i.id === 'submit_written_appeal');
    expect(submit).toMatchObject({
      title: 'Submit the written internal appeal by Sunday 2027-04-04',
      priority: 'critical',
      citation: '29 CFR 2560.503-1(h)(3)(i)', // the deadline's own rule
    });
  });

  it('never dates a step in the past: with asOf after the target, the step is due that day', () => {
    const late = { ...knee, asOf: '2026-12-01' };
    expect(item(late, 'request_claim_file')?.dueDate).toBe('2026-12-01');
    expect(item(late, 'obtain_second_opinion')?.dueDate).toBe('2027-03-05');
  });

  it('after the deadline, keeps the filing step on it and asks for a late appeal; other steps are due today', () => {
    const passed = { ...knee, asOf: '2027-04-10' };
    const submit = item(passed, 'submit_written_appeal');
    expect(submit).toMatchObject({ dueDate: '2027-04-04', status: 'passed' });
    expect(submit?.title).toContain('has passed');
    expect(item(passed, 'obtain_second_opinion')?.dueDate).toBe('2027-04-10');
  });

  it('names the recommended specialty and board in the second-opinion step', () => {
    const step = item(knee, 'obtain_second_opinion');
    expect(step?.title).toBe(
      'Get a written second opinion from an independent specialist in Orthopaedic Surgery',
    );
    expect(step?.why).toContain('American Board of Orthopaedic Surgery');
  });
});

describe('buildChecklist: tailored to the case', () => {
  it('has fewer items than the bits of the number that marks the items taken', () => {
    // buildChecklistFrom keeps one winner per item in the bits of a 32-bit number (1 << rank).
    expect(CHECKLIST_ITEM_IDS.length).toBeLessThanOrEqual(31);
  });

  const base: CaseInput = {
    denial: { codes: ['CO-50'] },
    planType: 'employer_erisa',
    receivedDate: '2026-03-02',
  };

  it('offers a second opinion only where medical judgment is disputed', () => {
    expect(ids(base)).toContain('obtain_second_opinion');
    for (const codes of [['CO-197'], ['CO-16', 'N290'], ['CO-29'], ['CO-18']])
      expect(ids({ ...base, denial: { codes } })).not.toContain('obtain_second_opinion');
  });

  it('says to fix and resubmit for coding errors and missing information, and asks for retro-authorization for a missing one', () => {
    expect(ids({ ...base, denial: { codes: ['CO-16', 'N290'] } })).toContain('fix_and_resubmit');
    expect(ids({ ...base, denial: { codes: ['CO-16', 'M127'] } })).toContain('fix_and_resubmit');
    const priorAuth = ids({ ...base, denial: { codes: ['CO-197'], stage: 'claim' } });
    expect(priorAuth).toContain('request_retro_authorization');
    expect(priorAuth).not.toContain('fix_and_resubmit');
    expect(ids(base)).not.toContain('request_retro_authorization');
  });

  it('puts expedited review first, as critical, only when the case is urgent', () => {
    const urgent = buildChecklist({ ...base, urgent: true }).items;
    expect(urgent[0]).toMatchObject({ id: 'request_expedited_review', priority: 'critical', phase: 'now' });
    expect(ids(base)).not.toContain('request_expedited_review');
  });

  it('offers external review where the plan type and the kind of denial allow it', () => {
    expect(ids(base)).toContain('external_review'); // medical judgment: 45 CFR 147.136(d)(1)(ii)
    expect(ids({ ...base, denial: { codes: ['CO-197'] } })).not.toContain('external_review'); // administrative
    expect(ids({ ...base, planType: 'disability_erisa' })).not.toContain('external_review'); // no ACA review
    const medicare = {
      ...base,
      planType: 'medicare_original' as const,
      receivedDate: undefined,
      noticeDate: '2026-03-02',
    };
    expect(item(medicare, 'external_review')?.title).toBe(
      'If the redetermination goes against you, ask for a reconsideration',
    );
  });

  it('words the governing law for the plan type: ERISA, state-regulated, Medicare, Medicaid', () => {
    const ruleOf = (planType: CaseInput['planType'], funding?: CaseInput['funding']) =>
      item(
        { ...base, planType, noticeDate: '2026-02-27', ...(funding ? { funding } : {}) },
        'check_plan_governance',
      )?.ruleId;
    expect(
      new Set([
        ruleOf('employer_erisa'),
        ruleOf('employer_erisa', 'insured'),
        ruleOf('employer_erisa', 'self_funded'),
        ruleOf('individual_market'),
        ruleOf('medicare_original'),
        ruleOf('medicaid_managed_care'),
      ]).size,
    ).toBe(6);
    expect(item(base, 'check_plan_governance')?.title).toBe(
      'Find out whether your job-based plan is insured or self-funded',
    );
  });

  it('checks the second-surgical-opinion rule only when a procedure is named, high when one is required', () => {
    expect(ids(base)).not.toContain('check_sso_requirement');
    const nc = {
      ...base,
      planType: 'medicaid_fee_for_service' as const,
      state: 'NC',
      procedure: 'hysterectomy',
      noticeDate: '2026-02-20',
    };
    const step = item(nc, 'check_sso_requirement');
    expect(analyzeCase(nc).sso?.requirement).toBe('required');
    expect(step?.priority).toBe('high');
    expect(step?.citation).toBe(analyzeCase(nc).sso?.citation);
  });

  it('always ends the plan with the filing step before the after-denial steps', () => {
    const { items } = buildChecklist(base);
    const file = items.findIndex((i) => i.id === 'submit_written_appeal');
    expect(items.slice(file + 1).every((i) => i.phase === 'after')).toBe(true);
    expect(items.slice(0, file).every((i) => i.phase === 'now' || i.phase === 'prepare')).toBe(true);
  });
});

describe('analyzeCase: bad input', () => {
  it('names each bad field by its path in the case', () => {
    expect(
      issuesOf(analyzeCase, {
        denial: { codes: ['CO-50', 'hello'], planType: 'fehb' },
        planType: 'tricare',
        receivedDate: '2026-01-01',
        noticeDate: '2026-01-05',
        icd10: ['M17.11', 'XYZ'],
      }),
    ).toEqual([
      {
        path: ['denial', 'codes', 1],
        message: expect.stringContaining('"hello" is not a CARC or RARC code'),
      },
      { path: ['receivedDate'], message: 'receivedDate is before noticeDate' },
      { path: ['denial', 'planType'], message: expect.stringContaining('differs from the case') },
      { path: ['icd10', 1], message: expect.stringContaining('"XYZ" is not an ICD-10-CM code') },
    ]);
    expect(issuesOf(analyzeCase, { denial: { codes: ['CO-50'] }, planType: 'fehb' })).toEqual([
      { path: [], message: expect.stringContaining('give at least one of `noticeDate` or `receivedDate`') },
    ]);
    expect(issuesOf(analyzeCase, { ...knee, colour: 'red' })[0]?.message).toContain('colour');
  });
});

describe('checklist rules as data', () => {
  const withRules = (edit: (rules: Record<string, unknown>[]) => void) => {
    const source = structuredClone(defaultRuleSetSource) as {
      manifest: unknown;
      files: Record<string, { rules: Record<string, unknown>[] }>;
    };
    edit(source.files['checklist/items.json']?.rules ?? []);
    return source;
  };

  it('lets an analyst change a step, and the change shows in the answer', () => {
    const source = withRules((rules) => {
      const rule = rules.find((r) => r.id === 'checklist.submit_written_appeal.general') as {
        event: { params: { title: string } };
      };
      rule.event.params.title = 'File the {level} by {deadline}';
    });
    expect(item(knee, 'submit_written_appeal')?.title).not.toBe('File the internal appeal by 2027-04-04');
    const custom = createOverturn({ rules: source as never });
    expect(custom.buildChecklist(knee).items.find((i) => i.id === 'submit_written_appeal')?.title).toBe(
      'File the internal appeal by 2027-04-04',
    );
  });

  const issuesFor = (source: unknown) =>
    issuesOf(() => createOverturn({ rules: source as never }), undefined, 'INVALID_RULE_SET').map((issue) => [
      issue.file,
      issue.ruleId,
      issue.path.slice(2).join('.'),
      issue.message,
    ]);

  it('refuses an unknown placeholder and an unknown item, naming file, rule and path', () => {
    const source = withRules((rules) => {
      const [first, second] = rules as { id: string; event: { params: Record<string, unknown> } }[];
      if (!first || !second) throw new Error('expected rules');
      first.event.params.why = 'Due on {dueDay}.';
      second.event.params.item = 'pray';
    });
    const [first, second] = (source.files['checklist/items.json']?.rules ?? []) as { id: string }[];
    expect(issuesFor(source)).toEqual([
      [
        'checklist/items.json',
        first?.id,
        'event.params.why',
        expect.stringMatching(/^unknown placeholder \{dueDay\}; known: \{deadline\}/),
      ],
      ['checklist/items.json', second?.id, 'event.params.item', expect.stringContaining('Invalid option')],
    ]);
  });

  it('refuses an unconfirmed rule without a warning for the reader', () => {
    const source = withRules((rules) => {
      const rule = rules.find((r) => r.status === 'unconfirmed') as {
        event: { params: Record<string, unknown> };
      };
      delete rule.event.params.warning;
    });
    expect(issuesFor(source)).toEqual([
      [
        'checklist/items.json',
        expect.any(String),
        'event.params.warning',
        'an unconfirmed or conflicting rule needs a `warning` that explains it to the reader',
      ],
    ]);
  });
});

describe('types', () => {
  it('types the analysis and the checklist', () => {
    expectTypeOf(analyzeCase).parameter(0).toEqualTypeOf<CaseInput>();
    expectTypeOf(analyzeCase).returns.toEqualTypeOf<CaseAnalysis>();
    expectTypeOf<CaseAnalysis['checklist']['items'][number]>().toEqualTypeOf<ChecklistItem>();
    expectTypeOf<ChecklistItem['id']>().toEqualTypeOf<ChecklistItemId>();
    expectTypeOf<ChecklistItem['priority']>().toEqualTypeOf<'critical' | 'high' | 'normal'>();
    expectTypeOf<CaseAnalysis['specialist']>().toMatchTypeOf<object | undefined>();
  });
});
