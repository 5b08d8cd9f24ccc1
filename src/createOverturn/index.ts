import { defaultRuleSet } from '../_lib/defaultRuleSet.js';
import { analyzeCaseWith } from '../analyzeCase/index.js';
import type { CaseAnalysis } from '../analyzeCase/types.js';
import { buildChecklistWith } from '../buildChecklist/index.js';
import type { CaseInput, Checklist } from '../buildChecklist/types.js';
import { classifyWith } from '../classifyDenial/index.js';
import { computeDeadlineWith } from '../computeAppealDeadline/index.js';
import { compileRuleSet } from '../engine/compile.js';
import type { RuleSetSource } from '../engine/ruleSet.js';
import { recommendWith } from '../recommendSpecialist/index.js';
import type { SpecialistInput, SpecialistRecommendation } from '../recommendSpecialist/types.js';
import { decideSsoWith } from '../requiresSecondSurgicalOpinion/index.js';
import type { SsoDecision, SsoInput } from '../requiresSecondSurgicalOpinion/types.js';
import type {
  AppealDeadline,
  DeadlineInput,
  DenialClassification,
  DenialInput,
  RuleSetRef,
} from '../types.js';

/** Options of {@link createOverturn}. */
export interface OverturnOptions {
  /** A rule set to use instead of the bundled one (`{ manifest, files }`; the CLI can read a directory). */
  rules?: RuleSetSource;
}

/** The overturn functions bound to one rule set. */
export interface Overturn {
  /** The rule set these functions use. */
  ruleSet: RuleSetRef;
  /** {@link classifyDenial} with this rule set. */
  classifyDenial(input: DenialInput): DenialClassification;
  /** {@link computeAppealDeadline} with this rule set. */
  computeAppealDeadline(input: DeadlineInput): AppealDeadline;
  /** {@link recommendSpecialist} with this rule set. */
  recommendSpecialist(input: SpecialistInput): SpecialistRecommendation;
  /** {@link requiresSecondSurgicalOpinion} with this rule set. */
  requiresSecondSurgicalOpinion(input: SsoInput): SsoDecision;
  /** {@link buildChecklist} with this rule set. */
  buildChecklist(input: CaseInput): Checklist;
  /** {@link analyzeCase} with this rule set. */
  analyzeCase(input: CaseInput): CaseAnalysis;
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
  const ruleSet = options.rules !== undefined ? compileRuleSet(options.rules) : defaultRuleSet();
  return {
    ruleSet: ruleSet.ref,
    classifyDenial: (input) => classifyWith(ruleSet, input),
    computeAppealDeadline: (input) => computeDeadlineWith(ruleSet, input),
    recommendSpecialist: (input) => recommendWith(ruleSet, input),
    requiresSecondSurgicalOpinion: (input) => decideSsoWith(ruleSet, input),
    buildChecklist: (input) => buildChecklistWith(ruleSet, input),
    analyzeCase: (input) => analyzeCaseWith(ruleSet, input),
  };
}
