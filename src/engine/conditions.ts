import * as z from 'zod';
import { lazySchema } from '../_lib/lazySchema.js';

/**
 * The json-rules-engine condition format, as far as the compiler supports it: `all` / `any` / `not`
 * and `{ fact, operator, value }` with the ten default operators. Everything else the format allows
 * (`path`, `params`, fact references as values, named condition references, operator decorators) is
 * refused at load with an error saying so, never silently ignored.
 */

/** The operators json-rules-engine ships and the compiler reproduces exactly. */
export const OPERATORS = [
  'equal',
  'notEqual',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
] as const;

export type Operator = (typeof OPERATORS)[number];

/** A primitive fact or condition value. */
export type Scalar = string | number | boolean | null;

/** The type of a fact, so a rule file can be checked against it at load. */
export interface FactDefinition {
  type: 'string' | 'number' | 'boolean' | 'string[]';
  /** For enum-like facts: every value the fact can take. A rule comparing with another value is refused. */
  values?: readonly string[];
  description: string;
}

/** A leaf condition. */
export interface FactCondition {
  fact: string;
  operator: Operator;
  value: Scalar | Scalar[];
  priority?: number;
}

/** A condition tree. */
export type Condition =
  | { all: Condition[]; priority?: number }
  | { any: Condition[]; priority?: number }
  | { not: Condition; priority?: number }
  | FactCondition;

const UNSUPPORTED: Record<string, string> = {
  path: 'fact paths (`path`) are not supported by the compiled engine; give the value its own fact',
  params: 'fact parameters (`params`) are not supported by the compiled engine',
  condition:
    'named condition references are not supported by the compiled engine; write the condition inline',
  name: 'condition names are not supported; name the rule instead',
};

const scalar = lazySchema(() => z.union([z.string(), z.number(), z.boolean(), z.null()]));
const priority = lazySchema(() => z.number().int().min(1).optional());
const leafShape = lazySchema(() =>
  z
    .object({ fact: z.string(), operator: z.string(), value: z.union([scalar, z.array(scalar)]), priority })
    .strict(),
);
const boolShape = (key: 'all' | 'any' | 'not') =>
  z.object({ [key]: key === 'not' ? z.unknown() : z.array(z.unknown()), priority }).strict();

/**
 * Builds the condition schema for one domain's facts. The tree is walked by hand rather than with a zod
 * union so that each problem gets a precise path and message ("unknown fact", "unsupported: path").
 */
export function conditionSchema(facts: Readonly<Record<string, FactDefinition>>): z.ZodType<Condition> {
  const factNames = Object.keys(facts);
  return z.unknown().superRefine((value, ctx) => {
    validateCondition(value, [], facts, factNames, ctx);
  }) as unknown as z.ZodType<Condition>;
}

function validateCondition(
  value: unknown,
  path: (string | number)[],
  facts: Readonly<Record<string, FactDefinition>>,
  factNames: string[],
  ctx: z.RefinementCtx,
): void {
  const add = (where: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path: where, message });
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    add(path, 'a condition must be an object with `all`, `any`, `not` or `fact`');
    return;
  }
  const record = value as Record<string, unknown>;
  let unsupported = false;
  for (const key of Object.keys(UNSUPPORTED)) {
    if (Object.hasOwn(record, key)) {
      add([...path, key], UNSUPPORTED[key] as string);
      unsupported = true;
    }
  }
  if (unsupported) return;
  const kind = (['all', 'any', 'not', 'fact'] as const).filter((key) => Object.hasOwn(record, key));
  if (kind.length !== 1) {
    add(path, 'a condition needs exactly one of `all`, `any`, `not` or `fact`');
    return;
  }
  const [key] = kind as ['all' | 'any' | 'not' | 'fact'];
  if (key === 'fact') {
    if (record.value !== null && typeof record.value === 'object' && !Array.isArray(record.value)) {
      add(
        [...path, 'value'],
        'fact references as values (`{ fact: … }`) are not supported by the compiled engine',
      );
      return;
    }
    const parsed = leafShape.safeParse(record);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        add([...path, ...(issue.path as (string | number)[])], issue.message);
      return;
    }
    for (const issue of checkLeaf(parsed.data, facts, factNames))
      add([...path, ...issue.path], issue.message);
    return;
  }
  const parsed = boolShape(key).safeParse(record);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      add([...path, ...(issue.path as (string | number)[])], issue.message);
    return;
  }
  if (key === 'not') {
    validateCondition(record.not, [...path, 'not'], facts, factNames, ctx);
    return;
  }
  const list = record[key] as unknown[];
  // json-rules-engine treats an empty `any` as true; refuse it rather than reproduce the surprise.
  if (list.length === 0) add([...path, key], `an \`${key}\` needs at least one condition`);
  list.forEach((child, index) => {
    validateCondition(child, [...path, key, index], facts, factNames, ctx);
  });
}

function checkLeaf(
  leafCondition: { fact: string; operator: string; value: Scalar | Scalar[] },
  facts: Readonly<Record<string, FactDefinition>>,
  factNames: string[],
): { path: string[]; message: string }[] {
  const issues: { path: string[]; message: string }[] = [];
  const { fact, operator, value } = leafCondition;
  const found = Object.hasOwn(facts, fact) ? facts[fact] : undefined;
  if (!found) {
    issues.push({ path: ['fact'], message: `unknown fact "${fact}"; known facts: ${factNames.join(', ')}` });
    return issues;
  }
  const definition: FactDefinition = found;
  if (!(OPERATORS as readonly string[]).includes(operator)) {
    const hint = operator.includes(':') ? ' (operator decorators are not supported)' : '';
    issues.push({
      path: ['operator'],
      message: `unknown operator "${operator}"${hint}; supported: ${OPERATORS.join(', ')}`,
    });
    return issues;
  }
  const message = operandProblem(fact, operator as Operator, value, definition);
  if (message) issues.push({ path: ['value'], message });
  return issues;
}

/** What is wrong with a leaf's value for its fact and operator, or undefined when it is fine. */
function operandProblem(
  fact: string,
  operator: Operator,
  value: Scalar | Scalar[],
  definition: FactDefinition,
): string | undefined {
  const isArrayFact = definition.type === 'string[]';
  const elementType = isArrayFact ? 'string' : definition.type;
  const scalarProblem = (item: Scalar, where: string): string | undefined => {
    if (typeof item !== elementType) return `${where} must be a ${elementType} for fact "${fact}"`;
    if (definition.values && typeof item === 'string' && !definition.values.includes(item)) {
      return `"${item}" is not a value fact "${fact}" can take (${definition.values.join(', ')})`;
    }
    return undefined;
  };
  switch (operator) {
    case 'contains':
    case 'doesNotContain':
      if (!isArrayFact) return `${operator} needs a list fact; "${fact}" is a ${definition.type}`;
      if (Array.isArray(value)) return `${operator} compares with one value, not a list`;
      return scalarProblem(value, 'the value');
    case 'in':
    case 'notIn':
      if (isArrayFact) return `${operator} needs a single-valued fact; use contains for "${fact}"`;
      if (!Array.isArray(value) || value.length === 0) return `${operator} needs a non-empty list value`;
      return value.map((item) => scalarProblem(item, 'each listed value')).find(Boolean);
    case 'lessThan':
    case 'lessThanInclusive':
    case 'greaterThan':
    case 'greaterThanInclusive':
      if (definition.type !== 'number')
        return `${operator} needs a number fact; "${fact}" is a ${definition.type}`;
      return typeof value === 'number' ? undefined : `${operator} compares with a number`;
    default:
      if (isArrayFact) return `${operator} cannot compare the list fact "${fact}"; use contains`;
      if (Array.isArray(value)) return `${operator} compares with one value, not a list`;
      return scalarProblem(value, 'the value');
  }
}

/** A compiled condition: a plain synchronous predicate over the facts. */
export type CompiledCondition = (facts: Readonly<Record<string, unknown>>) => boolean;

/**
 * A condition compiled against fact slots: a predicate over the facts' values, read once into an array in the
 * order `slotOf` numbered them. Each leaf then reads its fact by position: read by name, one closure's `facts[fact]`
 * served every fact of every rule, a lookup V8 cannot specialise (a tenth of evaluating the checklist rules).
 */
export type SlottedCondition = (values: readonly unknown[]) => boolean;

/**
 * Compiles a validated condition tree into one closure. The operator semantics are json-rules-engine's
 * (7.3.1, `engine-default-operators.js`), including its fact-value validators: `contains` on a
 * non-array and a numeric comparison on a value that is not numeric are false, not errors.
 */
export function compileCondition(condition: Condition): CompiledCondition {
  const facts: string[] = [];
  const test = compileSlottedCondition(condition, (fact) => slotIn(facts, fact));
  return (given) => test(factValues(given, facts, []));
}

/** The slot of `fact` in `facts`, added at the end when new: how an evaluator numbers the facts its rules read. */
export function slotIn(facts: string[], fact: string): number {
  const at = facts.indexOf(fact);
  return at < 0 ? facts.push(fact) - 1 : at;
}

/** The values of `facts` (by name) into `values`, slot by slot: what a {@link SlottedCondition} reads. */
export function factValues(
  given: Readonly<Record<string, unknown>>,
  facts: readonly string[],
  values: unknown[],
): unknown[] {
  for (let slot = 0; slot < facts.length; slot++) values[slot] = given[facts[slot] as string];
  return values;
}

/** {@link compileCondition} against fact slots ({@link SlottedCondition}); `slotOf` numbers each fact read. */
export function compileSlottedCondition(
  condition: Condition,
  slotOf: (fact: string) => number,
): SlottedCondition {
  // Plain loops rather than every/some: those would allocate a closure on every evaluation.
  if ('all' in condition) {
    const parts = condition.all.map((part) => compileSlottedCondition(part, slotOf));
    return (values) => {
      for (let index = 0; index < parts.length; index++)
        if (!(parts[index] as SlottedCondition)(values)) return false;
      return true;
    };
  }
  if ('any' in condition) {
    const parts = condition.any.map((part) => compileSlottedCondition(part, slotOf));
    return (values) => {
      for (let index = 0; index < parts.length; index++)
        if ((parts[index] as SlottedCondition)(values)) return true;
      return false;
    };
  }
  if ('not' in condition) {
    const inner = compileSlottedCondition(condition.not, slotOf);
    return (values) => !inner(values);
  }
  return compileLeaf(condition, slotOf(condition.fact));
}

const isNumeric = (value: unknown) => Number.parseFloat(value as string).toString() !== 'NaN';

function compileLeaf({ operator, value }: FactCondition, slot: number): SlottedCondition {
  switch (operator) {
    case 'equal':
      return (values) => values[slot] === value;
    case 'notEqual':
      return (values) => values[slot] !== value;
    case 'in': {
      const list = value as Scalar[];
      return (values) => list.indexOf(values[slot] as Scalar) > -1;
    }
    case 'notIn': {
      const list = value as Scalar[];
      return (values) => list.indexOf(values[slot] as Scalar) === -1;
    }
    case 'contains':
      return (values) => {
        const list = values[slot];
        return Array.isArray(list) && list.indexOf(value) > -1;
      };
    case 'doesNotContain':
      return (values) => {
        const list = values[slot];
        return Array.isArray(list) && list.indexOf(value) === -1;
      };
    case 'lessThan':
      return (values) => isNumeric(values[slot]) && (values[slot] as number) < (value as number);
    case 'lessThanInclusive':
      return (values) => isNumeric(values[slot]) && (values[slot] as number) <= (value as number);
    case 'greaterThan':
      return (values) => isNumeric(values[slot]) && (values[slot] as number) > (value as number);
    case 'greaterThanInclusive':
      return (values) => isNumeric(values[slot]) && (values[slot] as number) >= (value as number);
  }
}
