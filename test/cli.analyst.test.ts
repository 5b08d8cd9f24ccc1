import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffJsonReport, diffTextReport, runDiff } from '../src/cli/diffCommand.js';
import type { Colors } from '../src/cli/report.js';
import { exitCodeOf, junitReport, runFixtures, textReport } from '../src/cli/testCommand.js';
import { validateRuleDirectory } from '../src/cli/validateCommand.js';
import { CLI } from './_helpers/cli.js';

const root = join(import.meta.dirname, '..');
const plain: Colors = { bold: String, dim: String, red: String, yellow: String, green: String, cyan: String };
const cli = (...args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], {
    cwd: root,
    encoding: 'utf8',
  });

/** A copy of the bundled rules in a temporary directory, with `edit` applied to one file. */
function editedRules(
  file: string,
  edit: (json: { rows?: Record<string, unknown>[]; rules?: Record<string, unknown>[] }) => void,
) {
  const dir = mkdtempSync(join(tmpdir(), 'overturn-rules-'));
  cpSync(join(root, 'rules'), dir, { recursive: true });
  const path = join(dir, file);
  const json = JSON.parse(readFileSync(path, 'utf8'));
  edit(json);
  writeFileSync(path, JSON.stringify(json, null, 2));
  return dir;
}

/** A fixture folder for one domain, with the given fixtures in one file. */
function fixtureDir(domain: string, fixtures: unknown[]): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'overturn-fixtures-')), domain);
  mkdirSync(dir);
  writeFileSync(join(dir, 'cases.json'), JSON.stringify(fixtures));
  return dir;
}

describe('overturn test', () => {
  it('runs the bundled deadline fixtures through both engines and passes', async () => {
    const run = await runFixtures(['fixtures/deadlines'], { engine: 'both' });
    expect(run.results.length).toBeGreaterThanOrEqual(150);
    expect(run.results.filter((result) => !result.passed)).toEqual([]);
    expect(exitCodeOf(run)).toBe(0);
  });

  it('reports each failure with the expected and actual value, and exits 1', async () => {
    const dir = fixtureDir('deadlines', [
      {
        name: 'right',
        input: { planType: 'medicare_original', noticeDate: '2026-01-02' },
        expect: { deadline: '2026-05-07' },
      },
      {
        name: 'wrong <on purpose>',
        input: { planType: 'medicare_original', noticeDate: '2026-01-02' },
        expect: { deadline: '2026-05-08', weekday: 'Thursday' },
      },
    ]);
    const run = await runFixtures([dir], { engine: 'compiled' });
    expect(run.results.map((result) => result.passed)).toEqual([true, false]);
    expect(exitCodeOf(run)).toBe(1);
    const text = textReport(run, plain);
    expect(text).toContain('✗ ');
    expect(text).toContain('wrong <on purpose>');
    expect(text).toContain('    $.deadline: expected "2026-05-08", got "2026-05-07"');
    expect(text).not.toContain('$.weekday');
    expect(text).toContain('deadlines    1 passed, 1 failed');
    const junit = junitReport(run);
    expect(junit).toContain('<testsuite name="fixtures/deadlines" tests="2" failures="1" errors="0"');
    expect(junit).toContain('<testcase name="wrong &lt;on purpose&gt;"');
    expect(junit).toContain(
      '<failure message="$.deadline: expected &quot;2026-05-08&quot;, got &quot;2026-05-07&quot;"',
    );
  });

  it('fails when the engines disagree or a file cannot be read', async () => {
    const dir = fixtureDir('denials', [
      { name: 'CO-50', input: { codes: ['CO-50'] }, expect: { category: 'medical_necessity' } },
    ]);
    writeFileSync(join(dir, 'broken.json'), '{ not json');
    const run = await runFixtures([dir], { engine: 'both' });
    expect(run.results.map((result) => [result.name, result.passed, result.engineDifferences])).toEqual([
      ['CO-50', true, []],
    ]);
    expect(run.loadErrors).toEqual([
      { file: expect.stringContaining('broken.json'), message: expect.stringContaining('not valid JSON') },
    ]);
    expect(exitCodeOf(run)).toBe(1);
  });

  it('exits 1 on the command line when a fixture fails, 0 when all pass', () => {
    const failing = fixtureDir('sso', [
      {
        name: 'x',
        input: { procedure: 'hysterectomy', planType: 'fehb' },
        expect: { requirement: 'required' },
      },
    ]);
    const result = cli('test', failing, '--reporter', 'json');
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ total: 1, failed: 1 });
    expect(cli('test', 'fixtures/sso').status).toBe(0);
  });
});

describe('overturn diff', () => {
  it('lists exactly the cases a changed deadline window moves, field by field', () => {
    // Original Medicare redetermination: 120 → 119 days from presumed receipt.
    const head = editedRules('deadlines/windows.json', (file) => {
      const row = file.rows?.find((r) => r.id === 'medicare.original.redetermination') as {
        window: { amount: number };
      };
      row.window.amount = 119;
    });
    const run = runDiff('rules', head, ['fixtures/deadlines']);
    expect(run.changed.length).toBeGreaterThan(0);
    for (const changed of run.changed) {
      expect(changed.domain).toBe('deadlines');
      const paths = changed.changes.map((change) => change.path);
      expect(paths).toContain('$.window.amount');
      expect(paths).toContain('$.deadline');
    }
    const worked = run.changed.find((changed) =>
      changed.changes.some((change) => change.path === '$.deadline' && change.expected === '2026-05-07'),
    );
    expect(worked?.changes.find((change) => change.path === '$.deadline')?.actual).toBe('2026-05-06');
    const text = diffTextReport(run, plain);
    expect(text).toContain('$.deadline: base "2026-05-07", head "2026-05-06"');
    expect(text).toContain(`deadlines    ${run.changed.length} changed of ${run.totals.deadlines}`);
    expect(JSON.parse(diffJsonReport(run)).changed.length).toBe(run.changed.length);
  });

  it('lists the denials a removed phrase rule changes, and nothing for an unchanged copy', () => {
    const same = editedRules('classification/phrases.json', () => {});
    expect(runDiff('rules', same, ['fixtures/denials']).changed).toEqual([]);
    const head = editedRules('classification/phrases.json', (file) => {
      file.rows = file.rows?.filter((row) => row.id !== 'phrase.timely-filing.sourced');
    });
    const run = runDiff('rules', head, ['fixtures/denials']);
    expect(run.changed.length).toBeGreaterThan(0);
    expect(
      run.changed.every((changed) => changed.changes.some((change) => change.path.startsWith('$.evidence'))),
    ).toBe(true);
  });
});

describe('overturn validate', () => {
  it('accepts the bundled rules and names every problem of a broken copy by file, rule and path', () => {
    expect(validateRuleDirectory('rules', plain).exitCode).toBe(0);
    const broken = editedRules('deadlines/windows.json', (file) => {
      const row = file.rows?.find((r) => r.id === 'medicare.original.redetermination') as Record<
        string,
        unknown
      >;
      delete row.citation;
      row.verifiedOn = '2026-02-30';
    });
    const { text, exitCode } = validateRuleDirectory(broken, plain);
    expect(exitCode).toBe(1);
    expect(text).toContain('2 problems');
    expect(text).toContain('deadlines/windows.json · rule medicare.original.redetermination · rows.');
    expect(text).toContain('.citation: ');
    expect(text).toContain('.verifiedOn: expected a real calendar date as YYYY-MM-DD');
  });

  it('treats the text model and the shorthand table as rule files', () => {
    const model = JSON.parse(readFileSync('rules/classification/model.json', 'utf8')) as {
      features: Record<string, number[]>;
      corpus: { examples: number };
    };
    const valid = validateRuleDirectory('rules', plain).text;
    expect(valid).toContain(
      `classification/model.json            text model: ${Object.keys(model.features).length} features, ${model.corpus.examples} training examples`,
    );
    expect(valid).toMatch(/classification\/abbreviations\.json +\d+ rows/);
    const broken = editedRules('classification/model.json', (file) => {
      (file as unknown as { features: Record<string, number[]> }).features.bad = [99, 1];
    });
    const { text, exitCode } = validateRuleDirectory(broken, plain);
    expect(exitCode).toBe(1);
    expect(text).toContain(
      'classification/model.json · features.bad: expected [labelIndex, count, …] pairs with label indexes in range and counts above 0',
    );
  });
});
