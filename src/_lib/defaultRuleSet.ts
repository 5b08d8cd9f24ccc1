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
import { type ChecklistRules, compileChecklist } from '../buildChecklist/ruleData.js';
import { type ClassificationRules, type CodeRow, compileClassification } from '../classifyDenial/ruleData.js';
import { compileDeadlines, type DeadlineRules } from '../computeAppealDeadline/ruleData.js';
import { compileStates, type StateRules } from '../computeAppealDeadline/stateRules.js';
import type { UsState } from '../computeAppealDeadline/states.js';
import type { CompiledRuleSet } from '../engine/compile.js';
import type { PhraseAutomatonParts } from '../engine/phraseMatcher.js';
import { IssueCollector, type RuleSetManifest, type RuleSetSource } from '../engine/ruleSet.js';
import { compileSpecialists, type SpecialistRules } from '../recommendSpecialist/ruleData.js';
import { compileSso, type SsoRules } from '../requiresSecondSurgicalOpinion/ruleData.js';
import type { RuleSetRef } from '../types.js';
import { BUNDLED_PHRASE_AUTOMATON } from './bundledPhraseAutomaton.js';
import { bundledFiles, LazyJson, LazyRowMap, readBundled } from './lazyJson.js';
import { STATE_RULE_FILES } from './stateRuleFiles.js';
import { WholeOnDemandMap } from './wholeOnDemandMap.js';

/*
 * Each domain's files apart, and each domain compiled by its own function: a bundler then keeps only the data a
 * caller reaches (a page that computes deadlines does not download the classifier's phrases and model). In the
 * package the rule files are bundled as pure `LazyJson` texts (tsup.config.ts), so an unused one can be dropped
 * and none is parsed before a call needs its domain; `readBundled` gives a file's value either way.
 */
const CLASSIFICATION_FILES = {
  'classification/carc.json': carc,
  'classification/rarc.json': rarc,
  'classification/phrases.json': phrases,
  'classification/decisions.json': decisions,
  'classification/abbreviations.json': abbreviations,
  'classification/model.json': textModel,
};
const CHECKLIST_FILES = { 'checklist/items.json': checklistItems };
const DEADLINE_FILES = {
  'deadlines/windows.json': windows,
  'deadlines/decisions.json': deadlineDecisions,
  'deadlines/thresholds.json': thresholds,
  'deadlines/care-steps.json': careSteps,
};
const SSO_FILES = { 'sso/programs.json': ssoPrograms, 'sso/procedures.json': ssoProcedures };
const SPECIALIST_FILES = {
  'specialists/specialties.json': specialties,
  'specialists/areas.json': specialistAreas,
  'specialists/procedures.json': specialistProcedures,
  'specialists/context.json': specialistContext,
  'specialists/icd10cm.json': conditionIndex,
};

/**
 * The rule set bundled with the package (the `rules/` folder), as a source. Read it, or copy it
 * (`structuredClone`) to edit: the bundled functions compile it without validating it again, so an edit made to
 * this object itself before their first call would go unchecked.
 */
export const defaultRuleSetSource: RuleSetSource = {
  manifest,
  // Marked pure: a bundler cannot tell that spreading these objects has no side effect, and would keep every file.
  files: /* @__PURE__ */ bundledFiles(
    CLASSIFICATION_FILES,
    CHECKLIST_FILES,
    DEADLINE_FILES,
    SSO_FILES,
    SPECIALIST_FILES,
    STATE_RULE_FILES,
  ),
};

/** The bundled manifest: validated by the test suite (test/engine.ruleSet.test.ts), so read as it is. */
const MANIFEST = manifest as RuleSetManifest;

/** The reference every answer of the bundled rule set carries. */
export const DEFAULT_RULE_SET_REF: RuleSetRef = { id: manifest.id, version: manifest.version };

/**
 * Compiles one domain of the bundled rule set from its files, without validating them again: the test suite
 * validates every bundled file and proves it unchanged by its schema (`trust`; validating them again was 60 % of
 * a first call).
 */
function compileTrusted<Rules>(
  files: Readonly<Record<string, unknown>>,
  compile: (read: (path: string) => unknown, issues: IssueCollector) => Rules | undefined,
): Rules {
  const issues = new IssueCollector('trust');
  const compiled = compile(
    (path) => (Object.hasOwn(files, path) ? readBundled(files[path]) : undefined),
    issues,
  );
  issues.throwIfAny();
  return compiled as Rules;
}

let classification: ClassificationRules | undefined;
let checklist: ChecklistRules | undefined;
let deadlines: DeadlineRules | undefined;
let states: ReadonlyMap<UsState, StateRules> | undefined;
let sso: SsoRules | undefined;
let specialists: SpecialistRules | undefined;

/**
 * The bundled CARC and RARC tables read row by row, when the build indexed their rows and no one has parsed them
 * whole yet: parsing and mapping their 1,300 rows was a first call's cost, for the one or two codes it reads.
 */
function bundledCodeTables():
  | { carc: ReadonlyMap<string, CodeRow>; rarc: ReadonlyMap<string, CodeRow> }
  | undefined {
  if (!(carc instanceof LazyJson && carc.readsRows && rarc instanceof LazyJson && rarc.readsRows))
    return undefined;
  const byCode = (row: CodeRow) => row.code;
  return { carc: new LazyRowMap(carc, byCode), rarc: new LazyRowMap(rarc, byCode) };
}

/** The bundled classification rules, compiled on first use. */
export function defaultClassification(): ClassificationRules {
  classification ??= compileTrusted(CLASSIFICATION_FILES, (read, issues) =>
    compileClassification(
      MANIFEST.domains.classification,
      read,
      issues,
      // Parsed on the first text, with the phrase rows: a first code-only call does not parse its 250 KB.
      () => readBundled(BUNDLED_PHRASE_AUTOMATON) as PhraseAutomatonParts | undefined,
      bundledCodeTables(),
    ),
  );
  return classification;
}

/** The bundled checklist rules, compiled on first use. */
export function defaultChecklist(): ChecklistRules {
  checklist ??= compileTrusted(CHECKLIST_FILES, (read, issues) =>
    compileChecklist(MANIFEST.domains.checklist, read, issues),
  );
  return checklist;
}

/** The bundled federal and program deadline rules, compiled on first use. */
export function defaultDeadlines(): DeadlineRules {
  deadlines ??= compileTrusted(DEADLINE_FILES, (read, issues) =>
    compileDeadlines(MANIFEST.domains.deadlines, read, issues),
  );
  return deadlines;
}

/**
 * The bundled states' rules, each state's file parsed and compiled the first time it is asked for: a case names
 * one state, and parsing all 51 files (330 KB) was about 1.5 ms of a first analyzeCase's 44. Going through every
 * state (the floor for a case whose state's rule is unknown) compiles the rest then.
 */
export class BundledStates extends WholeOnDemandMap<UsState, StateRules> {
  private compiled = new Map<UsState, StateRules>();
  private complete = false;
  private readonly paths = MANIFEST.domains.states as Record<string, string>;

  get(state: UsState): StateRules | undefined {
    const known = this.compiled.get(state);
    if (known || this.complete || !Object.hasOwn(this.paths, state)) return known;
    const one = compileTrusted(STATE_RULE_FILES, (read, issues) =>
      compileStates({ [state]: this.paths[state] as string }, read, issues),
    ).get(state);
    if (one) this.compiled.set(state, one);
    return one;
  }

  /** Every state, in the manifest's order. */
  protected all(): Map<UsState, StateRules> {
    if (!this.complete) {
      const all = compileTrusted(STATE_RULE_FILES, (read, issues) => compileStates(this.paths, read, issues));
      // The states already handed out keep their objects (setting a key keeps its place in the order).
      for (const [state, rules] of this.compiled) all.set(state, rules);
      this.compiled = all;
      this.complete = true;
    }
    return this.compiled;
  }
}

/** The bundled rules of each state, each compiled on first use. */
export function defaultStates(): ReadonlyMap<UsState, StateRules> {
  states ??= new BundledStates();
  return states;
}

/** The bundled second-surgical-opinion rules, compiled on first use. */
export function defaultSso(): SsoRules {
  sso ??= compileTrusted(SSO_FILES, (read, issues) => compileSso(MANIFEST.domains.sso, read, issues));
  return sso;
}

/** The bundled specialist tables, compiled on first use. */
export function defaultSpecialists(): SpecialistRules {
  specialists ??= compileTrusted(SPECIALIST_FILES, (read, issues) =>
    compileSpecialists(MANIFEST.domains.specialists, read, issues),
  );
  return specialists;
}

let compiled: CompiledRuleSet | undefined;

/**
 * The whole bundled rule set, each domain compiled on first use (never at import: the package has no side
 * effects). A function that needs one domain takes it alone ({@link defaultClassification} and the others), so
 * it neither compiles nor bundles the rest; this object shares their compiled domains.
 */
export function defaultRuleSet(): CompiledRuleSet {
  compiled ??= {
    ref: DEFAULT_RULE_SET_REF,
    get classification() {
      return defaultClassification();
    },
    get checklist() {
      return defaultChecklist();
    },
    get deadlines() {
      return defaultDeadlines();
    },
    get states() {
      return defaultStates();
    },
    get sso() {
      return defaultSso();
    },
    get specialists() {
      return defaultSpecialists();
    },
  };
  return compiled;
}
