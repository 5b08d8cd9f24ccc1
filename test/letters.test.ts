import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyzeCase,
  type CaseAnalysis,
  type CaseInput,
  draftAppealLetter,
  draftExpeditedRequest,
  draftRecordsRequest,
  type Letter,
} from '../src/index.js';
import { CLI } from './_helpers/cli.js';
import { answerOrInvalid, issuesOf } from './_helpers/errors.js';

const root = join(import.meta.dirname, '..');
const load = (name: string): CaseAnalysis =>
  analyzeCase(JSON.parse(readFileSync(join(root, 'examples', `${name}.json`), 'utf8')) as CaseInput);
const knee = load('knee-replacement-necessity');
const medicare = load('medicare-redetermination');
const priorAuth = load('missing-prior-authorization');
const examples = { knee, medicare, priorAuth };

/** Every citation a letter lists must be in the analysis, and appear in its text. */
function expectCitationsFromAnalysis(letter: Letter, analysis: CaseAnalysis) {
  const source = JSON.stringify(analysis);
  expect(letter.citations.length).toBeGreaterThan(0);
  for (const citation of letter.citations) {
    expect(source).toContain(JSON.stringify(citation).slice(1, -1));
    expect(letter.text).toContain(citation);
    expect(letter.markdown).toContain(citation);
  }
}

function expectPlaceholdersListed(letter: Letter) {
  const found = [...new Set(letter.text.match(/\[[^\][\n]+\]/g) ?? [])];
  expect(letter.placeholders).toEqual(found);
}

describe('draftRecordsRequest', () => {
  it('cites the ERISA claim-file right and the criteria named in the knee denial', () => {
    const letter = draftRecordsRequest(knee, {});
    expect(letter.kind).toBe('records_request');
    expect(letter.text).toContain('29 CFR 2560.503-1(h)(2)(iii)');
    expect(letter.citations.join(' ')).toContain('29 CFR 2560.503-1(h)(2)(iii)');
    expect(letter.text).toContain('MCG');
    expect(letter.text).toContain('free of charge');
    expect(letter.text).toContain('Date: 2026-11-25');
    expect(letter.text).not.toMatch(/42 CFR 4/);
  });

  it('cites the HIPAA right of access and the 42 CFR 405 deadline for Original Medicare, never ERISA', () => {
    const letter = draftRecordsRequest(medicare, {});
    expect(letter.text).toContain('45 CFR 164.524');
    expect(letter.text).toMatch(/42 CFR 405/);
    expect(letter.text).toContain('Local Coverage Determination');
    expect(letter.text).not.toContain('2560.503-1');
    expect(letter.text).not.toContain('free of charge');
  });

  it('uses a generic phrase when no criteria are named', () => {
    const letter = draftRecordsRequest(priorAuth, {});
    expect(letter.text).toContain('any internal rule, guideline, protocol');
    expect(letter.text).not.toContain('MCG');
  });

  it('fills the parties and leaves placeholders for the rest', () => {
    const letter = draftRecordsRequest(knee, { patient: { name: 'Jane Doe' }, claimNumber: 'A-123' });
    expect(letter.text).toContain('Jane Doe');
    expect(letter.text).toContain('A-123');
    expect(letter.placeholders).toContain('[Insurer]');
    expect(letter.placeholders).not.toContain("[Patient's name]");
    expect(letter.placeholders).not.toContain('[Claim number]');
  });

  it('writes a [Date] placeholder without asOf', () => {
    const { asOf: _asOf, ...rest } = knee;
    const letter = draftRecordsRequest(rest as CaseAnalysis, {});
    expect(letter.placeholders).toContain('[Date]');
  });
});

describe('the case facts the letters quote', () => {
  it('keeps what the knee case said: its sentence of reason, procedure, codes, dates, plan and state', () => {
    expect(knee.facts).toEqual({
      planType: 'employer_erisa',
      // The sentence of the notice holding the medical-necessity wording, not the appeal-rights sentence after it.
      denialReason:
        'Based on the MCG criteria for knee arthroplasty, the request is not medically necessary: the records do not document that conservative treatment, including physical therapy and injections, has been tried and failed.',
      procedure: 'total knee arthroplasty',
      codes: ['CO-50', 'N661'],
      noticeDate: '2026-10-01',
      receivedDate: '2026-10-06',
      state: 'TX',
      icd10: ['M17.11'],
    });
  });

  it('quotes them instead of leaving placeholders, and keeps the placeholder where the case has nothing', () => {
    const appeal = draftAppealLetter(knee);
    expect(appeal.text).toContain(`The stated reason, in the notice's words: "${knee.facts.denialReason}"`);
    expect(appeal.text).toContain('cover total knee arthroplasty as requested');
    expect(appeal.placeholders).not.toContain("[The insurer's stated reason, quoted from the denial]");
    expect(appeal.placeholders).not.toContain('[Denied service]');
    // Codes only: no text to quote, no procedure named.
    const codesOnly = analyzeCase({
      denial: { codes: ['CO-50'] },
      planType: 'employer_erisa',
      noticeDate: '2026-10-01',
      asOf: '2026-11-25',
    });
    expect(codesOnly.facts).toEqual({
      planType: 'employer_erisa',
      codes: ['CO-50'],
      noticeDate: '2026-10-01',
    });
    const letter = draftAppealLetter(codesOnly);
    expect(letter.placeholders).toContain("[The insurer's stated reason, quoted from the denial]");
    expect(letter.placeholders).toContain('[Denied service]');
  });

  it('quotes nothing when no recognised wording is in a sentence of the text', () => {
    const unclear = analyzeCase({
      denial: { codes: ['CO-50'], text: 'Please call us.' },
      planType: 'employer_erisa',
      noticeDate: '2026-10-01',
    });
    expect(unclear.facts.denialReason).toBeUndefined();
  });

  it('quotes the sentence that quotes a code where no wording is recognised, and lists the codes the text quotes', () => {
    const quoted = analyzeCase({
      denial: {
        codes: ['N115'],
        text: 'Dear member, we processed your claim. Denied per CO-50. Call us with questions.',
      },
      planType: 'employer_erisa',
      noticeDate: '2026-10-01',
    });
    expect(quoted.facts.denialReason).toBe('Denied per CO-50.');
    expect(quoted.facts.codes).toEqual(['N115', 'CO-50']);
  });
});

describe('draftExpeditedRequest', () => {
  const urgent = (planType: string) =>
    analyzeCase({
      denial: { codes: ['CO-50'], text: 'The requested lumbar spinal fusion is not medically necessary.' },
      planType,
      noticeDate: '2026-10-01',
      urgent: true,
      procedure: 'lumbar spinal fusion',
      asOf: '2026-10-02',
    } as CaseInput);

  it('asks for the urgent appeal under the plan’s own rule, with the 72-hour decision and its citation', () => {
    const letter = draftExpeditedRequest(urgent('employer_erisa'), { physician: { name: 'Dr. Lee' } });
    expect(letter.kind).toBe('expedited_request');
    expect(letter.text).toContain(
      'ask that the appeal be handled as urgent (expedited) (29 CFR 2560.503-1(m)(1)(iii), (h)(3)(vi), (i)(2)(i); 45 CFR 147.136(b)(2)(ii)(B), (b)(3)(ii)(B), (d)(3)(i)(A)).',
    );
    expect(letter.text).toContain(
      'Please decide within 72 hours (29 CFR 2560.503-1(i)(2)(i); 45 CFR 147.136(b)(2)(i))',
    );
    expect(letter.text).toContain("Dr. Lee, who treats [Patient's name], states that waiting");
    expect(letter.text).toContain('approve lumbar spinal fusion.');
    // Notice 2026-10-01, no receipt date: 180 days from the notice = 2027-03-30.
    expect(letter.text).toContain('Tuesday 2027-03-30');
    const medicare = draftExpeditedRequest(urgent('medicare_advantage'));
    expect(medicare.text).toContain('42 CFR 422.584(a), (b)(1), (c)(2)(ii)');
    expect(medicare.text).toContain('Please decide within 72 hours (42 CFR 422.590(e)(1))');
    expect(medicare.text).not.toContain('2560.503-1');
  });

  it('refuses a case that is not urgent, saying how to mark it', () => {
    expect(issuesOf(() => draftExpeditedRequest(knee), undefined, 'INVALID_INPUT')).toEqual([
      {
        path: ['checklist', 'items'],
        message:
          'this case has no expedited step: an expedited appeal is for urgent care. Analyse the case with urgent: true once a doctor says waiting could seriously harm the patient.',
      },
    ]);
  });
});

describe('draftAppealLetter', () => {
  it('writes a clinical appeal for the knee case with the ERISA deadline and next levels', () => {
    const letter = draftAppealLetter(knee, {});
    expect(letter.kind).toBe('appeal');
    expect(letter.text).toContain('2027-04-04');
    expect(letter.text).toContain('29 CFR 2560.503-1(h)(3)(i)');
    expect(letter.text).toContain('45 CFR 147.136(a)(1)');
    expect(letter.text).toContain('a specialist in Orthopaedic Surgery');
    expect(letter.text).toContain('AAOS appropriate use criteria');
    expect(letter.placeholders).toEqual(
      expect.arrayContaining(["[Specialist's name]", "[Specialist's conclusions]", "[Patient's name]"]),
    );
    expect(letter.text).not.toMatch(/42 CFR 4/);
  });

  it('writes a Medicare redetermination with 42 CFR 405 and 2026-05-07, no ERISA', () => {
    const letter = draftAppealLetter(medicare, {});
    expect(letter.kind).toBe('appeal');
    expect(letter.text).toContain('2026-05-07');
    expect(letter.citations.some((citation) => citation.startsWith('42 CFR 405'))).toBe(true);
    expect(letter.text).not.toContain('2560.503-1');
  });

  it('writes a correction letter for the administrative prior-authorization denial', () => {
    const letter = draftAppealLetter(priorAuth, {});
    expect(letter.kind).toBe('correction');
    expect(letter.text).toContain('prior authorization');
    expect(letter.text).toContain('[Authorization number]');
    expect(letter.text).toContain('2027-05-01');
    expect(letter.text).not.toContain('Independent second opinion');
  });

  it('uses the evidence given', () => {
    const letter = draftAppealLetter(
      knee,
      { patient: { name: 'Jane Doe' }, insurer: { name: 'Acme Health' } },
      {
        secondOpinion: {
          specialistName: 'Dr. Ada Park',
          conclusions: 'Surgery is indicated.',
          examinedOn: '2026-11-20',
        },
        treatingPhysicianLetter: { physicianName: 'Dr. Bo Lee', date: '2026-11-21' },
        guidelines: ['AAOS knee OA guideline (2021)'],
      },
    );
    for (const fact of [
      'Dr. Ada Park',
      'Surgery is indicated.',
      '2026-11-20',
      'Dr. Bo Lee',
      '2026-11-21',
      'AAOS knee OA guideline (2021)',
      'Acme Health',
    ])
      expect(letter.text).toContain(fact);
    expect(letter.placeholders).not.toContain("[Specialist's name]");
    expect(letter.placeholders).not.toContain("[Specialist's conclusions]");
  });

  it('rejects bad evidence with INVALID_INPUT', () => {
    const issues = issuesOf(() => draftAppealLetter(knee, {}, { guidelines: [42] } as never), undefined);
    expect(issues[0]?.path).toEqual(['guidelines', 0]);
  });
});

describe('every example, both letters', () => {
  for (const [name, analysis] of Object.entries(examples)) {
    const erisa = name === 'knee';
    for (const draft of [draftRecordsRequest, draftAppealLetter]) {
      it(`${name}: ${draft.name} cites only the analysis, for its plan type, and lists its placeholders`, () => {
        const letter = draft(analysis, {});
        expectCitationsFromAnalysis(letter, analysis);
        expectPlaceholdersListed(letter);
        if (erisa) expect(letter.citations.join(' ')).not.toMatch(/42 CFR 4/);
        if (name === 'medicare') expect(letter.citations.join(' ')).not.toContain('2560.503-1');
        expect(draft(analysis, {})).toEqual(letter);
      });
    }
  }
});

describe('parties validation', () => {
  it.each([
    [{ patient: { name: 42 } }, ['patient', 'name']],
    [{ claimNumber: 'x'.repeat(201) }, ['claimNumber']],
    [{ insurer: { name: 'Acme', extra: true } }, ['insurer']],
    [{ unknown: 1 }, []],
    [{ specialist: { specialty: 'Cardiology' } }, ['specialist', 'name']],
  ])('refuses %j with its path', (parties, path) => {
    for (const draft of [draftRecordsRequest, draftAppealLetter]) {
      const issues = issuesOf((input) => draft(knee, input), parties);
      expect(issues.some((issue) => JSON.stringify(issue.path) === JSON.stringify(path))).toBe(true);
    }
  });

  it('any JSON parties gives a letter or INVALID_INPUT', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.record(
            { patient: fc.record({ name: fc.string() }), claimNumber: fc.string() },
            { requiredKeys: [] },
          ),
        ),
        (parties) => {
          for (const draft of [draftRecordsRequest, draftAppealLetter]) {
            const letter = answerOrInvalid(() => draft(medicare, parties as never));
            if (letter) expect(letter.text).not.toContain('2560.503-1');
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('overturn letter', () => {
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [CLI, ...args], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, FORCE_COLOR: '', NO_COLOR: '' },
    });
  const dir = mkdtempSync(join(tmpdir(), 'overturn-letter-'));

  it('prints the records request as Markdown', () => {
    const result = cli('letter', '--kind', 'records', 'examples/knee-replacement-necessity.json');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('29 CFR 2560.503-1(h)(2)(iii)');
  });

  it('prints the appeal as JSON with the parties and --as-of', () => {
    const parties = join(dir, 'parties.json');
    writeFileSync(parties, JSON.stringify({ patient: { name: 'Jane Doe' } }));
    const result = cli(
      'letter',
      '--kind',
      'appeal',
      'examples/medicare-redetermination.json',
      '--json',
      '--parties',
      parties,
      '--as-of',
      '2026-03-01',
    );
    expect(result.status).toBe(0);
    const letter = JSON.parse(result.stdout) as Letter;
    expect(letter.kind).toBe('appeal');
    expect(letter.text).toContain('Jane Doe');
    expect(letter.text).toContain('Date: 2026-03-01');
  });

  it('exits 1 on bad parties, a missing file or a bad case', () => {
    const parties = join(dir, 'bad.json');
    writeFileSync(parties, JSON.stringify({ patient: { name: 1 } }));
    const bad = cli(
      'letter',
      '--kind',
      'records',
      'examples/knee-replacement-necessity.json',
      '--parties',
      parties,
    );
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('INVALID_INPUT');
    expect(bad.stderr).toContain('patient.name');
    expect(cli('letter', '--kind', 'records', join(dir, 'nope.json')).status).toBe(1);
    const badCase = join(dir, 'case.json');
    writeFileSync(badCase, JSON.stringify({ denial: {} }));
    expect(cli('letter', '--kind', 'appeal', badCase).status).toBe(1);
  });

  it('exits 2 without a valid --kind', () => {
    expect(cli('letter', 'examples/knee-replacement-necessity.json').status).toBe(2);
    expect(cli('letter', '--kind', 'poem', 'examples/knee-replacement-necessity.json').status).toBe(2);
  });
});
