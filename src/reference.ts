/**
 * The reference engine: the same rule sets evaluated by json-rules-engine instead of the compiled
 * closures. For fixture runners and differential tests; it is asynchronous and about two orders of
 * magnitude slower, so applications use the main entry point.
 * @module
 */

import { defaultRuleSet } from './_lib/defaultRuleSet.js';
import { finishClassification, prepareClassification } from './classifyDenial/classify.js';
import type { ClassificationEvent } from './classifyDenial/ruleData.js';
import { denialInputSchema } from './classifyDenial/schema.js';
import { type CompiledRuleSet, compileRuleSet } from './engine/compile.js';
import { ReferenceEngine } from './engine/referenceEngine.js';
import type { RuleSetSource } from './engine/ruleSet.js';
import { parseInput } from './errors.js';
import type { DenialClassification, DenialInput } from './types.js';

/** overturn's functions evaluated by json-rules-engine (asynchronous). */
export interface ReferenceOverturn {
  classifyDenial(input: DenialInput): Promise<DenialClassification>;
}

const engines = new WeakMap<CompiledRuleSet, ReferenceEngine<ClassificationEvent>>();

/**
 * Creates the reference (json-rules-engine) evaluator for a rule set: the bundled one by default.
 * Input validation, code and phrase lookup are shared with the compiled path; only the decision
 * rules are evaluated by json-rules-engine, so a difference in results is a difference in rule evaluation.
 *
 * @example
 * ```ts
 * import { createReferenceOverturn } from 'overturn/reference';
 *
 * const reference = createReferenceOverturn();
 * const result = await reference.classifyDenial({ codes: ['CO-50'] });
 * result.category; // 'medical_necessity'
 * ```
 */
export function createReferenceOverturn(options: { rules?: RuleSetSource } = {}): ReferenceOverturn {
  const ruleSet = options.rules !== undefined ? compileRuleSet(options.rules) : defaultRuleSet();
  let engine = engines.get(ruleSet);
  if (!engine) {
    engine = new ReferenceEngine(ruleSet.classification.decisionRules);
    engines.set(ruleSet, engine);
  }
  const reference = engine;
  return {
    async classifyDenial(input) {
      const parsed = parseInput(denialInputSchema, input);
      const prepared = prepareClassification(ruleSet, parsed);
      const firedIds = new Set(await reference.evaluate(prepared.facts, prepared.asOf));
      const fired = ruleSet.classification.decisions
        .map(({ rule }) => rule)
        .filter((rule) => firedIds.has(rule.id));
      return finishClassification(ruleSet, prepared, fired);
    },
  };
}
