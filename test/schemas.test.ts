import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { FIXTURE_SCHEMAS, generateSchemas, ruleFileSchemaName, SCHEMAS_DIR } from '../scripts/schemas.js';
import { createOverturn, defaultRuleSetSource, type RuleSetSource } from '../src/index.js';

// biome-ignore lint/suspicious/noExplicitAny: tests reach into the rule JSON to break it on purpose
type Json = any;

const root = join(import.meta.dirname, '..');
const readJson = (path: string): Json => JSON.parse(readFileSync(join(root, path), 'utf8'));
const generated = generateSchemas();

const ajv = new Ajv2020({
  strict: true,
  allErrors: true,
  allowUnionTypes: true,
  formats: { uri: (value: string) => URL.canParse(value) },
});
for (const text of generated.values()) ajv.addSchema(JSON.parse(text));

/** The validation errors of `data` against a schema of schemas/ (empty when it is valid). */
function errorsOf(schema: string, data: unknown): ErrorObject[] {
  const validate = ajv.getSchema(schema);
  if (!validate) throw new Error(`no schema ${schema}`);
  return validate(data) ? [] : [...(validate.errors ?? [])];
}

const describeErrors = (errors: ErrorObject[]) =>
  errors
    .slice(0, 5)
    .map((error) => `${error.instancePath || '/'} ${error.message}`)
    .join('; ');

/** Every bundled rule file: its path under rules/ and its schema, from the manifest. */
function ruleFiles(): { path: string; schema: string }[] {
  const manifest = readJson('rules/manifest.json');
  const files = [{ path: 'manifest.json', schema: 'manifest.schema.json' }];
  for (const [domain, paths] of Object.entries(manifest.domains as Record<string, Record<string, string>>)) {
    for (const [key, path] of Object.entries(paths))
      files.push({ path, schema: ruleFileSchemaName(domain, key) });
  }
  return files;
}

// fixtures/adapters holds raw FHIR resources and 835 files (inputs of the adapters), not fixture files.
const fixtureFolders = readdirSync(join(root, 'fixtures')).filter(
  (name) => name !== 'adapters' && statSync(join(root, 'fixtures', name)).isDirectory(),
);

describe('JSON Schemas in schemas/', () => {
  it('are the ones scripts/schemas.ts generates now (run `npm run schemas` after changing a zod schema)', () => {
    const committed = readdirSync(SCHEMAS_DIR).filter((name) => name.endsWith('.json'));
    expect(committed.sort(), 'run `npm run schemas`: schemas/ has other files').toEqual([
      ...generated.keys(),
    ]);
    for (const [name, text] of generated) {
      expect(
        readFileSync(join(SCHEMAS_DIR, name), 'utf8'),
        `schemas/${name} is stale: run \`npm run schemas\``,
      ).toBe(text);
    }
  });

  it('each have an $id (their file name), a title and a description, and end with a newline', () => {
    for (const [name, text] of generated) {
      const schema = JSON.parse(text);
      expect(schema.$id).toBe(name);
      expect(schema.title).toEqual(expect.any(String));
      expect(schema.description).toContain('npm run schemas');
      expect(text.endsWith('}\n')).toBe(true);
      expect(ajv.getSchema(name), `${name} compiles in Ajv's strict mode`).toBeDefined();
    }
  });

  it('type the condition trees of the decision-rule files instead of leaving them open', () => {
    for (const name of ['classification-decisions.schema.json', 'checklist-items.schema.json']) {
      const schema = JSON.parse(generated.get(name) as string);
      expect(schema.properties.rules.items.properties.conditions).toEqual({ $ref: '#/$defs/topCondition' });
      expect(schema.$defs.fact.properties.operator.enum).toHaveLength(10);
    }
  });
});

describe('bundled rule files', () => {
  it.each(ruleFiles())(
    'rules/$path validates against schemas/$schema and names it in $schema',
    ({ path, schema }) => {
      const data = readJson(join('rules', path));
      expect(describeErrors(errorsOf(schema, data))).toBe('');
      expect(data.$schema, `rules/${path} names no $schema`).toEqual(expect.any(String));
      expect(existsSync(join(root, 'rules', path, '..', data.$schema))).toBe(true);
      expect(data.$schema.endsWith(`schemas/${schema}`)).toBe(true);
    },
  );

  it('still load with their $schema key', () => {
    expect(createOverturn({ rules: defaultRuleSetSource }).ruleSet.id).toBe('overturn-us');
  });
});

describe('fixture files', () => {
  it('every fixture folder has a schema, and .vscode/settings.json maps each folder to it', () => {
    const settings = readJson('.vscode/settings.json')['json.schemas'] as {
      fileMatch: string[];
      url: string;
    }[];
    const mapped = Object.fromEntries(
      settings.flatMap(({ fileMatch, url }) => fileMatch.map((pattern) => [pattern, url])),
    );
    for (const folder of fixtureFolders) expect(FIXTURE_SCHEMAS[folder], `fixtures/${folder}`).toBeDefined();
    for (const [folder, schema] of Object.entries(FIXTURE_SCHEMAS)) {
      expect(mapped[`/fixtures/${folder}/*.json`]).toBe(`./schemas/${schema}`);
      expect(generated.has(schema)).toBe(true);
    }
  });

  const files = fixtureFolders.flatMap((folder) =>
    readdirSync(join(root, 'fixtures', folder))
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => ({ path: `${folder}/${name}`, schema: FIXTURE_SCHEMAS[folder] as string })),
  );

  it('there are fixture files to check', () => {
    expect(files.length).toBeGreaterThan(40);
  });

  it.each(files)('fixtures/$path validates against schemas/$schema', ({ path, schema }) => {
    expect(describeErrors(errorsOf(schema, readJson(join('fixtures', path))))).toBe('');
  });
});

/** A deep copy of one bundled rule file. */
const ruleFile = (path: string): Json => structuredClone(defaultRuleSetSource.files[path]);

/** Whether the loader refuses the bundled rule set with `path` replaced by `file`. */
function loaderRefuses(path: string, file: Json): boolean {
  const rules: RuleSetSource = {
    ...defaultRuleSetSource,
    files: { ...defaultRuleSetSource.files, [path]: file },
  };
  try {
    createOverturn({ rules });
    return false;
  } catch {
    return true;
  }
}

/** Asserts that the schema refuses `data` with an error at `at` (a JSON pointer), and that the loader agrees. */
function expectRefused(schema: string, data: unknown, at: string, rulePath?: string) {
  const errors = errorsOf(schema, data);
  expect(errors.map((error) => error.instancePath)).toContain(at);
  if (rulePath) expect(loaderRefuses(rulePath, data)).toBe(true);
}

describe('wrong files are refused by the JSON Schemas (and by the loader)', () => {
  it('an unknown operator', () => {
    const file = ruleFile('classification/decisions.json');
    file.rules[0].conditions.all[0].operator = 'equals';
    expectRefused(
      'classification-decisions.schema.json',
      file,
      '/rules/0/conditions/all/0/operator',
      'classification/decisions.json',
    );
  });

  it('an unknown fact, deep in a tree', () => {
    const file = ruleFile('classification/decisions.json');
    file.rules[1].conditions = { any: [{ not: { fact: 'stge', operator: 'equal', value: 'claim' } }] };
    expectRefused(
      'classification-decisions.schema.json',
      file,
      '/rules/1/conditions/any/0/not/fact',
      'classification/decisions.json',
    );
  });

  it('a value the fact cannot take, and a list fact compared with equal', () => {
    const file = ruleFile('classification/decisions.json');
    file.rules[0].conditions = {
      all: [
        { fact: 'planType', operator: 'equal', value: 'medigap' },
        { fact: 'carcCodes', operator: 'equal', value: '50' },
      ],
    };
    const errors = errorsOf('classification-decisions.schema.json', file).map((error) => error.instancePath);
    expect(errors).toContain('/rules/0/conditions/all/0/value');
    expect(errors).toContain('/rules/0/conditions/all/1/operator');
    expect(loaderRefuses('classification/decisions.json', file)).toBe(true);
  });

  it('a leaf condition at the top, `in` with one value, and an empty `any`', () => {
    const file = ruleFile('classification/decisions.json');
    file.rules[0].conditions = { fact: 'hasText', operator: 'equal', value: true };
    file.rules[1].conditions = { all: [{ fact: 'stage', operator: 'in', value: 'claim' }] };
    file.rules[2].conditions = { any: [] };
    const errors = errorsOf('classification-decisions.schema.json', file).map((error) => error.instancePath);
    expect(errors).toContain('/rules/0/conditions');
    expect(errors).toContain('/rules/1/conditions/all/0/value');
    expect(errors).toContain('/rules/2/conditions/any');
  });

  it('a missing citation', () => {
    const file = ruleFile('deadlines/windows.json');
    delete file.rows[0].citation;
    expectRefused('deadlines-windows.schema.json', file, '/rows/0', 'deadlines/windows.json');
    expect(errorsOf('deadlines-windows.schema.json', file).map((error) => error.params)).toContainEqual({
      missingProperty: 'citation',
    });
  });

  it('a bad status and a bad date', () => {
    const file = ruleFile('classification/carc.json');
    file.rows[0].status = 'verified';
    file.rows[1].verifiedOn = '11/25/2026';
    expectRefused('classification-carc.schema.json', file, '/rows/0/status', 'classification/carc.json');
    expectRefused('classification-carc.schema.json', file, '/rows/1/verifiedOn');
  });

  it('a RARC in the CARC table, and an unknown key', () => {
    const file = ruleFile('classification/carc.json');
    file.rows[0].code = 'N115';
    file.rows[1].colour = 'red';
    expectRefused('classification-carc.schema.json', file, '/rows/0/code', 'classification/carc.json');
    expectRefused('classification-carc.schema.json', file, '/rows/1');
  });

  it('an unknown checklist item', () => {
    const file = ruleFile('checklist/items.json');
    file.rules[0].event.params.item = 'pray';
    expectRefused('checklist-items.schema.json', file, '/rules/0/event/params/item', 'checklist/items.json');
  });

  it('a manifest without a domain', () => {
    const manifest = structuredClone(defaultRuleSetSource.manifest) as Json;
    delete manifest.domains.sso;
    expect(errorsOf('manifest.schema.json', manifest).map((error) => error.params)).toContainEqual({
      missingProperty: 'sso',
    });
  });

  it('a fixture with an unknown plan type, a misspelt input field, or no expect', () => {
    const good = { name: 'ok', input: { planType: 'fehb', noticeDate: '2026-01-05' }, expect: {} };
    expect(errorsOf('fixtures-deadlines.schema.json', [good])).toEqual([]);
    const wrong = [
      { ...good, input: { planType: 'medigap', noticeDate: '2026-01-05' } },
      { ...good, input: { planType: 'fehb', noticDate: '2026-01-05' } },
      { name: 'no expect', input: good.input },
    ];
    const errors = errorsOf('fixtures-deadlines.schema.json', wrong).map((error) => error.instancePath);
    expect(errors).toContain('/0/input/planType');
    expect(errors).toContain('/1/input');
    expect(errors).toContain('/2');
  });

  it('but a fixture that expects an error may feed invalid input', () => {
    const fixture = {
      name: 'impossible date',
      input: { planType: 'fehb', noticeDate: 'soon' },
      expect: { error: { code: 'INVALID_INPUT', path: ['noticeDate'] } },
    };
    expect(errorsOf('fixtures-deadlines.schema.json', fixture)).toEqual([]);
    expect(errorsOf('deadline-input.schema.json', fixture.input)).not.toEqual([]);
  });
});
