import { analyzeCaseWith } from '../analyzeCase/index.js';
import type { CaseAnalysis } from '../analyzeCase/types.js';
import { buildChecklistWith } from '../buildChecklist/index.js';
import type { CaseInput, Checklist } from '../buildChecklist/types.js';
import { classifyWith } from '../classifyDenial/index.js';
import { computeDeadlineWith } from '../computeAppealDeadline/index.js';
import type { CompiledRuleSet } from '../engine/compile.js';
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
 * The overturn functions bound to a compiled rule set: what {@link createOverturn} and {@link loadOverturn} hand
 * out. Kept apart from both so that neither reaches the other's rule data (createOverturn defaults to the
 * bundled set; loadOverturn never bundles one).
 */
export function bindOverturn(ruleSet: CompiledRuleSet): Overturn {
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
