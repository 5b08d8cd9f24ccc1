/**
 * Writes the JSON Schemas in schemas/ from the zod schemas the library validates with, so that editors
 * check rule files (through their `$schema` key) and fixture files (through .vscode/settings.json) as
 * they are typed. `npm run schemas` writes them; test/schemas.test.ts fails when they are stale.
 *
 * zod refinements have no JSON Schema form, so each schema says that the loader checks more. The one
 * place where that would leave a hole, the json-rules-engine condition tree (validated by hand at load),
 * gets a recursive JSON Schema of its own, typed by the domain's facts.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CHECKLIST_FACTS, itemsFileSchema } from '../src/buildChecklist/ruleData.js';
import { caseInputSchema } from '../src/buildChecklist/schema.js';
import {
  CARC_SHAPE,
  CLASSIFICATION_FACTS,
  codeTableSchema,
  decisionFileSchema,
  phraseTableSchema,
  RARC_SHAPE,
} from '../src/classifyDenial/ruleData.js';
import { denialInputSchema } from '../src/classifyDenial/schema.js';
import { textModelFileSchema } from '../src/classifyDenial/textModel.js';
import { abbreviationTableSchema } from '../src/classifyDenial/textRules.js';
import { careStepsFileSchema } from '../src/computeAppealDeadline/careSteps.js';
import {
  decisionsFileSchema,
  thresholdsFileSchema,
  windowsFileSchema,
} from '../src/computeAppealDeadline/ruleData.js';
import { deadlineInputSchema } from '../src/computeAppealDeadline/schema.js';
import { stateFileSchema } from '../src/computeAppealDeadline/stateRules.js';
import { isIsoDate } from '../src/dates/isoDate.js';
import { type FactDefinition, OPERATORS } from '../src/engine/conditions.js';
import { manifestSchema } from '../src/engine/ruleSet.js';
import { conditionIndexFileSchema } from '../src/recommendSpecialist/conditionIndex.js';
import {
  areasFileSchema,
  contextFileSchema,
  proceduresFileSchema as specialistProceduresFileSchema,
  specialtiesFileSchema,
} from '../src/recommendSpecialist/ruleData.js';
import { specialistInputSchema } from '../src/recommendSpecialist/schema.js';
import {
  programsFileSchema,
  proceduresFileSchema as ssoProceduresFileSchema,
} from '../src/requiresSecondSurgicalOpinion/ruleData.js';
import { ssoInputSchema } from '../src/requiresSecondSurgicalOpinion/schema.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Where the schemas are written. */
export const SCHEMAS_DIR = join(import.meta.dirname, '..', 'schemas');

/** The schema of a rule file named in the manifest as `domains.<domain>.<key>`: `<domain>-<key>`. */
export function ruleFileSchemaName(domain: string, key: string): string {
  // Every jurisdiction's file (domains.states.<USPS code>) has the one schema.
  if (domain === 'states') return 'state.schema.json';
  return `${domain}-${key}.schema.json`;
}

/** The schema of each fixture folder (`fixtures/<folder>/*.json`); known gaps are denial cases. */
export const FIXTURE_SCHEMAS: Readonly<Record<string, string>> = {
  denials: 'fixtures-denials.schema.json',
  'known-gaps': 'fixtures-denials.schema.json',
  deadlines: 'fixtures-deadlines.schema.json',
  specialists: 'fixtures-specialists.schema.json',
  sso: 'fixtures-sso.schema.json',
  cases: 'fixtures-cases.schema.json',
};

const GENERATED =
  "Generated from overturn's zod schemas by scripts/schemas.ts (`npm run schemas`); do not edit by hand.";
const LOADER_CHECKS_MORE =
  'The loader checks more than a JSON Schema can say, and refuses a file this schema accepts when';

const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
const CONDITION_PLACEHOLDER = '__overturnCondition';

/** Adds what zod's refinements mean where JSON Schema can say it, and marks the condition tree. */
function decorate(ctx: { zodSchema: unknown; jsonSchema: Record<string, unknown> }): void {
  const def = (ctx.zodSchema as { _zod: { def: { type: string; checks?: unknown[] } } })._zod.def;
  const schema = ctx.jsonSchema;
  if (def.type === 'unknown') schema[CONDITION_PLACEHOLDER] = true;
  const checks = (def.checks ?? []) as { _zod: { def: { fn?: unknown } } }[];
  if (def.type === 'string' && checks.some((check) => check._zod.def.fn === isIsoDate) && !schema.pattern) {
    schema.pattern = DATE_PATTERN;
    schema.description ??=
      'A calendar date as YYYY-MM-DD; a date that does not exist (2026-02-30) is refused too.';
  }
  if (schema.format === 'uri' && !schema.pattern) schema.pattern = '^https?://';
  // zod bounds every integer to the safe range; that says nothing to a reader.
  if (schema.maximum === Number.MAX_SAFE_INTEGER) delete schema.maximum;
  if (schema.minimum === Number.MIN_SAFE_INTEGER) delete schema.minimum;
}

function fromZod(schema: z.ZodType): JsonObject {
  return z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'throw',
    override: decorate as never,
  }) as JsonObject;
}

/**
 * Replaces the condition placeholder (the `z.unknown()` that the loader walks by hand) with a reference
 * to the condition tree; a placeholder anywhere else is a mistake in this script.
 */
function linkConditions(node: Json, path: string[], found: string[]): Json {
  if (Array.isArray(node))
    return node.map((child, index) => linkConditions(child, [...path, String(index)], found));
  if (node === null || typeof node !== 'object') return node;
  if (node[CONDITION_PLACEHOLDER] === true) {
    if (path.at(-1) !== 'conditions') throw new Error(`unexpected z.unknown() at ${path.join('/')}`);
    found.push(path.join('/'));
    return { $ref: '#/$defs/topCondition' };
  }
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, linkConditions(value, [...path, key], found)]),
  );
}

const scalar: JsonObject = { type: ['string', 'number', 'boolean', 'null'] };
const priority: JsonObject = {
  type: 'integer',
  minimum: 1,
  description: 'Evaluation order among sibling conditions (json-rules-engine); higher first.',
};

/** The operators a fact of each type accepts, as the loader checks them. */
function operatorsFor(type: FactDefinition['type']): string[] {
  switch (type) {
    case 'string[]':
      return ['contains', 'doesNotContain'];
    case 'number':
      return OPERATORS.filter((operator) => operator !== 'contains' && operator !== 'doesNotContain');
    default:
      return ['equal', 'notEqual', 'in', 'notIn'];
  }
}

/**
 * The json-rules-engine condition tree as the compiled engine supports it: `all` / `any` / `not` and
 * `{ fact, operator, value }` leaves, each fact with its operators and value type.
 */
function conditionDefs(facts: Readonly<Record<string, FactDefinition>>): JsonObject {
  const names = Object.keys(facts);
  const group = (key: 'all' | 'any'): JsonObject => ({
    type: 'object',
    description:
      key === 'all'
        ? 'True when every listed condition is true.'
        : 'True when at least one listed condition is true.',
    properties: {
      [key]: { type: 'array', minItems: 1, items: { $ref: '#/$defs/condition' } },
      priority,
    },
    required: [key],
    additionalProperties: false,
  });
  const byOperator = (operators: string[], value: JsonObject): JsonObject => ({
    if: { properties: { operator: { enum: operators } }, required: ['operator'] },
    // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword, not a thenable
    then: { properties: { value } },
  });
  const byFact = names.map((name): JsonObject => {
    const definition = facts[name] as FactDefinition;
    const element: JsonObject =
      definition.type === 'string[]' ? { type: 'string' } : { type: definition.type };
    if (definition.values) element.enum = [...definition.values];
    return {
      description: `${name} (${definition.type}): ${definition.description}`,
      if: { properties: { fact: { const: name } }, required: ['fact'] },
      // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword, not a thenable
      then: {
        properties: {
          operator: { enum: operatorsFor(definition.type) },
          value: { anyOf: [element, { type: 'array', items: element }] },
        },
      },
    };
  });
  return {
    topCondition: {
      description:
        "A rule's conditions: `all`, `any` or `not` at the top, as json-rules-engine requires. Fact paths, params, named conditions, fact references as values and operator decorators are not supported.",
      anyOf: [{ $ref: '#/$defs/all' }, { $ref: '#/$defs/any' }, { $ref: '#/$defs/not' }],
    },
    condition: {
      anyOf: [
        { $ref: '#/$defs/all' },
        { $ref: '#/$defs/any' },
        { $ref: '#/$defs/not' },
        { $ref: '#/$defs/fact' },
      ],
    },
    all: group('all'),
    any: group('any'),
    not: {
      type: 'object',
      description: 'True when the condition is false.',
      properties: { not: { $ref: '#/$defs/condition' }, priority },
      required: ['not'],
      additionalProperties: false,
    },
    fact: {
      type: 'object',
      description: 'Compares one fact with a value.',
      properties: {
        fact: { type: 'string', enum: names, description: 'A fact of this domain.' },
        operator: { type: 'string', enum: [...OPERATORS] },
        value: { anyOf: [scalar, { type: 'array', items: scalar }] },
        priority,
      },
      required: ['fact', 'operator', 'value'],
      additionalProperties: false,
      allOf: [
        byOperator(['in', 'notIn'], { type: 'array', minItems: 1 }),
        byOperator(['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'], {
          type: 'number',
        }),
        byOperator(['equal', 'notEqual', 'contains', 'doesNotContain'], { not: { type: 'array' } }),
        ...byFact,
      ],
    },
  };
}

/** Puts `$schema`, `$id`, `title`, `description` first and `$defs` last, whatever zod emitted. */
function withHeader(name: string, title: string, description: string, body: JsonObject): JsonObject {
  const { $schema, $defs, ...rest } = body;
  return {
    $schema: $schema ?? 'https://json-schema.org/draft/2020-12/schema',
    $id: name,
    title,
    description,
    ...rest,
    ...($defs === undefined ? {} : { $defs }),
  };
}

interface RuleFileSpec {
  domain: string;
  key: string;
  title: string;
  schema: z.ZodType;
  /** What the loader checks beyond this schema. */
  more: string;
  facts?: Readonly<Record<string, FactDefinition>>;
  adjust?: (schema: JsonObject) => void;
}

const PROVENANCE = 'effectiveTo is before effectiveFrom, or a date does not exist (2026-02-30)';
const NON_CONFIRMED = 'a row that is not confirmed has no `warning` for the reader';

/** Sets the code system and the code shape of one of the two code tables. */
function codeTable(system: 'CARC' | 'RARC', shape: RegExp) {
  return (schema: JsonObject) => {
    const properties = schema.properties as JsonObject;
    properties.codeSystem = { type: 'string', const: system };
    const row = (properties.rows as JsonObject).items as JsonObject;
    const code = (row.properties as JsonObject).code as JsonObject;
    code.pattern = shape.source;
  };
}

const RULE_FILES: RuleFileSpec[] = [
  {
    domain: 'classification',
    key: 'carc',
    title: 'overturn rule file: CARC code table',
    schema: codeTableSchema,
    more: `a code or id is listed twice, a row's weight does not match its category (0 exactly when the category is null), or ${PROVENANCE}`,
    adjust: codeTable('CARC', CARC_SHAPE),
  },
  {
    domain: 'classification',
    key: 'rarc',
    title: 'overturn rule file: RARC code table',
    schema: codeTableSchema,
    more: `a code or id is listed twice, a row's weight does not match its category (0 exactly when the category is null), or ${PROVENANCE}`,
    adjust: codeTable('RARC', RARC_SHAPE),
  },
  {
    domain: 'classification',
    key: 'phrases',
    title: 'overturn rule file: denial-letter phrases',
    schema: phraseTableSchema,
    more: `an id or a wording is listed twice, a row has neither \`phrases\` nor \`near\`, a phrase has no words or is longer than its \`within\`, a signal or boilerplate row has a category or weight, or ${PROVENANCE}`,
  },
  {
    domain: 'classification',
    key: 'decisions',
    title: 'overturn rule file: classification decision rules (json-rules-engine format)',
    schema: decisionFileSchema,
    facts: CLASSIFICATION_FACTS,
    more: `a rule id is listed twice, or ${PROVENANCE}`,
  },
  {
    domain: 'classification',
    key: 'abbreviations',
    title: 'overturn rule file: claim-system shorthand',
    schema: abbreviationTableSchema,
    more: `an id or a shorthand is listed twice, a shorthand or expansion has no letters or digits, or ${PROVENANCE}`,
  },
  {
    domain: 'classification',
    key: 'model',
    title: 'overturn rule file: trained text model (written by npm run train:classifier)',
    schema: textModelFileSchema,
    more: `a label is listed twice, samples or words do not have one count per label, or a feature's counts are not [labelIndex, count] pairs`,
  },
  {
    domain: 'checklist',
    key: 'items',
    title: 'overturn rule file: appeal checklist rules (json-rules-engine format)',
    schema: itemsFileSchema,
    facts: CHECKLIST_FACTS,
    more: `a rule id is listed twice, a title or reason uses an unknown {placeholder}, a rule that is not confirmed has no \`event.params.warning\`, or ${PROVENANCE}`,
  },
  {
    domain: 'deadlines',
    key: 'windows',
    title: 'overturn rule file: appeal deadline windows',
    schema: windowsFileSchema,
    more: `an id is listed twice, a plan type has no first level (or two), a month window has no \`onMissingDay\`, a receipt presumption runs from the notice date, ${NON_CONFIRMED}, or ${PROVENANCE}`,
  },
  {
    domain: 'deadlines',
    key: 'decisions',
    title: 'overturn rule file: decision times',
    schema: decisionsFileSchema,
    more: `an id is listed twice, an appeal row names no level (or a prior-authorization row names one), ${NON_CONFIRMED}, or ${PROVENANCE}`,
  },
  {
    domain: 'deadlines',
    key: 'careSteps',
    title: 'overturn rule file: care steps (keeping care going during an appeal)',
    schema: careStepsFileSchema,
    more: `an id is listed twice, a step due on the day care ends counts days, ${NON_CONFIRMED}, or ${PROVENANCE}`,
  },
  {
    domain: 'states',
    key: 'XX',
    title: "overturn rule file: one jurisdiction's external review, Medicaid fair hearings and regulators",
    schema: stateFileSchema,
    more: `an id is listed twice, the file is not the manifest's jurisdiction, there is no insurance or no Medicaid regulator, a month window has no \`onMissingDay\`, a receipt presumption runs from the notice date, ${NON_CONFIRMED}, or ${PROVENANCE}`,
  },
  {
    domain: 'deadlines',
    key: 'thresholds',
    title: 'overturn rule file: amount-in-controversy thresholds',
    schema: thresholdsFileSchema,
    more: `an id is listed twice, or ${PROVENANCE}`,
  },
  {
    domain: 'sso',
    key: 'programs',
    title: 'overturn rule file: second-surgical-opinion programs',
    schema: programsFileSchema,
    more: `an id is listed twice, a plan type has no default row (or two), there is not exactly one \`plan_list\` row, a program and its list disagree (list, whenNotListed, requirement, reason), a listed name is not a term of the procedures file, ${NON_CONFIRMED}, or ${PROVENANCE}`,
  },
  {
    domain: 'sso',
    key: 'procedures',
    title: 'overturn rule file: second-surgical-opinion procedure vocabulary',
    schema: ssoProceduresFileSchema,
    more: `an id or a term is listed twice, a term contains a procedure code, a \`narrower\` concept is unknown or forms a cycle, a billing code is not in its canonical form, or ${PROVENANCE}`,
  },
  {
    domain: 'specialists',
    key: 'specialties',
    title: 'overturn rule file: specialties (NUCC taxonomy codes)',
    schema: specialtiesFileSchema,
    more: `a code or id is listed twice, or ${PROVENANCE}`,
  },
  {
    domain: 'specialists',
    key: 'areas',
    title: 'overturn rule file: condition areas (ICD-10-CM ranges → specialists)',
    schema: areasFileSchema,
    more: `an id is listed twice, a range bound is not an ICD-10-CM code, a range ends before it starts or its bounds are written at different levels, a phrase has no words, a referenced area, specialty or avoid note does not exist, or ${PROVENANCE}`,
  },
  {
    domain: 'specialists',
    key: 'procedures',
    title: 'overturn rule file: procedures → performing specialty',
    schema: specialistProceduresFileSchema,
    more: `an id is listed twice, a phrase has no words, a referenced area, range or specialty does not exist, or ${PROVENANCE}`,
  },
  {
    domain: 'specialists',
    key: 'context',
    title: 'overturn rule file: specialist routing context',
    schema: contextFileSchema,
    more: `an id or a claim type is listed twice, a referenced area, specialty, requirement or avoid note does not exist, ${NON_CONFIRMED}, or ${PROVENANCE}`,
  },
  {
    domain: 'specialists',
    key: 'conditionIndex',
    title: 'overturn rule file: ICD-10-CM chapters, blocks and categories searched for a condition',
    schema: conditionIndexFileSchema,
    more: `an id is listed twice, a bound is not an ICD-10-CM code, a row ends before it starts or its bounds are written at different levels, a term has no words, no range of the areas file holds all of a row, or ${PROVENANCE}`,
  },
];

interface InputSpec {
  name: string;
  title: string;
  schema: z.ZodType;
  /** The fixture folder whose cases take this input. */
  fixtures: string;
  function: string;
  more: string;
}

const INPUTS: InputSpec[] = [
  {
    name: 'denial-input.schema.json',
    title: 'overturn DenialInput',
    schema: denialInputSchema,
    fixtures: 'denials',
    function: 'classifyDenial',
    more: 'neither `codes` nor `text` is given, a code is not a CARC or RARC, or a date does not exist',
  },
  {
    name: 'deadline-input.schema.json',
    title: 'overturn DeadlineInput',
    schema: deadlineInputSchema,
    fixtures: 'deadlines',
    function: 'computeAppealDeadline',
    more: 'neither `noticeDate` nor `receivedDate` is given, receivedDate is before noticeDate, a date does not exist or is outside 1950–2150, or a plan window is longer than 3650 days or 120 months',
  },
  {
    name: 'specialist-input.schema.json',
    title: 'overturn SpecialistInput',
    schema: specialistInputSchema,
    fixtures: 'specialists',
    function: 'recommendSpecialist',
    more: 'none of `icd10`, `condition`, `procedure`, `claimType` is given, or a code is not ICD-10-CM',
  },
  {
    name: 'sso-input.schema.json',
    title: 'overturn SsoInput',
    schema: ssoInputSchema,
    fixtures: 'sso',
    function: 'requiresSecondSurgicalOpinion',
    more: 'a procedure has no letters or digits, or a date does not exist or is outside 1950–2150',
  },
  {
    name: 'case-input.schema.json',
    title: 'overturn CaseInput',
    schema: caseInputSchema,
    fixtures: 'cases',
    function: 'analyzeCase and buildChecklist',
    more: 'neither `noticeDate` nor `receivedDate` is given, receivedDate is before noticeDate, `denial.planType` differs from `planType`, a code is not a CARC/RARC or ICD-10-CM code, or a date does not exist',
  },
];

/** A fixture file: one case or a list of cases, each `{ name, input, expect }`. */
function fixtureSchema(input: InputSpec, inputSchema: JsonObject): JsonObject {
  const { $schema: _, $id: __, title: ___, ...inputBody } = inputSchema;
  if (inputBody.$defs !== undefined) throw new Error(`${input.name}: $defs cannot be embedded as they are`);
  return withHeader(
    `fixtures-${input.fixtures}.schema.json`,
    `overturn fixtures: ${input.fixtures}`,
    `A file of fixtures/${input.fixtures}/: one case { name, input, expect } or an array of them, run through ${input.function} by both engines. \`input\` is a ${input.title.replace('overturn ', '')} (see ${input.name}); \`expect\` is a partial deep match of the answer. A case whose \`expect\` has \`error\` feeds invalid input on purpose, so its input is not checked. Other top-level keys (source, note, gap) are free text. ${GENERATED}`,
    {
      anyOf: [{ $ref: '#/$defs/case' }, { type: 'array', items: { $ref: '#/$defs/case' } }],
      $defs: {
        case: {
          type: 'object',
          properties: {
            name: { type: 'string', minLength: 1, description: 'What the case shows; unique in its folder.' },
            input: {},
            expect: {
              type: 'object',
              description: 'A partial deep match of the answer, or `{ error: { code, path } }`.',
              properties: {
                error: {
                  type: 'object',
                  properties: {
                    code: { type: 'string', enum: ['INVALID_INPUT', 'INVALID_RULE_SET'] },
                    path: { type: 'array', items: { type: ['string', 'integer'] } },
                  },
                  required: ['code'],
                },
              },
            },
          },
          required: ['name', 'input', 'expect'],
          additionalProperties: { type: 'string' },
          if: {
            properties: {
              expect: { type: 'object', properties: { error: { type: 'object' } }, required: ['error'] },
            },
            required: ['expect'],
          },
          else: { properties: { input: { $ref: '#/$defs/input' } } },
        },
        input: inputBody,
      },
    },
  );
}

const serialize = (schema: JsonObject) => `${JSON.stringify(schema, null, 2)}\n`;

/** Every schema file: name → its text, in a fixed order. */
export function generateSchemas(): Map<string, string> {
  const out = new Map<string, string>();
  out.set(
    'manifest.schema.json',
    serialize(
      withHeader(
        'manifest.schema.json',
        'overturn rule-set manifest',
        `rules/manifest.json: the rule set's id and version and the file of each domain, relative to the manifest. ${LOADER_CHECKS_MORE} a named file is missing or invalid. ${GENERATED}`,
        fromZod(manifestSchema),
      ),
    ),
  );
  for (const spec of RULE_FILES) {
    const name = ruleFileSchemaName(spec.domain, spec.key);
    const found: string[] = [];
    const body = linkConditions(fromZod(spec.schema), [], found) as JsonObject;
    if (spec.facts) {
      if (found.length === 0) throw new Error(`${name}: no condition tree found`);
      body.$defs = { ...((body.$defs as JsonObject | undefined) ?? {}), ...conditionDefs(spec.facts) };
    } else if (found.length) {
      throw new Error(`${name}: a condition tree without facts`);
    }
    spec.adjust?.(body);
    const file =
      spec.domain === 'states'
        ? "rules/states/<xx>.json (the manifest's domains.states.<USPS code>)"
        : `rules/${spec.domain}/${spec.key}.json (the manifest's domains.${spec.domain}.${spec.key})`;
    const description = `${file}. ${LOADER_CHECKS_MORE} ${spec.more}. ${GENERATED}`;
    out.set(name, serialize(withHeader(name, spec.title, description, body)));
  }
  for (const input of INPUTS) {
    const description = `The input of ${input.function}. The library checks more when called, and refuses an input this schema accepts when ${input.more}. ${GENERATED}`;
    const schema = withHeader(input.name, input.title, description, fromZod(input.schema));
    out.set(input.name, serialize(schema));
    out.set(`fixtures-${input.fixtures}.schema.json`, serialize(fixtureSchema(input, schema)));
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Writes schemas/ and removes schema files nothing generates any more. */
export function writeSchemas(dir = SCHEMAS_DIR): string[] {
  const schemas = generateSchemas();
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir)) {
    if (name.endsWith('.schema.json') && !schemas.has(name)) rmSync(join(dir, name));
  }
  for (const [name, text] of schemas) writeFileSync(join(dir, name), text);
  return [...schemas.keys()];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const names = writeSchemas();
  console.log(`wrote ${names.length} schemas to schemas/`);
}
