import { type ClassificationRules, compileClassification } from '../classifyDenial/ruleData.js';
import { compileDeadlines, type DeadlineRules } from '../computeAppealDeadline/ruleData.js';
import type { RuleSetRef } from '../types.js';
import { fileOf, IssueCollector, parseManifest, type RuleSetSource, ruleSetRef } from './ruleSet.js';

/** A rule set validated and compiled once: every domain indexed, every rule a closure. */
export interface CompiledRuleSet {
  ref: RuleSetRef;
  classification: ClassificationRules;
  deadlines: DeadlineRules;
}

/**
 * Validates a rule-set source and compiles it. Nothing is cached by object identity: an analyst may edit
 * a source and compile it again. Throws `OverturnError('INVALID_RULE_SET')` listing every problem
 * found, each with its file, rule id and path.
 */
export function compileRuleSet(source: RuleSetSource): CompiledRuleSet {
  const collector = new IssueCollector();
  const manifest = parseManifest(source, collector);
  collector.throwIfAny();
  if (!manifest) throw new Error('unreachable: manifest validated');
  const read = (path: string) => fileOf(source, path);
  const classification = compileClassification(manifest.domains.classification, read, collector);
  const deadlines = compileDeadlines(manifest.domains.deadlines, read, collector);
  collector.throwIfAny();
  if (!classification || !deadlines) throw new Error('unreachable: every domain validated');
  return { ref: ruleSetRef(manifest), classification, deadlines };
}
