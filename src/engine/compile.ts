import { type ClassificationRules, compileClassification } from '../classifyDenial/ruleData.js';
import type { RuleSetRef } from '../types.js';
import { fileOf, IssueCollector, parseManifest, type RuleSetSource, ruleSetRef } from './ruleSet.js';

/** A rule set validated and compiled once: every domain indexed, every rule a closure. */
export interface CompiledRuleSet {
  ref: RuleSetRef;
  classification: ClassificationRules;
}

const cache = new WeakMap<object, CompiledRuleSet>();

/**
 * Validates a rule-set source and compiles it. The result is cached per source object, so passing the
 * same object again costs nothing. Throws `OverturnError('INVALID_RULE_SET')` listing every problem
 * found, each with its file, rule id and path.
 */
export function compileRuleSet(source: RuleSetSource): CompiledRuleSet {
  const cached = typeof source === 'object' && source !== null ? cache.get(source) : undefined;
  if (cached) return cached;
  const collector = new IssueCollector();
  const manifest = parseManifest(source, collector);
  collector.throwIfAny();
  if (!manifest) throw new Error('unreachable: manifest validated');
  const read = (path: string) => fileOf(source, path);
  const classification = compileClassification(manifest.domains.classification, read, collector);
  collector.throwIfAny();
  if (!classification) throw new Error('unreachable: classification validated');
  const compiled: CompiledRuleSet = { ref: ruleSetRef(manifest), classification };
  cache.set(source, compiled);
  return compiled;
}
