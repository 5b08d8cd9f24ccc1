import { defaultRuleSet } from '../_lib/defaultRuleSet.js';
import { compileRuleSet } from '../engine/compile.js';
import type { RuleSetSource } from '../engine/ruleSet.js';
import { bindOverturn, type Overturn } from './bindOverturn.js';

export type { Overturn } from './bindOverturn.js';

/** Options of {@link createOverturn}. */
export interface OverturnOptions {
  /** A rule set to use instead of the bundled one (`{ manifest, files }`; the CLI can read a directory). */
  rules?: RuleSetSource;
}

/**
 * Binds the overturn functions to a rule set: the bundled one, or a caller's own (an analyst's edited
 * copy of `rules/`). The rule set is validated and compiled here, once; a bad one throws
 * `OverturnError('INVALID_RULE_SET')` naming each file, rule and path at fault.
 *
 * @example
 * ```ts
 * import { createOverturn } from 'overturn';
 * import { defaultRuleSetSource } from 'overturn';
 *
 * const custom = structuredClone(defaultRuleSetSource);
 * const overturn = createOverturn({ rules: custom });
 * overturn.classifyDenial({ codes: ['CO-197'] }).category; // 'prior_authorization'
 * ```
 */
export function createOverturn(options: OverturnOptions = {}): Overturn {
  return bindOverturn(options.rules !== undefined ? compileRuleSet(options.rules) : defaultRuleSet());
}
