import carc from '../../rules/classification/carc.json';
import decisions from '../../rules/classification/decisions.json';
import phrases from '../../rules/classification/phrases.json';
import rarc from '../../rules/classification/rarc.json';
import manifest from '../../rules/manifest.json';
import { type CompiledRuleSet, compileRuleSet } from '../engine/compile.js';
import type { RuleSetSource } from '../engine/ruleSet.js';

/** The rule set bundled with the package (the `rules/` folder), as a source. */
export const defaultRuleSetSource: RuleSetSource = {
  manifest,
  files: {
    'classification/carc.json': carc,
    'classification/rarc.json': rarc,
    'classification/phrases.json': phrases,
    'classification/decisions.json': decisions,
  },
};

let compiled: CompiledRuleSet | undefined;

/** The bundled rule set, compiled on first use (never at import: the package has no side effects). */
export function defaultRuleSet(): CompiledRuleSet {
  compiled ??= compileRuleSet(defaultRuleSetSource);
  return compiled;
}
