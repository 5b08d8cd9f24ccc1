import { z } from 'zod';
import {
  type CompiledCondition,
  type Condition,
  compileCondition,
  conditionSchema,
  type FactDefinition,
} from './conditions.js';
import { checkEffectiveRange, isInEffect, type Provenance, provenanceShape } from './provenance.js';
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
      ...provenanceShape,
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
      ...editorSchemaShape,
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
