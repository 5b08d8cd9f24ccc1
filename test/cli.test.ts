import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
  });

describe('overturn CLI', () => {
  it('classifies a case file and prints its deadline', () => {
    const result = cli('classify', 'examples/medicare-redetermination.json', '--as-of', '2026-02-15');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('category:        medical_necessity (clinical, confidence high)');
    expect(result.stdout).toContain('appeal by:       Thursday 2026-05-07');
    expect(result.stdout).toContain('status:          open, 81 days remaining');
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
});
