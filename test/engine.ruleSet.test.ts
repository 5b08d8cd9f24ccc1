import { describe, expect, it } from 'vitest';
import { compileRuleSet } from '../src/engine/compile.js';
import { createOverturn, defaultRuleSetSource, OverturnError, type RuleSetSource } from '../src/index.js';
import { issuesOf } from './_helpers/errors.js';

// biome-ignore lint/suspicious/noExplicitAny: tests reach into the rule JSON to break it on purpose
type Json = any;

/** A deep copy of the bundled rule set whose decision rules, tables or manifest a test can break. */
function copy(): RuleSetSource & { files: Record<string, Json>; manifest: Json } {
  return structuredClone(defaultRuleSetSource) as never;
}

const ruleSetIssues = (source: unknown) =>
  issuesOf((rules: RuleSetSource) => createOverturn({ rules }), source, 'INVALID_RULE_SET');

const DECISIONS = 'classification/decisions.json';

function ruleSetIssuesOf(run: () => unknown): unknown[] {
  try {
    run();
  } catch (error) {
    if (error instanceof OverturnError) return error.issues;
    throw error;
  }
  return [];
}

describe('rule-set validation', () => {
  it('accepts the bundled rule set and names it', () => {
    expect(createOverturn({ rules: copy() }).ruleSet).toEqual({ id: 'overturn-us', version: '0.1.0' });
  });

  it('loads the bundled rule set unvalidated only because every file is valid and its schema gives it back unchanged', () => {
    // defaultRuleSet() compiles the bundled files with 'trust'; this is what makes that safe. A schema default or
    // transform would make a trusted load differ from a validated one: 'prove' reports it.
    expect(() => compileRuleSet(structuredClone(defaultRuleSetSource), { files: 'prove' })).not.toThrow();
    const edited = copy();
    // A decision rule without its priority: valid (the schema fills in 1), but not what a trusted load sees.
    delete edited.files[DECISIONS].rules[0].priority;
    expect(ruleSetIssuesOf(() => compileRuleSet(edited, { files: 'prove' }))).toEqual([
      { file: DECISIONS, path: [], message: 'its schema changes it (a default or a transform)' },
    ]);
  });

  it('names file, rule and path for an unknown fact', () => {
    const source = copy();
    const rule = source.files[DECISIONS].rules[0];
    rule.conditions.all[0].fact = 'stge';
    const issues = ruleSetIssues(source);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      file: DECISIONS,
      ruleId: rule.id,
      path: ['rules', 0, 'conditions', 'all', 0, 'fact'],
    });
    expect(issues[0]?.message).toContain('unknown fact "stge"');
  });

  it('refuses an unknown operator and operator decorators', () => {
    const source = copy();
    source.files[DECISIONS].rules[0].conditions.all[0].operator = 'equals';
    source.files[DECISIONS].rules[1].conditions.all[0].operator = 'everyFact:contains';
    const issues = ruleSetIssues(source);
    expect(issues.map((issue) => issue.path.at(-1))).toEqual(['operator', 'operator']);
    expect(issues[0]?.message).toContain('unknown operator "equals"');
    expect(issues[1]?.message).toContain('operator decorators are not supported');
  });

  it('refuses a value the fact cannot take', () => {
    const source = copy();
    source.files[DECISIONS].rules[0].conditions.all[0].value = 'prior_auth';
    const [issue] = ruleSetIssues(source);
    expect(issue?.path).toEqual(['rules', 0, 'conditions', 'all', 0, 'value']);
    expect(issue?.message).toContain('"prior_auth" is not a value fact "stage" can take');
  });

  it('refuses an unknown field on a rule', () => {
    const source = copy();
    source.files[DECISIONS].rules[2].prority = 3;
    const [issue] = ruleSetIssues(source);
    expect(issue).toMatchObject({
      file: DECISIONS,
      ruleId: source.files[DECISIONS].rules[2].id,
      path: ['rules', 2],
    });
    expect(issue?.message).toMatch(/prority/);
  });

  it('refuses a rule without citation, and a bad verifiedOn date', () => {
    const source = copy();
    delete source.files[DECISIONS].rules[0].citation;
    source.files[DECISIONS].rules[1].verifiedOn = '2026-02-30';
    const issues = ruleSetIssues(source);
    expect(issues.map((issue) => issue.path)).toEqual([
      ['rules', 0, 'citation'],
      ['rules', 1, 'verifiedOn'],
    ]);
    expect(issues[1]?.message).toBe('expected a real calendar date as YYYY-MM-DD');
  });

  it('refuses json-rules-engine features the compiler does not implement, saying which', () => {
    const source = copy();
    const conditions = source.files[DECISIONS].rules[0].conditions.all;
    conditions[0].path = '$.x';
    conditions[1] = { condition: 'sharedCondition' };
    const issues = ruleSetIssues(source);
    expect(issues.map((issue) => issue.message)).toEqual([
      'fact paths (`path`) are not supported by the compiled engine; give the value its own fact',
      'named condition references are not supported by the compiled engine; write the condition inline',
    ]);
  });

  it('refuses an empty `any` (json-rules-engine would treat it as true)', () => {
    const source = copy();
    source.files[DECISIONS].rules[0].conditions = { any: [] };
    const [issue] = ruleSetIssues(source);
    expect(issue?.path).toEqual(['rules', 0, 'conditions', 'any']);
  });

  it('refuses a rule that tests a code the tables do not have', () => {
    const source = copy();
    const rule = source.files[DECISIONS].rules.find(
      (r: { id: string }) => r.id === 'clf.second-surgical-opinion-not-obtained',
    );
    rule.conditions.all[0].value = '9999';
    const issues = ruleSetIssues(source);
    expect(issues).toEqual([
      expect.objectContaining({
        file: DECISIONS,
        ruleId: rule.id,
        message: '"9999" is not in the rule set\'s code tables',
      }),
    ]);
  });

  it('refuses duplicate codes and X12-shaped mistakes in the code tables', () => {
    const source = copy();
    const rows = source.files['classification/carc.json'].rows;
    rows[1].code = rows[0].code;
    rows[2].code = 'N115';
    const issues = ruleSetIssues(source);
    expect(issues.map((issue) => issue.message)).toEqual([
      `duplicate code ${rows[0].code}`,
      '"N115" is not a CARC code',
    ]);
    expect(issues[0]?.file).toBe('classification/carc.json');
  });

  it('refuses a missing file and a bad manifest version', () => {
    const source = copy();
    delete source.files['classification/rarc.json'];
    expect(ruleSetIssues(source)).toEqual([
      { file: 'classification/rarc.json', path: [], message: 'file is missing from the rule set' },
    ]);
    const badVersion = copy();
    badVersion.manifest.version = 'v1';
    expect(ruleSetIssues(badVersion)[0]).toMatchObject({ file: 'manifest.json', path: ['version'] });
  });

  it('refuses deadline rows that are unconfirmed without a warning, duplicated, or months without a fallback', () => {
    const source = copy();
    const rows = source.files['deadlines/windows.json'].rows;
    const tricare = rows.findIndex((row: { id: string }) => row.id === 'medicare.part-d.reconsideration');
    delete rows[tricare].warning;
    rows[1].id = rows[0].id;
    const external = rows.findIndex((row: { id: string }) => row.id === 'aca.federal-external-review');
    delete rows[external].onMissingDay;
    const issues = ruleSetIssues(source);
    expect(issues.map((issue) => [issue.file, issue.path, issue.message])).toEqual([
      ['deadlines/windows.json', ['rows', external, 'onMissingDay'], 'a month window needs `onMissingDay`'],
      [
        'deadlines/windows.json',
        ['rows', tricare, 'warning'],
        'an unconfirmed or conflicting rule needs a `warning` that explains it to the reader',
      ],
      ['deadlines/windows.json', ['rows', 1, 'id'], `duplicate id ${rows[0].id}`],
    ]);
  });

  it('checks every domain when compiled, naming the file of a fault in one', () => {
    const source = copy();
    source.files['deadlines/windows.json'].rows[0].citation = '';
    expect(() => compileRuleSet(source)).toThrow(OverturnError);
    expect(() => compileRuleSet(source)).toThrow(/deadlines\/windows.json/);
  });

  it('refuses something that is not a rule set at all', () => {
    for (const value of [null, 42, 'rules', [], { manifest: {} }]) {
      expect(ruleSetIssues(value).length).toBeGreaterThan(0);
    }
  });

  it('uses an edited rule set: one phrase row moved to another category changes the answer', () => {
    const source = copy();
    const text = 'Denied: no prior authorization on file.';
    expect(createOverturn({ rules: source }).classifyDenial({ text }).category).toBe('prior_authorization');
    for (const row of source.files['classification/phrases.json'].rows) {
      if (row.category === 'prior_authorization') row.category = 'missing_information';
    }
    expect(createOverturn({ rules: source }).classifyDenial({ text }).category).toBe('missing_information');
  });
});
