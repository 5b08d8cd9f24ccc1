import { type ChecklistRules, compileChecklist } from '../buildChecklist/ruleData.js';
import { type ClassificationRules, compileClassification } from '../classifyDenial/ruleData.js';
import { compileDeadlines, type DeadlineRules } from '../computeAppealDeadline/ruleData.js';
import { compileStates, type StateRules } from '../computeAppealDeadline/stateRules.js';
import type { UsState } from '../computeAppealDeadline/states.js';
import { compileSpecialists, type SpecialistRules } from '../recommendSpecialist/ruleData.js';
import { compileSso, type SsoRules } from '../requiresSecondSurgicalOpinion/ruleData.js';
import type { RuleSetRef } from '../types.js';
import {
  type FileCheck,
  fileOf,
  IssueCollector,
  parseManifest,
  type RuleSetManifest,
  type RuleSetSource,
  ruleSetRef,
} from './ruleSet.js';

/** A rule set validated and compiled once: every domain indexed, every rule a closure. */
export interface CompiledRuleSet {
  ref: RuleSetRef;
  classification: ClassificationRules;
  checklist: ChecklistRules;
  deadlines: DeadlineRules;
  /** Each jurisdiction's rules and regulators, by USPS code. */
  states: ReadonlyMap<UsState, StateRules>;
  sso: SsoRules;
  specialists: SpecialistRules;
}

type Domains = Omit<CompiledRuleSet, 'ref'>;

/**
 * A rule set with only some domains: what a function needs (`RuleSetWith<'classification'>`), so the bundled
 * one can hand it that domain alone.
 */
export type RuleSetWith<Domain extends keyof Domains> = Pick<CompiledRuleSet, 'ref' | Domain>;
type DomainCompilers = {
  [Name in keyof Domains]: (
    manifest: RuleSetManifest,
    read: (path: string) => unknown,
    collector: IssueCollector,
  ) => Domains[Name] | undefined;
};

const COMPILERS: DomainCompilers = {
  classification: (manifest, read, collector) =>
    compileClassification(manifest.domains.classification, read, collector),
  checklist: (manifest, read, collector) => compileChecklist(manifest.domains.checklist, read, collector),
  deadlines: (manifest, read, collector) => compileDeadlines(manifest.domains.deadlines, read, collector),
  states: (manifest, read, collector) =>
    compileStates(manifest.domains.states as Record<string, string>, read, collector),
  sso: (manifest, read, collector) => compileSso(manifest.domains.sso, read, collector),
  specialists: (manifest, read, collector) =>
    compileSpecialists(manifest.domains.specialists, read, collector),
};

/**
 * Validates a rule-set source and compiles it. Throws `OverturnError('INVALID_RULE_SET')` listing every
 * problem found, each with its file, rule id and path. Nothing is cached by object identity: an analyst
 * may edit a source and compile it again. `files` says how the domains' files are checked ({@link FileCheck}):
 * `prove` is the test suite's check that the bundled files may be trusted (src/_lib/defaultRuleSet.ts compiles
 * the bundled set domain by domain, unvalidated, only because of it).
 */
export function compileRuleSet(source: RuleSetSource, options: { files?: FileCheck } = {}): CompiledRuleSet {
  const collector = new IssueCollector();
  const manifest = parseManifest(source, collector);
  collector.throwIfAny();
  if (!manifest) throw new Error('unreachable: manifest validated');
  const read = (path: string) => fileOf(source, path);
  const domains: Partial<Domains> = {};
  const domainIssues = new IssueCollector(options.files);
  for (const name of Object.keys(COMPILERS) as (keyof Domains)[])
    (domains as Record<string, unknown>)[name] = COMPILERS[name](manifest, read, domainIssues);
  domainIssues.throwIfAny();
  return { ref: ruleSetRef(manifest), ...(domains as Domains) };
}
