import checklistItems from '../../rules/checklist/items.json';
import abbreviations from '../../rules/classification/abbreviations.json';
import carc from '../../rules/classification/carc.json';
import decisions from '../../rules/classification/decisions.json';
import textModel from '../../rules/classification/model.json';
import phrases from '../../rules/classification/phrases.json';
import rarc from '../../rules/classification/rarc.json';
import careSteps from '../../rules/deadlines/care-steps.json';
import deadlineDecisions from '../../rules/deadlines/decisions.json';
import thresholds from '../../rules/deadlines/thresholds.json';
import windows from '../../rules/deadlines/windows.json';
import manifest from '../../rules/manifest.json';
import specialistAreas from '../../rules/specialists/areas.json';
import specialistContext from '../../rules/specialists/context.json';
import conditionIndex from '../../rules/specialists/icd10cm.json';
import specialistProcedures from '../../rules/specialists/procedures.json';
import specialties from '../../rules/specialists/specialties.json';
import ssoProcedures from '../../rules/sso/procedures.json';
import ssoPrograms from '../../rules/sso/programs.json';
import { type CompiledRuleSet, compileRuleSet } from '../engine/compile.js';
import type { RuleSetSource } from '../engine/ruleSet.js';
import { STATE_RULE_FILES } from './stateRuleFiles.js';

/**
 * The rule set bundled with the package (the `rules/` folder), as a source. Read it, or copy it
 * (`structuredClone`) to edit: the bundled functions compile it without validating it again, so an edit made to
 * this object itself before their first call would go unchecked.
 */
export const defaultRuleSetSource: RuleSetSource = {
  manifest,
  files: {
    'classification/carc.json': carc,
    'classification/rarc.json': rarc,
    'classification/phrases.json': phrases,
    'classification/decisions.json': decisions,
    'classification/abbreviations.json': abbreviations,
    'classification/model.json': textModel,
    'checklist/items.json': checklistItems,
    'deadlines/windows.json': windows,
    'deadlines/decisions.json': deadlineDecisions,
    'deadlines/thresholds.json': thresholds,
    'deadlines/care-steps.json': careSteps,
    'sso/programs.json': ssoPrograms,
    'sso/procedures.json': ssoProcedures,
    'specialists/specialties.json': specialties,
    'specialists/areas.json': specialistAreas,
    'specialists/procedures.json': specialistProcedures,
    'specialists/context.json': specialistContext,
    'specialists/icd10cm.json': conditionIndex,
    ...STATE_RULE_FILES,
  },
};

let compiled: CompiledRuleSet | undefined;

/**
 * The bundled rule set, each domain compiled on first use (never at import: the package has no side effects),
 * without validating its files again: the test suite validates them (test/engine.ruleSet.test.ts).
 */
export function defaultRuleSet(): CompiledRuleSet {
  compiled ??= compileRuleSet(defaultRuleSetSource, { lazy: true, files: 'trust' });
  return compiled;
}
