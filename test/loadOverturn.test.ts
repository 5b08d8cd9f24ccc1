/**
 * loadOverturn (overturn/core): the functions bound to a rule set read file by file. A set that is the
 * package's own is known by digest and compiled without validating it again; any other is validated in full.
 * From source no digests are built in (the package build writes them: scripts/check-bundle.mjs checks the built
 * one), so these tests take them from the same function the build calls.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleDigests } from '../scripts/rule-digests.js';
import { analyzeCase, type CaseInput, loadOverturn, OverturnError } from '../src/index.js';
import { loadOverturnWith } from '../src/loadOverturn/index.js';

const rules = join(import.meta.dirname, '..', 'rules');
const readRule = (path: string): unknown => JSON.parse(readFileSync(join(rules, path), 'utf8'));

// The digests the package build records (scripts/rule-digests.ts, called by tsup.config.ts).
const digests = ruleDigests(rules);
const examples = readdirSync(join(import.meta.dirname, '..', 'examples'))
  .filter((name) => name.endsWith('.json'))
  .map(
    (name) =>
      JSON.parse(readFileSync(join(import.meta.dirname, '..', 'examples', name), 'utf8')) as CaseInput,
  );

describe('loadOverturn', () => {
  it("knows the package's own files by digest and answers every example as analyzeCase does", async () => {
    const overturn = await loadOverturnWith(async (path) => readRule(path), digests);
    expect(overturn.verified).toBe(true);
    expect(overturn.ruleSet).toEqual({ id: 'overturn-us', version: expect.any(String) });
    expect(examples.length).toBeGreaterThan(2);
    for (const input of examples) expect(overturn.analyzeCase(input)).toEqual(analyzeCase(input));
  });

  it('validates in full, and answers the same, where no digests are known (as run from source)', async () => {
    const overturn = await loadOverturn(readRule);
    expect(overturn.verified).toBe(false);
    expect(overturn.classifyDenial({ codes: ['CO-50'] }).category).toBe('medical_necessity');
    expect(
      overturn.computeAppealDeadline({ planType: 'medicare_original', noticeDate: '2026-01-02' }).deadline,
    ).toBe('2026-05-07');
  });

  it('validates a changed file in full: an edit is honoured, a fault is named', async () => {
    const edited = (path: string) => {
      const value = readRule(path) as { rows: { code: string; category: string | null }[] };
      if (path !== 'classification/carc.json') return value;
      const row = value.rows.find((item) => item.code === '50');
      if (row) row.category = 'experimental_investigational';
      return value;
    };
    const overturn = await loadOverturnWith(edited, digests);
    expect(overturn.verified).toBe(false);
    expect(overturn.classifyDenial({ codes: ['CO-50'] }).category).toBe('experimental_investigational');

    const broken = (path: string) => (path === 'sso/programs.json' ? { rows: 'none' } : readRule(path));
    const error = await loadOverturnWith(broken, digests).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OverturnError);
    expect((error as OverturnError).code).toBe('INVALID_RULE_SET');
    expect((error as OverturnError).issues[0]).toMatchObject({ file: 'sso/programs.json' });
  });

  it('names a file that cannot be read', async () => {
    const failing = async (path: string) => {
      if (path === 'states/ny.json') throw new Error('404 Not Found');
      return readRule(path);
    };
    const error = await loadOverturnWith(failing, digests).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OverturnError);
    expect((error as OverturnError).issues).toEqual([
      { file: 'states/ny.json', path: [], message: 'could not be read: 404 Not Found' },
    ]);
  });

  it('takes JSON text as well as parsed JSON, and names a file that is not JSON', async () => {
    const asText = (path: string) => readFileSync(join(rules, path), 'utf8');
    const overturn = await loadOverturnWith(asText, digests);
    expect(overturn.verified).toBe(true);
    expect(overturn.classifyDenial({ codes: ['CO-197'] }).category).toBe('prior_authorization');
    const error = await loadOverturnWith(
      (path) => (path === 'deadlines/windows.json' ? '<html>Not Found</html>' : asText(path)),
      digests,
    ).catch((caught: unknown) => caught);
    expect((error as OverturnError).issues).toEqual([
      { file: 'deadlines/windows.json', path: [], message: expect.stringMatching(/^not valid JSON: /) },
    ]);
  });

  it('refuses a manifest that is not one', async () => {
    const error = await loadOverturnWith(() => ({ id: 'x' }), digests).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OverturnError);
    expect((error as OverturnError).issues[0]).toMatchObject({ file: 'manifest.json' });
  });
});
