/**
 * The reference engine: the same rule sets evaluated by json-rules-engine instead of the compiled
 * closures. For fixture runners and differential tests; it is asynchronous and about two orders of
 * magnitude slower, so applications use the main entry point.
 * @module
 */

import { defaultRuleSet } from './_lib/defaultRuleSet.js';
import { classificationInputOf, finishCase, prepareCase } from './analyzeCase/analyze.js';
import type { CaseAnalysis } from './analyzeCase/types.js';
import { checklistFacts, ruleDateOf } from './buildChecklist/build.js';
import type { ChecklistEvent } from './buildChecklist/ruleData.js';
import type { CaseInput } from './buildChecklist/types.js';
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
  /** {@link analyzeCase} with both the classification and the checklist rules run by json-rules-engine. */
  analyzeCase(input: CaseInput): Promise<CaseAnalysis>;
}

interface ReferenceEngines {
  classification: ReferenceEngine<ClassificationEvent>;
  checklist: ReferenceEngine<ChecklistEvent>;
}

const engines = new WeakMap<CompiledRuleSet, ReferenceEngines>();

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
  let reference = engines.get(ruleSet);
  if (!reference) {
    reference = {
      classification: new ReferenceEngine(ruleSet.classification.decisionRules),
      checklist: new ReferenceEngine(ruleSet.checklist.rules),
    };
    engines.set(ruleSet, reference);
  }
  const { classification, checklist } = reference;
  const classify = async (input: DenialInput) => {
    const parsed = parseInput(denialInputSchema, input);
    const prepared = prepareClassification(ruleSet, parsed);
    const firedIds = new Set(await classification.evaluate(prepared.facts, prepared.asOf));
    const fired = ruleSet.classification.decisions
      .map(({ rule }) => rule)
      .filter((rule) => firedIds.has(rule.id));
    return finishClassification(ruleSet, prepared, fired);
  };
  return {
    classifyDenial: classify,
    async analyzeCase(input) {
      const parts = prepareCase(ruleSet, input);
      // The classification inside the case is re-run on json-rules-engine too, so that both rule sets are checked.
      parts.classification = await classify(classificationInputOf(parts.input));
      const firedIds = new Set(await checklist.evaluate(checklistFacts(parts), ruleDateOf(parts.input)));
      const fired = ruleSet.checklist.compiled
        .map(({ rule }) => rule)
        .filter((rule) => firedIds.has(rule.id));
      return finishCase(ruleSet, parts, fired);
    },
  };
}
