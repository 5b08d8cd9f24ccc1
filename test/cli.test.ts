import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI } from './_helpers/cli.js';

const root = join(import.meta.dirname, '..');
const cli = (...args: string[]) => cliWith({}, ...args);
const cliWith = (options: { input?: string; env?: Record<string, string> }, ...args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], {
    cwd: root,
    encoding: 'utf8',
    input: options.input,
    env: { ...process.env, FORCE_COLOR: '', NO_COLOR: '', ...options.env },
  });
const ESC = '\u001b[';

describe('overturn CLI', () => {
  it('classifies the denial of a case file', () => {
    const result = cli('classify', 'examples/medicare-redetermination.json');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('denial           medical necessity (clinical, confidence high)');
    expect(result.stdout).toContain('- code CO-50');
    expect(result.stdout).not.toContain('appeal by');
  });

  it('prints the deadline of a case file as of a given day', () => {
    const result = cli('deadline', 'examples/medicare-redetermination.json', '--as-of', '2026-02-15');
    expect(result.status).toBe(0);
    // Notice 2026-01-02, receipt presumed 01-07, + 120 days = Thursday 2026-05-07; 81 days after 02-15.
    expect(result.stdout).toContain(
      'appeal by        Thursday 2026-05-07 (redetermination, 120 days from receipt 2026-01-07, presumed)',
    );
    expect(result.stdout).toContain('status           open, 81 days remaining');
  });

  it('puts a care step before the appeal, with its hour, and marks an earliest-possible date', () => {
    const input = JSON.stringify({
      planType: 'medicare_advantage',
      noticeDate: '2026-04-09',
      careEnding: 'services_ending',
    });
    const steps = cliWith({ input }, 'deadline', '--as-of', '2026-04-09', '-');
    expect(steps.status).toBe(0);
    // The notice was delivered 2026-04-09: the fast-track request is due by noon the next day (422.626(a)(1)).
    expect(steps.stdout).toContain(
      'first            Ask for a fast-track appeal by noon the day after you get the notice: by noon on 2026-04-10 (42 CFR 422.626(a)(1)–(2))',
    );
    const unknownState = JSON.stringify({
      planType: 'medicaid_managed_care',
      level: 'state_fair_hearing',
      noticeDate: '2026-06-30',
    });
    const fallback = cliWith({ input: unknownState }, 'deadline', '--as-of', '2026-07-01', '-');
    expect(fallback.stdout).toContain('(the earliest it could be: see the warnings)');
  });

  it('prints JSON with --json', () => {
    const result = cli(
      'deadline',
      'examples/medicare-redetermination.json',
      '--json',
      '--as-of',
      '2026-05-08',
    );
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      deadline: '2026-05-07',
      status: 'passed',
      daysRemaining: -1,
    });
  });

  it('prints the issues and exits non-zero for a bad file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'overturn-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ codes: ['hello'] }));
    const result = cli('classify', bad);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('INVALID_INPUT');
    expect(result.stderr).toContain('codes.0: "hello" is not a CARC or RARC code');
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ not json');
    expect(cli('classify', broken).stderr).toContain('not valid JSON');
  });

  it('validates a rule-set directory given with --rules', () => {
    const result = cli('classify', 'examples/knee-replacement-necessity.json', '--rules', 'rules');
    expect(result.status).toBe(0);
    const missing = cli('classify', 'examples/knee-replacement-necessity.json', '--rules', 'no-such-dir');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('INVALID_RULE_SET');
  });

  it('analyzes a case: classification, deadline, specialist, surgical opinion and a numbered plan', () => {
    const result = cli('analyze', 'examples/knee-replacement-necessity.json');
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    const out = result.stdout;
    expect(out).toContain('denial           medical necessity (clinical, confidence high)');
    // Received 2026-10-06 + 180 days = Sunday 2027-04-04; the file's asOf is 2026-11-25: 130 days left.
    expect(out).toContain(
      'appeal by        Sunday 2027-04-04 (internal appeal, 180 days from receipt 2026-10-06)',
    );
    expect(out).toContain('status           open, 130 days remaining');
    expect(out).toContain('specialist       Orthopaedic Surgery (NUCC 207X00000X');
    expect(out).toContain('preferably       Adult Reconstructive Orthopaedic Surgery (NUCC 207XS0114X)');
    expect(out).toContain('surgical opinion plan dependent');
    expect(out).toMatch(/Plan: \d+ steps/);
    expect(out).toMatch(
      / {1,2}\d+\. Submit the written internal appeal by Sunday 2027-04-04 {2}CRITICAL {2}due 2027-04-04/,
    );
    expect(out).not.toContain(ESC); // not a terminal: no colour
  });

  it('uses colour only when asked or on a terminal', () => {
    const coloured = cli('analyze', 'examples/medicare-redetermination.json', '--color');
    expect(coloured.stdout).toContain(ESC);
    const plain = cli('analyze', 'examples/medicare-redetermination.json', '--no-color');
    expect(plain.stdout).not.toContain(ESC);
  });

  it('prints the whole analysis as JSON with --json, reading the case from stdin', () => {
    const input = readFileSync(join(root, 'examples/medicare-redetermination.json'), 'utf8');
    const result = cliWith({ input }, 'analyze', '-', '--json', '--as-of', '2026-02-15');
    expect(result.status).toBe(0);
    const analysis = JSON.parse(result.stdout);
    expect(analysis.asOf).toBe('2026-02-15');
    expect(analysis.deadline).toMatchObject({ deadline: '2026-05-07', daysRemaining: 81, status: 'open' });
    expect(analysis.classification.category).toBe('medical_necessity');
    expect(analysis.checklist.items.at(-1)?.id ?? '').not.toBe('');
    expect(analysis.ruleSet).toEqual({ id: 'overturn-us', version: expect.any(String) });
  });

  it('writes the dated steps to an iCalendar file with --ics', () => {
    const dir = mkdtempSync(join(tmpdir(), 'overturn-'));
    const file = join(dir, 'plan.ics');
    const result = cli('analyze', 'examples/medicare-redetermination.json', '--ics', file);
    expect(result.status).toBe(0);
    const ics = readFileSync(file, 'utf8');
    expect(ics).toContain('DTSTART;VALUE=DATE:20260507');
    expect(ics).toContain('TRIGGER:-P7D');
    expect(result.stderr).toMatch(/plan\.ics: \d+ dated steps, each with a reminder 7 days before/);
    const two = cli(
      'analyze',
      'examples/medicare-redetermination.json',
      'examples/knee-replacement-necessity.json',
      '--ics',
      file,
    );
    expect(two.status).toBe(2);
    expect(two.stderr).toContain('--ics takes one case file at a time');
  });

  it('prints every issue of a bad case file by its path and exits 1, going on with the other files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'overturn-'));
    const bad = join(dir, 'bad-case.json');
    writeFileSync(
      bad,
      JSON.stringify({ denial: { codes: ['CO-50', 'hello'] }, planType: 'erisa', noticeDate: '2026-02-30' }),
    );
    const result = cli('analyze', bad, 'examples/medicare-redetermination.json');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${bad}: INVALID_INPUT`);
    expect(result.stderr).toContain('  - denial.codes.1: "hello" is not a CARC or RARC code');
    expect(result.stderr).toContain('  - planType: ');
    expect(result.stderr).toContain('  - noticeDate: expected a real calendar date as YYYY-MM-DD');
    expect(result.stdout).toContain('examples/medicare-redetermination.json'); // the good file still ran
    const missing = cli('analyze', join(dir, 'nope.json'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('nope.json: no such file');
  });

  it('exits 2 on a usage error and 0 on --help', () => {
    const unknown = cli('analyse', 'examples/medicare-redetermination.json');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'analyse'");
    const option = cli('analyze', '--colour');
    expect(option.status).toBe(2);
    const help = cli('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('analyze [options] [files...]');
  });
});

describe('overturn demo', () => {
  it('analyses the shipped examples, named by their paths', () => {
    const result = cli('demo', '--json', '--as-of', '2026-01-10');
    expect(result.status).toBe(0);
    const answers = JSON.parse(result.stdout) as {
      source: string;
      classification: { category: string };
      deadline: { deadline: string };
    }[];
    // The knee case: received 2026-10-06 + 180 days (employer plan) = 2027-04-04.
    expect(answers.map((a) => [a.source, a.classification.category])).toEqual([
      ['examples/knee-replacement-necessity.json', 'medical_necessity'],
      ['examples/medicare-redetermination.json', 'medical_necessity'],
      ['examples/missing-prior-authorization.json', 'prior_authorization'],
    ]);
    expect(answers[0]?.deadline.deadline).toBe('2027-04-04');
  });
});

describe('overturn analyze on FHIR and X12 835 input', () => {
  it('reads an 835 (detected), needs the plan type it does not carry, and plans each denied claim or line', () => {
    const file = 'fixtures/adapters/x12/multi-claim.835';
    const missing = cli('analyze', file);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain(
      'planType: an 835 does not say which kind of plan paid the claim: give --plan-type',
    );
    const result = cli('analyze', file, '--plan-type', 'employer_erisa', '--as-of', '2026-01-20', '--json');
    expect(result.status).toBe(0);
    // Several answers: one JSON array, each tagged with its source.
    const analyses = JSON.parse(result.stdout) as {
      source: string;
      classification: { category: string };
      deadline: { deadline: string };
    }[];
    // DTM*405 production date 2026-01-12 + 180 days = Saturday 2026-07-11 (notice date: receipt unknown).
    expect(analyses.map((a) => [a.source, a.classification.category, a.deadline.deadline])).toEqual([
      ['claim PCN-SYN-2002', 'prior_authorization', '2026-07-11'],
      ['claim PCN-SYN-2003 line 1', 'duplicate_or_bundled', '2026-07-11'],
    ]);
  });

  it('reads an 835 on: a broken transaction is reported by where it is, the others are analysed', () => {
    // multi-st.835 holds transactions 0061, 0062 and 0071; 0062's SE count is made wrong.
    const dir = mkdtempSync(join(tmpdir(), 'overturn-835-'));
    const file = join(dir, 'remit.835');
    const text = readFileSync(join(root, 'fixtures/adapters/x12/multi-st.835'), 'utf8');
    expect(text).toMatch(/SE\*\d+\*0062~/);
    writeFileSync(file, text.replace(/SE\*\d+\*0062~/, 'SE*99*0062~'));
    const result = cli('analyze', file, '--plan-type', 'employer_erisa', '--as-of', '2026-01-20', '--json');
    expect(result.status).toBe(1);
    // The stream reader has already handed on 0062's claim when the trailer shows the count is wrong.
    expect((JSON.parse(result.stdout) as { source: string }[]).map((a) => a.source)).toEqual([
      'claim PCN-SYN-6001 line 1',
      'claim PCN-SYN-6002',
      'claim PCN-SYN-6003 line 1',
    ]);
    expect(result.stderr).toBe(
      `${file} transaction 0062: INVALID_INPUT\n  - segment.33.SE01: SE01 says 99 segments, the transaction has 14\n`,
    );
    // classify (as deadline and letter) reads it the same way.
    const classify = cli('classify', file, '--plan-type', 'employer_erisa', '--ndjson');
    expect(classify.status).toBe(1);
    expect(classify.stdout.trim().split('\n')).toHaveLength(3);
  });

  it('reads a FHIR ExplanationOfBenefit (detected) and plans each denied item, refusing a bad format choice', () => {
    const file = 'fixtures/adapters/fhir/eob-professional-partial.json';
    const result = cli('analyze', file, '--plan-type', 'individual_market', '--as-of', '2026-01-20');
    expect(result.status).toBe(0);
    expect(
      result.stdout.match(
        /^fixtures\/adapters\/fhir\/eob-professional-partial\.json ExplanationOfBenefit\/\S+#item-\d+$/gm,
      )?.length,
    ).toBe(2);
    const wrong = cli('analyze', file, '--format', 'x12', '--plan-type', 'individual_market');
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('INVALID_INPUT');
  });
});

describe('the CLI behaves in a shell', () => {
  const dir = mkdtempSync(join(tmpdir(), 'overturn-cli-'));

  it('prints its version', () => {
    const result = cli('--version');
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  });

  it('checks option values before any work: one message, exit 2', () => {
    const planType = cli('analyze', 'examples/knee-replacement-necessity.json', '--plan-type', 'erisa');
    expect(planType.status).toBe(2);
    expect(planType.stderr).toContain("option '--plan-type <type>' argument 'erisa' is invalid");
    expect(planType.stdout).toBe('');
    const date = cli('batch', '-', '--received', '2026-13-01');
    expect(date.status).toBe(2);
    expect(date.stderr).toContain('expected a real date as YYYY-MM-DD');
    const state = cli('analyze', 'examples/knee-replacement-necessity.json', '--state', 'XX');
    expect(state.status).toBe(2);
    expect(state.stderr).toContain('expected a USPS state code');
  });

  it('refuses an option that does not apply to the input instead of ignoring it', () => {
    const result = cli(
      'analyze',
      'examples/knee-replacement-necessity.json',
      '--plan-type',
      'employer_erisa',
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'overturn: --plan-type applies to FHIR and 835 input; examples/knee-replacement-necessity.json is a case file, which says its plan type, dates and state itself\n',
    );
  });

  it('accepts a byte-order mark and a $schema key in a case file', () => {
    const file = join(dir, 'case.json');
    const parsed = JSON.parse(readFileSync(join(root, 'examples/knee-replacement-necessity.json'), 'utf8'));
    writeFileSync(
      file,
      `\uFEFF${JSON.stringify({ $schema: '../schemas/case-input.schema.json', ...parsed })}`,
    );
    for (const command of ['analyze', 'classify', 'deadline']) {
      const result = cli(command, file, '--as-of', '2026-06-01');
      expect(result.status, `${command}: ${result.stderr}`).toBe(0);
    }
  });

  it('says how long ago a passed deadline was, not a negative number of days remaining', () => {
    // Notice 2026-01-02, receipt presumed 01-07, + 120 days = 2026-05-07; 2026-06-01 is 25 days later.
    const result = cli('deadline', 'examples/medicare-redetermination.json', '--as-of', '2026-06-01');
    expect(result.stdout).toContain('status           passed 25 days ago');
    expect(result.stdout).not.toContain('remaining');
  });

  it('names the calendar file, not the case, when --ics cannot be written, and exits 3', () => {
    const target = join(dir, 'missing-folder', 'plan.ics');
    const result = cli('analyze', 'examples/knee-replacement-necessity.json', '--ics', target);
    expect(result.status).toBe(3);
    expect(result.stderr).toContain(`overturn: cannot write ${target}: `);
    expect(result.stderr).not.toContain('knee-replacement-necessity.json:');
  });

  it('stops quietly with 141 when the reader closes the pipe, and with one line and 3 on a full disk', () => {
    const lines = `${readFileSync(join(root, 'examples/knee-replacement-necessity.json'), 'utf8').replace(/\n/g, '')}\n`;
    const input = join(dir, 'many.ndjson');
    writeFileSync(input, lines.repeat(2000));
    const status = spawnSync(
      'bash',
      [
        '-c',
        `"${process.execPath}" "${CLI}" batch "${input}" --as-of 2026-06-01 | head -1 >/dev/null; echo "\${PIPESTATUS[0]}"`,
      ],
      { cwd: root, encoding: 'utf8' },
    );
    expect(status.stdout.trim()).toBe('141');
    expect(status.stderr).toBe(''); // no "Unhandled 'error' event", no EPIPE, no stack trace
    const full = spawnSync(
      'bash',
      [
        '-c',
        `"${process.execPath}" "${CLI}" analyze examples/knee-replacement-necessity.json --json > /dev/full`,
      ],
      { cwd: root, encoding: 'utf8' },
    );
    expect(full.status).toBe(3);
    expect(full.stderr).toBe('overturn: cannot write the output: no space left on device, write (ENOSPC)\n');
  });

  it('fails a fixture run that finds no fixture', () => {
    const empty = mkdtempSync(join(tmpdir(), 'overturn-empty-'));
    const result = cli('test', empty);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('no fixture found: nothing was tested');
    expect(result.stdout).toContain('0 fixtures, none run');
  });
});

describe('JSON output of several answers', () => {
  const files = ['examples/knee-replacement-necessity.json', 'examples/medicare-redetermination.json'];

  it('prints one valid JSON array with --json, each answer tagged with its file', () => {
    const result = cli('classify', ...files, '--json');
    expect(result.status).toBe(0);
    const parsed = JSON.parse(result.stdout) as { source: string; category: string }[];
    expect(parsed.map((answer) => [answer.source, answer.category])).toEqual([
      ['examples/knee-replacement-necessity.json', 'medical_necessity'],
      ['examples/medicare-redetermination.json', 'medical_necessity'],
    ]);
  });

  it('keeps one answer as one object, untagged, as before', () => {
    const result = cli('deadline', files[1] as string, '--json', '--as-of', '2026-02-15');
    const parsed = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(parsed.deadline).toBe('2026-05-07');
    expect(parsed.source).toBeUndefined();
  });

  it('prints one line per answer with --ndjson', () => {
    const result = cli('analyze', ...files, '--ndjson', '--as-of', '2026-06-01');
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { source: string }).source)).toEqual(files);
  });
});

describe('FHIR Bundles and NDJSON of FHIR resources', () => {
  const dir = mkdtempSync(join(tmpdir(), 'overturn-fhir-'));
  const eob = JSON.parse(
    readFileSync(join(root, 'fixtures/adapters/fhir/eob-professional-partial.json'), 'utf8'),
  );
  const response = JSON.parse(
    readFileSync(join(root, 'fixtures/adapters/fhir/claimresponse-prior-auth-denied.json'), 'utf8'),
  );
  const sources = (stdout: string) =>
    stdout
      .trim()
      .split('\n')
      .map((line) => [JSON.parse(line).source, JSON.parse(line).classification.category]);
  /** Analyses the file and checks that it found the three denials of the two resources, in order. */
  const expectAllDenials = (file: string) => {
    const result = cli(
      'analyze',
      file,
      '--plan-type',
      'individual_market',
      '--as-of',
      '2026-01-20',
      '--ndjson',
    );
    expect(result.status, result.stderr).toBe(0);
    expect(sources(result.stdout)).toEqual(expected);
  };
  const expected = [
    [expect.stringMatching(/^ExplanationOfBenefit\/.+#item-2$/), 'prior_authorization'],
    [expect.stringMatching(/^ExplanationOfBenefit\/.+#item-3$/), 'benefit_limit'],
    [expect.stringMatching(/^ClaimResponse\/.+#item-1$/), 'medical_necessity'],
  ];

  it('reads every adjudication of a Bundle, passing over its other entries', () => {
    const file = join(dir, 'bundle.json');
    const bundle = {
      resourceType: 'Bundle',
      type: 'searchset',
      entry: [{ resource: eob }, { resource: { resourceType: 'Patient', id: 'p1' } }, { resource: response }],
    };
    writeFileSync(file, JSON.stringify(bundle));
    expectAllDenials(file);
  });

  it('reads NDJSON with one resource per line', () => {
    const file = join(dir, 'resources.ndjson');
    writeFileSync(file, `${JSON.stringify(eob)}\n${JSON.stringify(response)}\n`);
    expectAllDenials(file);
  });

  it('still says where broken JSON breaks', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{"denial": ');
    const result = cli('analyze', file);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('broken.json: not valid JSON:');
  });
});

describe('classify, deadline and letter take every input format analyze takes', () => {
  it('classifies each denial of an 835', () => {
    const result = cli(
      'classify',
      'fixtures/adapters/x12/multi-claim.835',
      '--plan-type',
      'employer_erisa',
      '--json',
    );
    expect(result.status, result.stderr).toBe(0);
    const answers = JSON.parse(result.stdout) as { source: string; category: string }[];
    expect(answers.map((answer) => [answer.source, answer.category])).toEqual([
      ['claim PCN-SYN-2002', 'prior_authorization'],
      ['claim PCN-SYN-2003 line 1', 'duplicate_or_bundled'],
    ]);
  });

  it('dates each denied item of a FHIR resource', () => {
    const result = cli(
      'deadline',
      'fixtures/adapters/fhir/eob-professional-partial.json',
      '--plan-type',
      'individual_market',
      '--as-of',
      '2026-01-20',
      '--json',
    );
    expect(result.status, result.stderr).toBe(0);
    const answers = JSON.parse(result.stdout) as { source: string; deadline: string }[];
    expect(answers.map((answer) => answer.source.replace(/\/.*#/, '#'))).toEqual([
      'ExplanationOfBenefit#item-2',
      'ExplanationOfBenefit#item-3',
    ]);
    // Both items come from one notice: one deadline.
    expect(new Set(answers.map((answer) => answer.deadline)).size).toBe(1);
  });

  it('drafts a letter from an 835 of one denial, and refuses one of several', () => {
    const one = cli(
      'letter',
      '--kind',
      'appeal',
      'fixtures/adapters/x12/single-claim-denial.835',
      '--plan-type',
      'employer_erisa',
      '--as-of',
      '2026-01-20',
    );
    expect(one.status, one.stderr).toBe(0);
    expect(one.stdout).toContain('Date: 2026-01-20');
    const several = cli(
      'letter',
      '--kind',
      'appeal',
      'fixtures/adapters/x12/multi-claim.835',
      '--plan-type',
      'employer_erisa',
    );
    expect(several.status).toBe(2);
    expect(several.stderr).toBe(
      'overturn: a letter is drafted for one case; fixtures/adapters/x12/multi-claim.835 holds 2 (claim PCN-SYN-2002, claim PCN-SYN-2003 line 1)\n',
    );
  });
});
