import * as z from 'zod';
import {
  type CompiledCondition,
  type Condition,
  compileCondition,
  compileSlottedCondition,
  conditionSchema,
  type FactDefinition,
  factValues,
  type SlottedCondition,
  slotIn,
} from './conditions.js';
import { checkEffectiveRange, isInEffect, type Provenance, provenanceShape } from './provenance.js';
import { StampedMarks } from './stampedMarks.js';
import { editorSchemaShape } from './tables.js';

/** A rule in json-rules-engine's format, with overturn's provenance fields beside it. */
export interface DecisionRule<Event> extends Provenance {
  /** Higher runs first, as in json-rules-engine (default 1). */
  priority: number;
  conditions: Condition;
  event: Event;
}

/** A decision rule compiled to a closure. */
export interface CompiledRule<Event> {
  rule: DecisionRule<Event>;
  test: CompiledCondition;
}

/**
 * The schema of a decision-rule file for one domain: its facts (names and types) and its event shapes.
 * Top-level conditions must be `all`, `any` or `not`, as json-rules-engine requires.
 */
export function decisionRuleFileSchema<Event>(
  facts: Readonly<Record<string, FactDefinition>>,
  eventSchema: z.ZodType<Event>,
) {
  const condition = conditionSchema(facts);
  const rule = z
    .object({
      ...provenanceShape(),
      priority: z.number().int().min(1).max(1000).default(1),
      conditions: condition.superRefine((value, ctx) => {
        const root = value as unknown as Record<string, unknown>;
        if (root && typeof root === 'object' && !('all' in root || 'any' in root || 'not' in root)) {
          ctx.addIssue({ code: 'custom', message: 'the top-level condition must be `all`, `any` or `not`' });
        }
      }),
      event: eventSchema,
    })
    .strict()
    .superRefine(checkEffectiveRange);
  return z
    .object({
      ...editorSchemaShape(),
      kind: z.literal('decision-rules'),
      description: z.string().optional(),
      rules: z.array(rule),
    })
    .strict()
    .superRefine((file, ctx) => {
      const seen = new Map<string, number>();
      file.rules.forEach((r, index) => {
        if (seen.has(r.id)) {
          ctx.addIssue({
            code: 'custom',
            path: ['rules', index, 'id'],
            message: `duplicate rule id "${r.id}"`,
          });
        }
        seen.set(r.id, index);
      });
    });
}

/** Compiles each rule once and orders them as json-rules-engine runs them: by priority, highest first. */
export function compileRules<Event>(rules: readonly DecisionRule<Event>[]): CompiledRule<Event>[] {
  return rules
    .map((rule, index) => ({ rule, test: compileCondition(rule.conditions), index }))
    .sort((a, b) => b.rule.priority - a.rule.priority || a.index - b.index)
    .map(({ rule, test }) => ({ rule, test }));
}

/** Runs compiled rules over `facts` and returns the rules that fired, in priority order. */
export function evaluateRules<Event>(
  compiled: readonly CompiledRule<Event>[],
  facts: Readonly<Record<string, unknown>>,
  asOf?: string,
): DecisionRule<Event>[] {
  const fired: DecisionRule<Event>[] = [];
  for (const { rule, test } of compiled) {
    if (isInEffect(rule, asOf) && test(facts)) fired.push(rule);
  }
  return fired;
}

/**
 * The compiled rules with an index of what each needs: a rule whose top-level `all` holds a `contains` or
 * `equal` leaf cannot fire unless that leaf holds, so {@link evaluateIndexedRules} tests only the rules whose
 * needed value is among the facts (and those that need none). Answers are those of {@link evaluateRules}:
 * the skipped rules are exactly those whose needed leaf fails.
 */
export interface IndexedRules<Event> {
  compiled: readonly CompiledRule<Event>[];
  /** Positions (in `compiled`) of the rules that need no particular value. */
  always: readonly number[];
  /** The slots (in `facts`) of the facts some rule needs a value of, and for each, the positions of the rules that need each value. */
  needSlots: readonly number[];
  needValues: readonly ReadonlyMap<unknown, readonly number[]>[];
  /** Every fact a rule reads, each read once per evaluation into `values` (see SlottedCondition). */
  facts: readonly string[];
  /** Each rule's condition, by position, over the facts' slots. */
  tests: readonly SlottedCondition[];
  /**
   * Whether each rule, by position, has an effective date: the others are in effect on any date (isInEffect), so
   * their own fields, of as many shapes as there are rule files, are not read per evaluation.
   */
  dated: readonly boolean[];
  /** Scratch: the positions of the rules to test and the facts' values, in this evaluation (evaluations are synchronous). */
  marks: StampedMarks;
  values: unknown[];
}

/** Indexes compiled rules by the value each needs (see {@link IndexedRules}). */
export function indexRules<Event>(compiled: readonly CompiledRule<Event>[]): IndexedRules<Event> {
  const always: number[] = [];
  const facts: string[] = [];
  const slotOf = (fact: string) => slotIn(facts, fact);
  const needs = new Map<number, Map<unknown, number[]>>();
  compiled.forEach(({ rule }, position) => {
    const leaf = neededLeaf(rule.conditions);
    if (!leaf) {
      always.push(position);
      return;
    }
    const slot = slotOf(leaf.fact);
    let byValue = needs.get(slot);
    if (!byValue) {
      byValue = new Map();
      needs.set(slot, byValue);
    }
    const positions = byValue.get(leaf.value);
    if (positions) positions.push(position);
    else byValue.set(leaf.value, [position]);
  });
  return {
    compiled,
    always,
    needSlots: [...needs.keys()],
    needValues: [...needs.values()],
    tests: compiled.map(({ rule }) => compileSlottedCondition(rule.conditions, slotOf)),
    facts,
    dated: compiled.map(({ rule }) => rule.effectiveFrom !== undefined || rule.effectiveTo !== undefined),
    marks: new StampedMarks(compiled.length),
    values: [],
  };
}

/** The first `contains` (of a string) or `equal` (of a scalar) leaf directly under a top-level `all`. */
function neededLeaf(condition: Condition): { fact: string; value: unknown } | undefined {
  if (!('all' in condition)) return undefined;
  for (const part of condition.all) {
    if (!('fact' in part)) continue;
    if (part.operator === 'contains' && typeof part.value === 'string') return part;
    if (part.operator === 'equal' && !Array.isArray(part.value)) return part;
  }
  return undefined;
}

/** {@link evaluateRules} over indexed rules: the same rules fire, in the same order. */
export function evaluateIndexedRules<Event>(
  indexed: IndexedRules<Event>,
  facts: Readonly<Record<string, unknown>>,
  asOf?: string,
): DecisionRule<Event>[] {
  const { compiled, marks, tests, dated } = indexed;
  const values = factValues(facts, indexed.facts, indexed.values);
  marks.begin(compiled.length);
  const { always } = indexed;
  for (let index = 0; index < always.length; index++) marks.mark(always[index] as number);
  // Plain indexed loops: a Map's entries iterator allocates on every call, and this runs on every call.
  const { needSlots, needValues } = indexed;
  for (let need = 0; need < needSlots.length; need++) {
    const byValue = needValues[need] as ReadonlyMap<unknown, readonly number[]>;
    const value = values[needSlots[need] as number];
    if (Array.isArray(value)) {
      for (let at = 0; at < value.length; at++) {
        const positions = byValue.get(value[at]);
        if (positions)
          for (let index = 0; index < positions.length; index++) marks.mark(positions[index] as number);
      }
    }
    // An equal leaf needs the fact itself (a list is never equal to a scalar).
    const positions = byValue.get(value);
    if (positions)
      for (let index = 0; index < positions.length; index++) marks.mark(positions[index] as number);
  }
  const fired: DecisionRule<Event>[] = [];
  for (let position = 0; position < compiled.length; position++) {
    if (!marks.has(position)) continue;
    const { rule } = compiled[position] as CompiledRule<Event>;
    if (dated[position] && !isInEffect(rule, asOf)) continue;
    if ((tests[position] as SlottedCondition)(values)) fired.push(rule);
  }
  // The values are the caller's facts: not kept past the call.
  values.fill(undefined);
  return fired;
}
