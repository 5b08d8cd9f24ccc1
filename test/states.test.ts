import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BundledStates, defaultRuleSet } from '../src/_lib/defaultRuleSet.js';
import { STATE_RULE_FILES } from '../src/_lib/stateRuleFiles.js';
import { computeRow } from '../src/computeAppealDeadline/window.js';
import {
  analyzeCase,
  type CaseInput,
  computeAppealDeadline,
  createOverturn,
  type DeadlineInput,
  defaultRuleSetSource,
  draftAppealLetter,
  type RuleSetSource,
} from '../src/index.js';
import { issuesOf } from './_helpers/errors.js';

// biome-ignore lint/suspicious/noExplicitAny: tests reach into the rule JSON to change it on purpose
type Json = any;

const root = join(import.meta.dirname, '..');
const manifest = JSON.parse(readFileSync(join(root, 'rules/manifest.json'), 'utf8'));
const JURISDICTIONS = [
  ...['AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS'],
  ...['KY', 'LA', 'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC'],
  ...['ND', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY'],
];

const copy = (): RuleSetSource & { files: Record<string, Json>; manifest: Json } =>
  structuredClone(defaultRuleSetSource) as never;

describe('the state layer: every state and DC', () => {
  it('has a file for each of the 50 states and DC, listed in the manifest and bundled', () => {
    expect(JURISDICTIONS).toHaveLength(51);
    expect(Object.keys(manifest.domains.states).sort()).toEqual([...JURISDICTIONS].sort());
    const files = readdirSync(join(root, 'rules/states')).map((name) => `states/${name}`);
    expect(files.sort()).toEqual(Object.values(manifest.domains.states).sort());
    expect(Object.keys(STATE_RULE_FILES).sort()).toEqual(files.sort());
  });

  it('gives each an external review row, both fair-hearing rows, an insurance and a Medicaid regulator', () => {
    for (const code of JURISDICTIONS) {
      const state = defaultRuleSet().states.get(code as never);
      expect(state, code).toBeDefined();
      const roles = state?.regulators.map((regulator) => regulator.role) ?? [];
      expect(roles, code).toEqual(expect.arrayContaining(['insurance', 'medicaid']));
      expect(state?.windows.map((row) => row.level).sort(), code).toEqual(
        expect.arrayContaining(['external_review', 'state_fair_hearing', 'state_fair_hearing']),
      );
    }
    expect(
      defaultRuleSet()
        .states.get('CA')
        ?.regulators.map((row) => row.role),
    ).toContain('managed_care');
  });

  it('compiles a state when it is asked for, and the same rules when every state is read after it', () => {
    const states = new BundledStates();
    const texas = states.get('TX');
    expect(texas?.name).toBe('Texas');
    expect(states.get('TX')).toBe(texas);
    expect(states.has('ZZ' as never)).toBe(false);
    expect(states.get('ZZ' as never)).toBeUndefined();
    // Reading them all keeps the object handed out and the manifest's order.
    expect([...states.keys()]).toEqual(Object.keys(manifest.domains.states));
    expect(states.size).toBe(51);
    expect([...states.values()].find((state) => state.state === 'TX')).toBe(texas);
    expect(new Map(states)).toEqual(new Map(defaultRuleSet().states));
    const seen: string[] = [];
    states.forEach((rules, code, map) => {
      if (map === states && rules.state === code) seen.push(code);
    });
    expect(seen).toHaveLength(51);
  });

  it('quotes the text behind every window row', () => {
    for (const path of Object.values(manifest.domains.states) as string[]) {
      const file = JSON.parse(readFileSync(join(root, 'rules', path), 'utf8'));
      const rows = [
        ...file.externalReview,
        file.medicaidFairHearing.feeForService,
        file.medicaidFairHearing.managedCare,
      ];
      for (const row of rows) expect(row.quote.length, `${path} ${row.id}`).toBeGreaterThan(20);
    }
  });
});

/** Dates across two years, on every weekday and around month ends. */
const DATES = [
  '2026-01-30',
  '2026-02-27',
  '2026-05-29',
  '2026-08-31',
  '2026-10-30',
  '2026-12-24',
  '2027-06-15',
];

describe('no state answer is later than its own rule allows', () => {
  const ruleSet = defaultRuleSet();
  const cases: [string, DeadlineInput, 'external_review' | 'state_fair_hearing'][] = [];
  for (const code of JURISDICTIONS) {
    for (const date of DATES) {
      const received = new Date(`${date}T00:00:00Z`);
      received.setUTCDate(received.getUTCDate() + 4);
      const receivedDate = received.toISOString().slice(0, 10);
      cases.push(
        [
          code,
          {
            planType: 'individual_market',
            level: 'external_review',
            state: code,
            noticeDate: date,
            receivedDate,
          },
          'external_review',
        ],
        [
          code,
          {
            planType: 'employer_erisa',
            level: 'external_review',
            state: code,
            noticeDate: date,
            receivedDate,
          },
          'external_review',
        ],
        [code, { planType: 'medicaid_fee_for_service', state: code, noticeDate: date }, 'state_fair_hearing'],
        [
          code,
          { planType: 'medicaid_managed_care', level: 'state_fair_hearing', state: code, noticeDate: date },
          'state_fair_hearing',
        ],
      );
    }
  }

  it.each(JURISDICTIONS)('%s: confirmed rules exactly, the rest never later', (code) => {
    for (const [, input, level] of cases.filter(([state]) => state === code)) {
      const answer = computeAppealDeadline(input);
      const rows = (ruleSet.states.get(code as never)?.windows ?? []).filter(
        (row) => row.level === level && row.planTypes.includes(input.planType),
      );
      const own = rows.map((row) => computeRow(row, input).deadline).sort()[0] as string;
      const label = `${code} ${input.planType} ${input.noticeDate}`;
      expect(answer.deadline <= own, `${label}: ${answer.deadline} is later than ${own}`).toBe(true);
      const allConfirmed = rows.every((row) => row.status === 'confirmed');
      if (allConfirmed && input.planType !== 'employer_erisa') {
        expect(answer.deadline, label).toBe(own);
        expect(answer.earliestPossible, label).toBe(false);
      }
      if (!allConfirmed && input.planType !== 'employer_erisa') {
        expect(answer.earliestPossible, label).toBe(true);
        const name = ruleSet.states.get(code as never)?.name as string;
        expect(answer.warnings.join(' '), label).toContain(name);
      }
      if (input.planType === 'employer_erisa') {
        const federal = computeAppealDeadline({ ...input, funding: 'self_funded' }).deadline;
        expect(answer.deadline <= federal, `${label}: later than the federal ${federal}`).toBe(true);
      }
    }
  });
});

describe('the conservative answer for a state the rule set does not confirm', () => {
  const input = {
    planType: 'individual_market',
    level: 'external_review',
    state: 'NY',
    noticeDate: '2026-01-05',
    receivedDate: '2026-01-10',
  } as const;

  it('answers NY exactly while its row is confirmed (4 months from receipt: Fri 2026-05-08 ... 05-10 is a Sunday)', () => {
    expect(computeAppealDeadline(input)).toMatchObject({
      deadline: '2026-05-10',
      ruleStatus: 'confirmed',
      earliestPossible: false,
    });
  });

  it("uses the earliest confirmed state window when NY's row is unconfirmed, and says how it was chosen", () => {
    const source = copy();
    const row = source.files['states/ny.json'].externalReview[0];
    row.status = 'unconfirmed';
    row.warning = 'test: unconfirmed';
    const answer = createOverturn({ rules: source }).computeAppealDeadline(input);
    // 120 days from the notice date 2026-01-05 (Idaho, Indiana) = Tue 2026-05-05: earlier than NY's 05-10.
    expect(answer).toMatchObject({
      deadline: '2026-05-05',
      ruleStatus: 'unconfirmed',
      earliestPossible: true,
    });
    expect(answer.warnings[0]).toContain("New York's own rule is unconfirmed");
    expect(answer.warnings[0]).toContain('the earliest date any state');
    expect(answer.ruleIds).toContain('ny.external-review');
  });

  it('answers a state missing from the rule set the same way, naming it', () => {
    const source = copy();
    delete source.manifest.domains.states.NY;
    const answer = createOverturn({ rules: source }).computeAppealDeadline(input);
    expect(answer).toMatchObject({ deadline: '2026-05-05', earliestPossible: true });
    expect(answer.warnings[0]).toContain("NY's rule for this level is not in the rule set");
  });

  it('falls back to the federal 120 days for a managed-care hearing in a state without a confirmed row', () => {
    // Georgia's row is unconfirmed: 2026-06-30 + 120 = Wed 2026-10-28 (42 CFR 438.408(f)(2)).
    const answer = computeAppealDeadline({
      planType: 'medicaid_managed_care',
      level: 'state_fair_hearing',
      state: 'GA',
      noticeDate: '2026-06-30',
    });
    expect(answer).toMatchObject({
      deadline: '2026-10-28',
      earliestPossible: true,
      ruleStatus: 'unconfirmed',
    });
    expect(answer.warnings.join(' ')).toContain('is unconfirmed: the date shown is the earliest it could be');
  });

  it("gives a state's shorter window to ask for an expedited review, beside the standard deadline", () => {
    // Michigan: 127 days of the final decision 2026-02-02 = Tue 2026-06-09; expedited within 10 days = Thu 02-12.
    const answer = computeAppealDeadline({
      planType: 'individual_market',
      level: 'external_review',
      state: 'MI',
      noticeDate: '2026-02-02',
      urgent: true,
    });
    expect(answer.deadline).toBe('2026-06-09');
    expect(answer.warnings).toContain(
      `To have the review expedited, ask within 10 days: by Thursday 2026-02-12 (${answer.citation}). After that, the standard review is still open until the deadline shown.`,
    );
    const standard = computeAppealDeadline({
      planType: 'individual_market',
      level: 'external_review',
      state: 'MI',
      noticeDate: '2026-02-02',
    });
    expect(standard.warnings.join(' ')).not.toContain('expedited');
  });

  it('asks for the notice date where a governing state rule counts from it', () => {
    const issues = issuesOf(computeAppealDeadline, {
      planType: 'individual_market',
      level: 'external_review',
      state: 'OH',
      receivedDate: '2026-03-06',
    });
    expect(issues[0]).toMatchObject({ path: ['noticeDate'] });
    expect(issues[0]?.message).toContain('Ohio');
  });
});

describe('state rule files are validated', () => {
  const ruleSetIssues = (source: unknown) =>
    issuesOf((rules: RuleSetSource) => createOverturn({ rules }), source, 'INVALID_RULE_SET');

  it('refuses a file listed under another state, and a file without a Medicaid regulator', () => {
    const source = copy();
    source.files['states/ny.json'].state = 'NJ';
    source.files['states/oh.json'].regulators = source.files['states/oh.json'].regulators.filter(
      (row: Json) => row.role !== 'medicaid',
    );
    const issues = ruleSetIssues(source);
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'states/ny.json', path: ['state'] }),
        expect.objectContaining({
          file: 'states/oh.json',
          path: ['regulators'],
          message: 'no medicaid regulator',
        }),
      ]),
    );
  });

  it('refuses a row without its quote, and an unconfirmed row without a warning', () => {
    const source = copy();
    delete source.files['states/tx.json'].externalReview[0].quote;
    const ffs = source.files['states/al.json'].medicaidFairHearing.feeForService;
    ffs.status = 'unconfirmed';
    delete ffs.warning;
    const issues = ruleSetIssues(source).map((issue) => [issue.file, issue.path.join('.')]);
    expect(issues).toEqual(
      expect.arrayContaining([
        ['states/tx.json', 'externalReview.0.quote'],
        ['states/al.json', 'medicaidFairHearing.feeForService.warning'],
      ]),
    );
  });
});

describe('regulators in the plan and the letters', () => {
  const base: CaseInput = {
    denial: { codes: ['CO-50'] },
    planType: 'employer_erisa',
    funding: 'insured',
    state: 'TX',
    receivedDate: '2026-03-02',
  };

  it("names the state's insurance regulator, with its phone, for an insured plan", () => {
    const analysis = analyzeCase(base);
    expect(analysis.checklist.regulators).toEqual([
      expect.objectContaining({ role: 'insurance', state: 'TX', name: 'Texas Department of Insurance' }),
    ]);
    const item = analysis.checklist.items.find((entry) => entry.id === 'escalate_to_regulator');
    expect(item?.ruleId).toBe('checklist.escalate_to_regulator.state_insurance');
    expect(item?.why).toContain('Texas Department of Insurance (https://www.tdi.texas.gov/, 800-252-3439)');
    const letter = draftAppealLetter(analysis, {});
    expect(letter.text).toContain('Copy to: Texas Department of Insurance (800-252-3439).');
  });

  it('names none for a self-funded plan (the Labor Department), and the Medicaid agency for Medicaid', () => {
    const selfFunded = analyzeCase({ ...base, funding: 'self_funded' });
    expect(selfFunded.checklist.regulators).toEqual([]);
    expect(selfFunded.checklist.items.find((entry) => entry.id === 'escalate_to_regulator')?.ruleId).toBe(
      'checklist.escalate_to_regulator.employer_erisa',
    );
    const medicaid = analyzeCase({
      denial: { codes: ['CO-50'] },
      planType: 'medicaid_managed_care',
      state: 'OH',
      noticeDate: '2026-03-02',
    });
    expect(medicaid.checklist.regulators.map((regulator) => regulator.name)).toEqual([
      'Ohio Department of Medicaid',
    ]);
  });
});

describe('care steps in the plan', () => {
  it('puts the fast review first, due by noon the day after the notice, and keeps its date once passed', () => {
    const analysis = analyzeCase({
      denial: { text: 'Your skilled nursing services will end on April 11, 2026.' },
      planType: 'medicare_advantage',
      noticeDate: '2026-04-09',
      careEnding: 'services_ending',
      careEndDate: '2026-04-11',
      asOf: '2026-04-12',
    });
    const item = analysis.checklist.items.find((entry) => entry.id === 'request_fast_review');
    expect(item).toMatchObject({
      dueDate: '2026-04-10',
      status: 'passed',
      priority: 'critical',
      phase: 'now',
    });
    expect(item?.why).toContain('by noon on 2026-04-10');
    expect(item?.citation).toBe('42 CFR 422.626(a)(1)–(2)');
  });

  it('asks Medicaid members to keep their services, dated from the notice', () => {
    const analysis = analyzeCase({
      denial: { text: 'Your home health hours will be reduced.' },
      planType: 'medicaid_managed_care',
      noticeDate: '2026-05-01',
      careEnding: 'services_ending',
    });
    expect(analysis.checklist.items.find((entry) => entry.id === 'request_continued_benefits')).toMatchObject(
      {
        dueDate: '2026-05-11',
        citation: '42 CFR 438.420(a)–(b)',
      },
    );
  });

  it('refuses careEndDate without careEnding', () => {
    expect(
      issuesOf(computeAppealDeadline, {
        planType: 'medicare_original',
        noticeDate: '2026-04-08',
        careEndDate: '2026-04-12',
      })[0],
    ).toMatchObject({
      path: ['careEnding'],
    });
  });
});
