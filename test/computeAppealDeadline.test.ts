import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  APPEAL_LEVELS,
  type AppealDeadline,
  computeAppealDeadline,
  type DeadlineInput,
  OverturnError,
  PLAN_TYPES,
} from '../src/index.js';
import { issuesOf } from './_helpers/errors.js';

const invalid = (input: unknown) => issuesOf(computeAppealDeadline, input);

describe('computeAppealDeadline: worked examples from the rule text', () => {
  it('Original Medicare redetermination: MSN of Fri 2026-01-02 → received Wed 01-07 (presumed) → Thu 2026-05-07', () => {
    const result = computeAppealDeadline({ planType: 'medicare_original', noticeDate: '2026-01-02' });
    expect(result).toMatchObject({
      deadline: '2026-05-07',
      weekday: 'Thursday',
      level: 'redetermination',
      window: { amount: 120, unit: 'days' },
      clockStart: { event: 'receipt', date: '2026-01-07', presumed: true },
      rolledForward: false,
      filedWhen: 'received',
      citation: '42 CFR 405.942(a)(1)–(2)',
      nextLevels: ['reconsideration', 'alj_hearing', 'appeals_council', 'federal_court'],
      ruleSet: { id: 'overturn-us', version: '0.1.0' },
    });
  });

  it('Original Medicare reconsideration after a redetermination dated 2026-01-02 → Mon 2026-07-06', () => {
    const result = computeAppealDeadline({
      planType: 'medicare_original',
      level: 'reconsideration',
      noticeDate: '2026-01-02',
    });
    expect(result.deadline).toBe('2026-07-06');
  });

  it('uses an actual receipt date instead of the Medicare presumption', () => {
    const result = computeAppealDeadline({
      planType: 'medicare_original',
      noticeDate: '2026-01-02',
      receivedDate: '2026-01-12',
    });
    // 2026-01-12 + 120 days = 2026-05-12.
    expect(result).toMatchObject({
      deadline: '2026-05-12',
      clockStart: { event: 'receipt', date: '2026-01-12', presumed: false },
    });
  });

  it('federal external review: received 2025-10-30 → no Feb 30 → Sun 2026-03-01 → Mon 2026-03-02', () => {
    const result = computeAppealDeadline({
      planType: 'employer_erisa',
      funding: 'self_funded',
      level: 'external_review',
      receivedDate: '2025-10-30',
    });
    expect(result).toMatchObject({
      deadline: '2026-03-02',
      rolledForward: true,
      window: { amount: 4, unit: 'months' },
    });
    expect(result.decisionDue).toEqual({
      amount: 45,
      unit: 'days',
      citation: '45 CFR 147.136(d)(2)(iii)(B)(6)',
    });
  });

  it('federal external review rolls past Independence Day and the weekend: received 2027-03-04 → Sun 07-04 → Mon 07-05 is not the legal date, so Mon 07-05', () => {
    // 2027-07-04 is a Sunday (the holiday itself); the observed Monday 07-05 is not counted, so 07-05.
    const result = computeAppealDeadline({
      planType: 'employer_erisa',
      funding: 'self_funded',
      level: 'external_review',
      receivedDate: '2027-03-04',
    });
    expect(result.deadline).toBe('2027-07-05');
    expect(result.warnings.some((warning) => warning.includes('observed federal holiday'))).toBe(true);
  });

  it('federal external review does not roll for an observed day: received 2026-03-03 → Fri 2026-07-03 stays', () => {
    const result = computeAppealDeadline({
      planType: 'employer_erisa',
      funding: 'self_funded',
      level: 'external_review',
      receivedDate: '2026-03-03',
    });
    expect(result).toMatchObject({ deadline: '2026-07-03', rolledForward: false });
  });

  it("ERISA 180 days from receipt on 2026-09-14 is Sat 2027-03-13 (not Mar 22, the demo data's error), not rolled", () => {
    const result = computeAppealDeadline({ planType: 'employer_erisa', receivedDate: '2026-09-14' });
    expect(result).toMatchObject({ deadline: '2027-03-13', weekday: 'Saturday', rolledForward: false });
    expect(result.warnings[0]).toContain('file by Friday 2027-03-12');
  });

  it('Part D redetermination: 60 days after receipt presumed 5 days after the notice = 65 days', () => {
    expect(computeAppealDeadline({ planType: 'medicare_part_d', noticeDate: '2026-03-02' }).deadline).toBe(
      '2026-05-06',
    );
  });

  it('Medicare Advantage reconsideration: 65 days from a 2025+ notice (CMS-4205-F), 60 from a 2024 one', () => {
    // 2026-03-02 + 5 = 03-07 presumed receipt, + 60 = Wed 2026-05-06.
    expect(computeAppealDeadline({ planType: 'medicare_advantage', noticeDate: '2026-03-02' })).toMatchObject(
      {
        deadline: '2026-05-06',
        clockStart: { event: 'receipt', date: '2026-03-07', presumed: true },
        ruleStatus: 'confirmed',
        ruleIds: [
          'medicare.advantage.reconsideration.2025',
          'medicare.advantage.reconsideration-decision.pre-service',
        ],
      },
    );
    // 2024-03-04 + 60 = Fri 2024-05-03, from the date of the notice (the text before 2025).
    expect(computeAppealDeadline({ planType: 'medicare_advantage', noticeDate: '2024-03-04' })).toMatchObject(
      {
        deadline: '2024-05-03',
        clockStart: { event: 'notice_date', date: '2024-03-04', presumed: false },
        ruleStatus: 'confirmed',
      },
    );
  });

  it('Medicaid managed care: 60 days from the date on the notice, then a fair hearing within the flat federal 120 days', () => {
    expect(
      computeAppealDeadline({ planType: 'medicaid_managed_care', noticeDate: '2026-04-15' }),
    ).toMatchObject({
      deadline: '2026-06-14',
      nextLevels: ['state_fair_hearing'],
    });
    const hearing = computeAppealDeadline({
      planType: 'medicaid_managed_care',
      level: 'state_fair_hearing',
      noticeDate: '2026-04-15',
    });
    // 2026-04-15 + 120 = Thu 2026-08-13 (438.408(f)(2)); no state given, and states may only add to it.
    expect(hearing).toMatchObject({
      deadline: '2026-08-13',
      ruleStatus: 'unconfirmed',
      earliestPossible: true,
    });
    expect(hearing.warnings[0]).toContain('a state may lengthen but not shorten');
  });

  it('FEHB: 6 months from the notice date, the last day of the month when there is no matching day', () => {
    expect(computeAppealDeadline({ planType: 'fehb', noticeDate: '2026-08-31' }).deadline).toBe('2027-02-28');
    expect(computeAppealDeadline({ planType: 'fehb', noticeDate: '2027-08-31' }).deadline).toBe('2028-02-29');
  });

  it("NY: an individual plan takes New York's own date (unrolled), a self-funded plan the federal (rolled) one", () => {
    // Received 2026-02-28 → 2026-06-28 is a Sunday: federal rolls to Mon 06-29; NY states no roll.
    const federal = computeAppealDeadline({
      planType: 'employer_erisa',
      funding: 'self_funded',
      level: 'external_review',
      receivedDate: '2026-02-28',
    });
    const ny = computeAppealDeadline({
      planType: 'individual_market',
      level: 'external_review',
      receivedDate: '2026-02-28',
      state: 'NY',
    });
    expect(federal.deadline).toBe('2026-06-29');
    expect(ny).toMatchObject({
      deadline: '2026-06-28',
      rolledForward: false,
      citation: 'N.Y. Ins. Law § 4914(b)(1); N.Y. Pub. Health Law § 4914(2)(a)',
      ruleStatus: 'confirmed',
      earliestPossible: false,
    });
  });
});

describe('computeAppealDeadline: plan windows, decision times, status', () => {
  it('honours a longer plan window for an ERISA appeal and warns about a shorter one', () => {
    const longer = computeAppealDeadline({
      planType: 'employer_erisa',
      receivedDate: '2026-01-10',
      planWindow: { amount: 1, unit: 'months' },
    });
    expect(longer.deadline).toBe('2026-02-10');
    expect(
      longer.warnings.some((warning) => warning.includes('shorter than the legal minimum of 180 days')),
    ).toBe(true);
    const year = computeAppealDeadline({
      planType: 'employer_erisa',
      receivedDate: '2026-01-10',
      planWindow: { amount: 365, unit: 'days' },
    });
    expect(year).toMatchObject({ deadline: '2027-01-10', window: { amount: 365, unit: 'days' } });
  });

  it('ignores a plan window where the law sets it (Medicare)', () => {
    const result = computeAppealDeadline({
      planType: 'medicare_original',
      noticeDate: '2026-01-02',
      planWindow: { amount: 30, unit: 'days' },
    });
    expect(result.deadline).toBe('2026-05-07');
  });

  it('picks the decision time by urgency and timing', () => {
    const base = { planType: 'employer_erisa', receivedDate: '2026-01-10' } as const;
    expect(computeAppealDeadline({ ...base, urgent: true }).decisionDue).toMatchObject({
      amount: 72,
      unit: 'hours',
    });
    expect(computeAppealDeadline({ ...base, serviceTiming: 'post_service' }).decisionDue).toMatchObject({
      amount: 60,
      unit: 'days',
    });
    expect(computeAppealDeadline({ ...base, serviceTiming: 'pre_service' }).decisionDue).toMatchObject({
      amount: 30,
      unit: 'days',
    });
  });

  it('gives the CMS-0057-F prior-authorization time by effective date', () => {
    const input = {
      planType: 'medicare_advantage',
      noticeDate: '2025-11-03',
      serviceTiming: 'pre_service',
    } as const;
    expect(computeAppealDeadline({ ...input, asOf: '2025-12-31' }).priorAuthorizationDecision).toMatchObject({
      amount: 14,
      unit: 'days',
    });
    expect(computeAppealDeadline({ ...input, asOf: '2026-01-01' }).priorAuthorizationDecision).toMatchObject({
      amount: 7,
      unit: 'days',
    });
    expect(
      computeAppealDeadline({ ...input, asOf: '2026-01-01', urgent: true }).priorAuthorizationDecision,
    ).toMatchObject({
      amount: 72,
      unit: 'hours',
    });
    expect(
      computeAppealDeadline({
        planType: 'employer_erisa',
        noticeDate: '2026-03-01',
        serviceTiming: 'pre_service',
      }).priorAuthorizationDecision,
    ).toBeUndefined();
  });

  it('reports days remaining and status from asOf', () => {
    const input = { planType: 'medicaid_managed_care', noticeDate: '2026-04-15' } as const; // deadline 2026-06-14
    expect(computeAppealDeadline({ ...input, asOf: '2026-05-01' })).toMatchObject({
      daysRemaining: 44,
      status: 'open',
    });
    expect(computeAppealDeadline({ ...input, asOf: '2026-05-31' })).toMatchObject({
      daysRemaining: 14,
      status: 'due_soon',
    });
    expect(computeAppealDeadline({ ...input, asOf: '2026-06-14' })).toMatchObject({
      daysRemaining: 0,
      status: 'due_soon',
    });
    expect(computeAppealDeadline({ ...input, asOf: '2026-06-15' })).toMatchObject({
      daysRemaining: -1,
      status: 'passed',
    });
  });

  it('warns of the Medicare amount in controversy for the filing year', () => {
    const result = computeAppealDeadline({
      planType: 'medicare_original',
      level: 'alj_hearing',
      noticeDate: '2026-02-02',
      asOf: '2026-02-20',
    });
    expect(result.warnings.some((warning) => warning.includes('$200 in controversy'))).toBe(true);
  });
});

describe('computeAppealDeadline: bad input', () => {
  it('refuses impossible or misformatted dates', () => {
    expect(invalid({ planType: 'employer_erisa', noticeDate: '2026-02-30' })[0]?.path).toEqual([
      'noticeDate',
    ]);
    expect(invalid({ planType: 'employer_erisa', noticeDate: '01/15/2026' })[0]?.path).toEqual([
      'noticeDate',
    ]);
    expect(invalid({ planType: 'employer_erisa', receivedDate: '2025-02-29' })[0]?.path).toEqual([
      'receivedDate',
    ]);
  });

  it('refuses unknown plan types, levels the plan does not have, and bad windows', () => {
    expect(invalid({ planType: 'erisa', noticeDate: '2026-01-02' })[0]?.path).toEqual(['planType']);
    expect(
      invalid({ planType: 'medicare_original', level: 'internal_appeal', noticeDate: '2026-01-02' }),
    ).toEqual([
      {
        path: ['level'],
        message:
          'medicare_original has no internal_appeal level; its levels are redetermination, reconsideration, alj_hearing, appeals_council, federal_court',
      },
    ]);
    expect(
      invalid({
        planType: 'employer_erisa',
        noticeDate: '2026-01-02',
        planWindow: { amount: -30, unit: 'days' },
      })[0]?.path,
    ).toEqual(['planWindow', 'amount']);
    expect(
      invalid({
        planType: 'employer_erisa',
        noticeDate: '2026-01-02',
        planWindow: { amount: 0, unit: 'days' },
      })[0]?.path,
    ).toEqual(['planWindow', 'amount']);
  });

  it('refuses a receipt before the notice, no date at all, and a receipt-only notice-date rule', () => {
    expect(
      invalid({ planType: 'employer_erisa', noticeDate: '2026-01-10', receivedDate: '2026-01-09' })[0]?.path,
    ).toEqual(['receivedDate']);
    expect(invalid({ planType: 'employer_erisa' })[0]?.path).toEqual([]);
    expect(invalid({ planType: 'medicaid_managed_care', receivedDate: '2026-01-10' })[0]?.path).toEqual([
      'noticeDate',
    ]);
  });

  it('returns an answer or INVALID_INPUT for any JSON value, without mutating the input', () => {
    const near = fc.record(
      {
        planType: fc.oneof(fc.constantFrom(...PLAN_TYPES), fc.anything()),
        level: fc.oneof(
          fc.constantFrom('internal_appeal', 'external_review', 'redetermination', 'state_fair_hearing'),
          fc.anything(),
        ),
        noticeDate: fc.oneof(
          fc.constantFrom('2026-01-02', '2026-02-30', '2150-12-31', '1950-01-01'),
          fc.anything(),
        ),
        receivedDate: fc.oneof(fc.constantFrom('2026-01-07', '2199-12-31'), fc.anything()),
        planWindow: fc.oneof(
          fc.record({ amount: fc.integer({ min: -5, max: 4000 }), unit: fc.constantFrom('days', 'months') }),
          fc.anything(),
        ),
        state: fc.oneof(fc.constantFrom('NY', 'CA', 'TX', 'OH', 'KS', 'PR', 'ny', 'ZZ'), fc.anything()),
        asOf: fc.oneof(fc.constantFrom('2026-06-01'), fc.anything()),
        urgent: fc.oneof(fc.boolean(), fc.anything()),
        funding: fc.oneof(fc.constantFrom('insured', 'self_funded'), fc.anything()),
        careEnding: fc.oneof(fc.constantFrom('hospital_discharge', 'services_ending'), fc.anything()),
        careEndDate: fc.oneof(fc.constantFrom('2026-01-20', '2026-02-30'), fc.anything()),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(near, fc.jsonValue()), (input) => {
        const before = structuredClone(input);
        try {
          const result = computeAppealDeadline(input as DeadlineInput);
          expect(result.deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        } catch (error) {
          expect(error).toBeInstanceOf(OverturnError);
          expect((error as OverturnError).code).toBe('INVALID_INPUT');
        }
        expect(input).toEqual(before);
      }),
      { numRuns: 1000 },
    );
  });

  it('never gives a date before the clock starts, and a later receipt never gives an earlier deadline', () => {
    const dates = fc.integer({ min: 0, max: 3000 }).map((n) => {
      const day = new Date(Date.UTC(2020, 0, 1) + n * 86_400_000);
      return day.toISOString().slice(0, 10);
    });
    fc.assert(
      fc.property(
        fc.constantFrom(...PLAN_TYPES),
        dates,
        fc.integer({ min: 0, max: 20 }),
        // The state layer too: a state with a confirmed rule, one without, and none.
        fc.constantFrom(undefined, 'OH', 'NY', 'KS', 'ME', 'PR'),
        (planType, notice, lag, state) => {
          const received = new Date(Date.parse(`${notice}T00:00:00Z`) + lag * 86_400_000)
            .toISOString()
            .slice(0, 10);
          const level = ['employer_erisa', 'employer_non_erisa', 'individual_market'].includes(planType)
            ? ('external_review' as const)
            : undefined;
          const base = { planType, level, ...(state ? { state } : {}) };
          const onTime = computeAppealDeadline({ ...base, noticeDate: notice, receivedDate: notice });
          const late = computeAppealDeadline({ ...base, noticeDate: notice, receivedDate: received });
          expect(onTime.deadline > notice).toBe(true);
          expect(late.deadline >= onTime.deadline).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('types', () => {
  it('exposes the contract types', () => {
    expectTypeOf(computeAppealDeadline).parameter(0).toEqualTypeOf<DeadlineInput>();
    expectTypeOf(computeAppealDeadline).returns.toEqualTypeOf<AppealDeadline>();
    expectTypeOf<AppealDeadline['status']>().toEqualTypeOf<'open' | 'due_soon' | 'passed' | undefined>();
  });
});

describe('computeAppealDeadline: calendar edges', () => {
  it('stays inside the calendar for the latest dates and the longest windows, for every plan type and level', () => {
    for (const planType of PLAN_TYPES) {
      for (const level of [undefined, ...APPEAL_LEVELS]) {
        for (const planWindow of [
          { amount: 3650, unit: 'days' },
          { amount: 120, unit: 'months' },
        ] as const) {
          try {
            const result = computeAppealDeadline({
              planType,
              level,
              noticeDate: '2150-12-31',
              receivedDate: '2150-12-31',
              planWindow,
              state: 'NY',
            });
            expect(result.deadline > '2150-12-31').toBe(true);
          } catch (error) {
            expect(error).toBeInstanceOf(OverturnError);
            expect((error as OverturnError).issues[0]?.path).toEqual(['level']);
          }
        }
      }
    }
    expect(() =>
      computeAppealDeadline({
        planType: 'employer_erisa',
        noticeDate: '2150-01-01',
        planWindow: { amount: 121, unit: 'months' },
      }),
    ).toThrow(OverturnError);
  });
});

describe('computeAppealDeadline: funding of employer plans', () => {
  // Received Sat 2026-02-14; 4 months → Sun 2026-06-14. Federal rule rolls to Mon 06-15; New York's does not.
  const base = {
    planType: 'employer_erisa',
    level: 'external_review',
    receivedDate: '2026-02-14',
    state: 'NY',
  } as const;

  it('uses the earlier state date when funding is unknown or insured', () => {
    expect(computeAppealDeadline(base).deadline).toBe('2026-06-14');
    expect(computeAppealDeadline({ ...base, funding: 'insured' }).deadline).toBe('2026-06-14');
  });

  it('keeps state insurance law off a self-funded ERISA plan, and names the state date in case it opted in', () => {
    const result = computeAppealDeadline({ ...base, funding: 'self_funded' });
    expect(result.deadline).toBe('2026-06-15');
    expect(result.rolledForward).toBe(true);
    expect(
      result.warnings.some(
        (w) => w.includes('self-funded plan uses the federal process') && w.includes('file by 2026-06-14'),
      ),
    ).toBe(true);
  });

  it('uses the federal process for a self-funded government plan too (state insurance law governs insured plans)', () => {
    expect(
      computeAppealDeadline({ ...base, planType: 'employer_non_erisa', funding: 'self_funded' }).deadline,
    ).toBe('2026-06-15');
  });
});
