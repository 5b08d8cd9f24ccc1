/**
 * The letters the checklist calls for beyond the appeal: the external review request, the regulator complaint,
 * the physician's letter of medical necessity (outline) and the specialist's briefing. Dates and citations are
 * worked out by hand from the rule text noted beside each.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  draftLetterOf,
  LETTER_KINDS,
  type LetterRequestKind,
  letterRequestSchema,
} from '../src/cli/letterRequests.js';
import { parseInput } from '../src/errors.js';
import {
  analyzeCase,
  type CaseAnalysis,
  type CaseInput,
  draftExternalReviewRequest,
  draftMedicalNecessityOutline,
  draftRegulatorComplaint,
  draftSpecialistBriefing,
  type Letter,
  OverturnError,
} from '../src/index.js';
import { CLI } from './_helpers/cli.js';
import { issuesOf } from './_helpers/errors.js';

const root = join(import.meta.dirname, '..');
const example = (name: string): CaseAnalysis =>
  analyzeCase(JSON.parse(readFileSync(join(root, 'examples', `${name}.json`), 'utf8')) as CaseInput);
const fixture = (name: string): CaseAnalysis =>
  analyzeCase(
    (
      JSON.parse(readFileSync(join(root, 'fixtures', 'cases', `${name}.json`), 'utf8')) as {
        input: CaseInput;
      }
    ).input,
  );
const knee = example('knee-replacement-necessity');
const priorAuth = example('missing-prior-authorization');
const parties = {
  patient: { name: 'Jane Doe' },
  insurer: { name: 'Acme Health' },
  claimNumber: 'A-123',
  physician: { name: 'Dr. Lee' },
};

/** Every citation a letter lists is in the analysis and in the letter's text. */
function expectCitationsFromAnalysis(letter: Letter, analysis: CaseAnalysis) {
  const source = JSON.stringify(analysis);
  for (const citation of letter.citations) {
    expect(source).toContain(JSON.stringify(citation).slice(1, -1));
    expect(letter.text).toContain(citation);
  }
}

describe('draftExternalReviewRequest', () => {
  it('asks for external review after the final decision, citing 45 CFR 147.136, with the state regulator copied', () => {
    const letter = draftExternalReviewRequest(knee, parties);
    expect(letter.kind).toBe('external_review_request');
    expect(letter.text).toContain(
      "I ask for an independent external review of Acme Health's decision to deny coverage for total knee arthroplasty for Jane Doe.",
    );
    // Not yet at that level: the final decision's date is not known, the rule is cited.
    expect(letter.text).toContain(
      'in its final decision dated [Date of the final decision on the appeal]; this request is made within the time allowed after that decision (45 CFR 147.136(a)(1) (grandfathered plans under 147.140 excluded), (c), (d)(2)(i), (d)(2)(iii)(A)(4)).',
    );
    expect(letter.text).toContain(
      'Copy to: Texas Department of Insurance (https://www.tdi.texas.gov/, 800-252-3439).',
    );
    expect(letter.text).toContain(
      '"Based on the MCG criteria for knee arthroplasty, the request is not medically necessary',
    );
    expect(letter.text).not.toMatch(/42 CFR 4/);
    expectCitationsFromAnalysis(letter, knee);
  });

  it('at the external review level, gives its deadline and decision time (California IMR: 6 months from 2026-01-30)', () => {
    const analysis = fixture('18-ca-imr-proton-therapy');
    const letter = draftExternalReviewRequest(analysis);
    expect(analysis.deadline.level).toBe('external_review');
    // Cal. Health & Safety Code § 1374.30: six months from the notice of 2026-01-30.
    expect(letter.text).toContain(
      'This request is made by Thursday 2026-07-30 (Cal. Health & Safety Code § 1374.30',
    );
    expect(letter.text).toContain(
      'Please decide within 30 days (Cal. Health & Safety Code § 1374.30 et seq.',
    );
    expect(letter.text).toContain(
      '"Proton beam therapy is not medically necessary for your prostate cancer."',
    );
    expectCitationsFromAnalysis(letter, analysis);
  });

  it('sends a Medicare reconsideration to the QIC on form CMS-20033, by 180 days after receipt', () => {
    // 42 CFR 405.962: 180 days from receipt of the redetermination, 2026-05-04 → Saturday 2026-10-31.
    const analysis = fixture('07-medicare-qic-reconsideration-frequency');
    const letter = draftExternalReviewRequest(analysis);
    expect(letter.text).toContain(
      'To: The Qualified Independent Contractor (QIC) named on your redetermination notice, [Address]',
    );
    expect(letter.text).toContain(
      'This request is made by Saturday 2026-10-31 (42 CFR 405.962(a)(1)–(2)), the last day to ask.',
    );
    expect(letter.text).toContain('Form CMS-20033 is enclosed, completed');
    expect(letter.text).not.toContain('2560.503-1');
    expect(letter.text).not.toContain('147.136');
  });

  it('asks OMHA for an ALJ hearing on form OMHA-100, by 60 days after the reconsideration was received', () => {
    // 42 CFR 405.1002(a)(1): 60 days from receipt on 2026-10-01 → Monday 2026-11-30.
    const analysis = analyzeCase({
      denial: {
        codes: ['CO-50'],
        text: 'The QIC upheld the denial: the service is not reasonable and necessary.',
      },
      planType: 'medicare_original',
      level: 'alj_hearing',
      receivedDate: '2026-10-01',
      procedure: 'spinal cord stimulator',
      asOf: '2026-10-05',
    });
    for (const letter of [draftExternalReviewRequest(analysis), draftLetterOf('appeal', analysis)]) {
      expect(letter.text).toContain(
        'To: OMHA Central Operations, Attn: Beneficiary Mail Stop, 1001 Lakeside Ave., Suite 930, Cleveland, OH 44114-1158',
      );
      expect(letter.text).toContain('Form OMHA-100 is enclosed, completed');
      expect(letter.text).toContain('Monday 2026-11-30 (42 CFR 405.1002(a)(1), (a)(3)–(4))');
    }
  });

  it('addresses OPM for FEHB, and the state Medicaid agency for a fair hearing', () => {
    const fehb = draftExternalReviewRequest(fixture('12-fehb-out-of-network'));
    expect(fehb.text).toContain('To: U.S. Office of Personnel Management (OPM), [Address]');
    expect(fehb.text).toContain('(48 CFR 1652.204-72(d)(3), (e)(1), (g)(4)(iii))');
    const medicaid = draftExternalReviewRequest(fixture('10-medicaid-mco-level-of-care'));
    expect(medicaid.sections[0]?.heading).toBe('Request for a state fair hearing');
    expect(medicaid.text).toContain(
      'To: Ohio Department of Medicaid (https://medicaid.ohio.gov/, 800-324-8680)',
    );
  });

  it('for TRICARE, asks for a formal review of a factual denial and a second reconsideration of a medical one', () => {
    const factual = draftExternalReviewRequest(fixture('13-tricare-duplicate-passed'));
    expect(factual.sections[0]?.heading).toBe('Request for a formal review');
    expect(factual.citations).toContain('32 CFR 199.10(c)(1)(iii)–(iv), (b)(5)');
    const medical = analyzeCase({
      denial: { codes: ['CO-50'], text: 'The requested MRI is not medically necessary.' },
      planType: 'tricare',
      noticeDate: '2026-04-01',
    });
    const letter = draftExternalReviewRequest(medical);
    expect(letter.text).toContain(
      'To: The national quality monitoring contractor named in the reconsideration decision',
    );
    expect(letter.citations).toContain('TRICARE, Medical Necessity Appeals (tricare.mil)');
  });

  it('refuses where no request is sent: Medicare Advantage forwards the case itself; a disability plan has none', () => {
    const [automatic] = issuesOf(
      () => draftExternalReviewRequest(fixture('08-medicare-advantage-expedited')),
      undefined,
      'INVALID_INPUT',
    );
    expect(automatic?.message).toMatch(
      /^no request is needed: watch for the independent review entity's decision/,
    );
    const [none] = issuesOf(
      () => draftExternalReviewRequest(fixture('14-disability-short-plan-window')),
      undefined,
      'INVALID_INPUT',
    );
    expect(none?.message).toMatch(/^this plan has no external review step/);
  });
});

describe('draftRegulatorComplaint', () => {
  it('goes to the Department of Labor (EBSA) for a self-funded ERISA plan, citing its rule', () => {
    const analysis = fixture('02-erisa-self-funded-ny-external-review');
    const letter = draftRegulatorComplaint(analysis, parties);
    expect(letter.kind).toBe('regulator_complaint');
    expect(letter.text).toContain(
      'To: U.S. Department of Labor, Employee Benefits Security Administration (EBSA), https://www.askebsa.dol.gov/WebIntake/Home.aspx',
    );
    expect(letter.text).toContain(
      'Acme Health: an employer health plan (ERISA), self-funded by the employer, in NY.',
    );
    expect(letter.citations).toContain(
      'U.S. Department of Labor, EBSA Request for Assistance; 29 CFR 2560.503-1(j)(5)(iii)',
    );
    // 45 CFR 147.136(d)(2)(i): four months from receipt on 2026-02-14 → Sunday 2026-06-14, moved to Monday.
    expect(letter.text).toContain(
      'The appeal at this level is due by Monday 2026-06-15 (45 CFR 147.136(d)(2)(i)).',
    );
    expectCitationsFromAnalysis(letter, analysis);
  });

  it('goes to the state insurance department for an insured plan, and to OPM for FEHB', () => {
    const insured = draftRegulatorComplaint(knee);
    expect(insured.text).toContain(
      'To: Texas Department of Insurance (https://www.tdi.texas.gov/, 800-252-3439)',
    );
    const fehb = draftRegulatorComplaint(fixture('12-fehb-out-of-network'));
    expect(fehb.text).toContain('To: U.S. Office of Personnel Management (OPM), [Address]');
    expect(fehb.text).not.toContain('2560.503-1');
  });

  it('asks the reader to check an agency whose contact is not confirmed, as a placeholder', () => {
    const letter = draftRegulatorComplaint(fixture('11-medicaid-ffs-nc-hysterectomy'));
    expect(letter.text).toContain(
      'To: NC Medicaid (NC Department of Health and Human Services, Division of Health Benefits)',
    );
    expect(
      letter.placeholders.some((placeholder) =>
        placeholder.startsWith('[Check before sending: The NC Medicaid Contact Center number'),
      ),
    ).toBe(true);
  });

  it('in California names the DMHC, and asks the reader to check which agency regulates the plan', () => {
    const letter = draftRegulatorComplaint(fixture('18-ca-imr-proton-therapy'));
    expect(letter.text).toContain(
      'To: California Department of Managed Health Care (DMHC) Help Center, https://www.dmhc.ca.gov/FileaComplaint.aspx',
    );
    expect(
      letter.placeholders.some((placeholder) => placeholder.includes('California Department of Insurance')),
    ).toBe(true);
  });
});

describe('draftMedicalNecessityOutline', () => {
  it('is written for the treating physician, with the condition codes, the criteria named and the guidelines', () => {
    const letter = draftMedicalNecessityOutline(knee, parties);
    expect(letter.kind).toBe('medical_necessity_outline');
    expect(letter.text).toContain('From: Dr. Lee, [Specialty and board certification]');
    expect(letter.text).toContain(
      'for [Diagnosis] (ICD-10-CM M17.11). I request coverage of total knee arthroplasty.',
    );
    expect(letter.text).toContain(
      'Measured against the MCG (Milliman Care Guidelines) criteria, which the denial relies on',
    );
    expect(letter.text).toContain('AAOS appropriate use criteria');
    expect(letter.citations).toContain('29 CFR 2560.503-1(h)(2)(ii), (h)(2)(iv)');
    expectCitationsFromAnalysis(letter, knee);
  });

  it('refuses an administrative denial: a corrected claim answers it', () => {
    const [issue] = issuesOf(() => draftMedicalNecessityOutline(priorAuth), undefined, 'INVALID_INPUT');
    expect(issue?.message).toMatch(/^this denial is administrative/);
  });
});

describe('draftSpecialistBriefing', () => {
  it('asks the five questions, quotes the finding, and dates the report before the appeal deadline', () => {
    const letter = draftSpecialistBriefing(knee, { specialist: { name: 'Dr. Ada Park' } });
    expect(letter.kind).toBe('specialist_briefing');
    expect(letter.text).toContain('To: Dr. Ada Park');
    expect(letter.text).toContain(
      '1. The reviewer concluded: "Based on the MCG criteria for knee arthroplasty, the request is not medically necessary: the records do not document that conservative treatment, including physical therapy and injections, has been tried and failed". Do you agree',
    );
    expect(letter.text).toContain(
      '2. The denial relies on the MCG (Milliman Care Guidelines) criteria (enclosed).',
    );
    expect(letter.text).toContain('5. Are there alternative treatments');
    // ERISA: 180 days from receipt on 2026-10-06 → Sunday 2027-04-04 (not moved); the report 30 days before.
    expect(letter.text).toContain(
      'Please send the written report by 2027-03-05: the appeal must be filed by Sunday 2027-04-04 (29 CFR 2560.503-1(h)(3)(i)).',
    );
    expect(letter.text).toContain('No financial relationship with the insurer');
    expectCitationsFromAnalysis(letter, knee);
  });

  it('refuses when a second opinion cannot help', () => {
    const [issue] = issuesOf(() => draftSpecialistBriefing(priorAuth), undefined, 'INVALID_INPUT');
    expect(issue?.message).toMatch(/^a second opinion cannot change this denial/);
  });
});

/** The letter each checklist step calls for. */
const LETTER_OF_ITEM: Record<string, LetterRequestKind> = {
  request_claim_file: 'records',
  submit_written_appeal: 'appeal',
  request_expedited_review: 'expedited',
  external_review: 'external-review',
  escalate_to_regulator: 'complaint',
  treating_physician_letter: 'medical-necessity',
  obtain_second_opinion: 'specialist-briefing',
};

describe('every letter the checklist names', () => {
  // The fixtures of valid cases (the others test the errors of analyzeCase).
  const cases = readdirSync(join(root, 'fixtures', 'cases'))
    .filter((name) => name.endsWith('.json'))
    .filter((name) => !JSON.parse(readFileSync(join(root, 'fixtures', 'cases', name), 'utf8')).expect.error)
    .map((name) => name.replace(/\.json$/, ''));

  it.each(cases)('%s: each can be drafted, quotes the case and cites only the analysis', (name) => {
    const analysis = fixture(name);
    const kinds = analysis.checklist.items
      .filter((item) => !item.automatic)
      .flatMap((item) => (LETTER_OF_ITEM[item.id] ? [LETTER_OF_ITEM[item.id] as LetterRequestKind] : []));
    expect(kinds).toContain('appeal');
    for (const kind of kinds) {
      const letter = draftLetterOf(kind, analysis, parties);
      expectCitationsFromAnalysis(letter, analysis);
      expect(letter.text).toContain('Jane Doe');
      if (analysis.facts.procedure) expect(letter.text).toContain(analysis.facts.procedure);
      if (analysis.facts.denialReason)
        expect(letter.text).toContain(analysis.facts.denialReason.replace(/[.;]$/, ''));
      expect(letter.placeholders).toEqual([...new Set(letter.text.match(/\[[^\][\n]+\]/g) ?? [])]);
    }
  });

  it('any kind on any fixture either drafts or refuses with INVALID_INPUT, never anything else', () => {
    for (const name of cases) {
      const analysis = fixture(name);
      for (const kind of LETTER_KINDS) {
        try {
          expect(draftLetterOf(kind, analysis).sections.length).toBeGreaterThan(2);
        } catch (error) {
          expect(error).toBeInstanceOf(OverturnError);
          expect((error as OverturnError).code).toBe('INVALID_INPUT');
        }
      }
    }
  });
});

describe('the evidence of an appeal, from a request or the command line', () => {
  const evidence = {
    secondOpinion: {
      specialistName: 'Dr. Ada Park',
      examinedOn: '2026-11-20',
      conclusions: 'Surgery is indicated.',
    },
  };

  it('fills the appeal and is refused for another letter, with its path', () => {
    const letter = draftLetterOf('appeal', knee, parties, evidence);
    expect(letter.text).toContain('Dr. Ada Park, a specialist in Orthopaedic Surgery');
    expect(letter.text).toContain('Conclusions: Surgery is indicated.');
    const request = {
      case: JSON.parse(readFileSync(join(root, 'examples/knee-replacement-necessity.json'), 'utf8')),
      kind: 'records',
      evidence,
    };
    expect(issuesOf(() => parseInput(letterRequestSchema, request), undefined, 'INVALID_INPUT')).toEqual([
      { path: ['evidence'], message: 'only the appeal (kind "appeal") uses evidence' },
    ]);
  });

  it('overturn letter --evidence fills the appeal; with another kind it is a usage error', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'overturn-evidence-')), 'evidence.json');
    writeFileSync(file, JSON.stringify(evidence));
    const cli = (kind: string) =>
      spawnSync(
        process.execPath,
        [CLI, 'letter', '--kind', kind, 'examples/knee-replacement-necessity.json', '--evidence', file],
        { encoding: 'utf8', cwd: root },
      );
    const appeal = cli('appeal');
    expect(appeal.status).toBe(0);
    expect(appeal.stdout).toContain('- The second-opinion report of Dr. Ada Park');
    const records = cli('records');
    expect(records.status).toBe(2);
    expect(records.stderr).toContain('--evidence is for the appeal (--kind appeal)');
  });
});
