import { eachOnce } from '../_lib/addOnce.js';
import type { RuleSetWith } from '../engine/compile.js';
import { isInEffect } from '../engine/provenance.js';
import type { RuleStatus } from '../types.js';
import {
  buildList,
  type ListMatch,
  matchList,
  type ProcedureFacts,
  readEntry,
  readProcedure,
  termKey,
} from './procedures.js';
import type { CompiledProgram, SsoRules } from './ruleData.js';
import type { SsoDecision, SsoExemption, SsoInput, SsoRequirement } from './types.js';

/** One source's answer; the strongest wins (required, then plan_dependent, then not_required). */
interface Finding {
  requirement: SsoRequirement;
  reason: string;
  citation: string;
  sourceUrl?: string;
  status: RuleStatus;
  ruleIds: string[];
  warnings: string[];
  penalty?: string;
  matchedProcedure?: string;
  /** The rule's own statement of the urgent-surgery exemption. */
  urgentExemption?: string;
}

const RANK: Record<SsoRequirement, number> = { not_required: 0, plan_dependent: 1, required: 2 };

/**
 * Decides the second-surgical-opinion requirement for a validated input.
 *
 * @example
 * ```ts
 * decideSso(defaultRuleSet(), { procedure: 'hysterectomy', planType: 'fehb' }).requirement; // 'plan_dependent'
 * ```
 */
export function decideSso(ruleSet: RuleSetWith<'sso'>, input: SsoInput): SsoDecision {
  const rules = ruleSet.sso;
  const facts = readProcedure(rules.vocabulary, input.procedure);
  const notes: string[] = [];

  // The caller's list: the plan's own (or, for Medicaid, the state's) list of procedures.
  let planMatch: ListMatch | undefined;
  if (input.planSsoProcedures !== undefined) {
    if (input.planType === 'medicare_original') {
      notes.push('Original Medicare has no plan list of its own: planSsoProcedures was not used.');
    } else {
      const entries = input.planSsoProcedures.map((entry) => readEntry(rules.vocabulary, entry));
      planMatch = matchList(rules.vocabulary, facts, buildList(entries));
    }
  }

  const programs = rules.programs.filter(
    ({ row }) => row.planTypes.includes(input.planType) && isInEffect(row, input.asOf),
  );
  const findings: Finding[] = [];
  for (const program of programs) {
    if (program.row.state !== undefined && program.row.state !== input.state) continue;
    const finding = programFinding(program, facts, planMatch, rules);
    if (finding) findings.push(finding);
  }
  if (planMatch) findings.push(planListFinding(rules, facts, planMatch));
  if (findings.length === 0) {
    const row = rules.defaults.get(input.planType);
    if (!row) throw new Error(`unreachable: every plan type has a default row (${input.planType})`);
    findings.push({
      requirement: row.requirement,
      reason: row.reason,
      citation: row.citation,
      sourceUrl: row.sourceUrl,
      status: row.status,
      ruleIds: [row.id],
      warnings: row.warning ? [row.warning] : [],
    });
  }

  const top = Math.max(...findings.map((finding) => RANK[finding.requirement]));
  const deciding = findings.filter((finding) => RANK[finding.requirement] === top);
  const primary = deciding[0] as Finding;
  let requirement = primary.requirement;
  let reason = primary.reason;
  let status = primary.status;
  let penalty = primary.penalty;
  // Copied by loops: two flatMaps were a third of a decision's own time (profile of analyzeCase, 2026-12-07).
  const warnings: string[] = [];
  const ruleIds: string[] = [];
  for (const finding of deciding) {
    for (const warning of finding.warnings) warnings.push(warning);
    for (const id of finding.ruleIds) ruleIds.push(id);
  }

  let exemption: SsoExemption | undefined;
  if (input.urgent === true && requirement !== 'not_required') {
    exemption = { reason: 'urgent_or_emergency' };
    if (primary.urgentExemption) {
      exemption.condition = primary.urgentExemption;
      exemption.citation = primary.citation;
      reason = sentence(primary.urgentExemption, primary.citation);
    } else {
      penalty = undefined;
      status = 'unconfirmed';
      reason =
        'Urgent or emergency surgery: second-surgical-opinion requirements are for elective surgery, so none is needed.';
      warnings.push(
        `No rule in this rule set states an urgent-surgery exemption for this requirement (${primary.citation}). Requirements of this kind cover elective surgery, but have the surgeon record why the surgery is urgent, and check the plan's documents or the program's rule.`,
      );
    }
    requirement = 'not_required';
  }

  // Coverage of the opinion itself, cautions, and what the input left open.
  const coverage = rules.coverage.filter(
    (row) =>
      row.planTypes.includes(input.planType) &&
      (row.state === undefined || row.state === input.state) &&
      isInEffect(row, input.asOf),
  );
  for (const row of coverage) if (row.warning) warnings.push(row.warning);
  ruleIds.push(...coverage.map((row) => row.id));
  if (requirement !== 'not_required') {
    for (const row of rules.cautions) {
      if (row.planTypes.includes(input.planType) && isInEffect(row, input.asOf)) {
        warnings.push(row.warning);
        ruleIds.push(row.id);
      }
    }
  }
  if (input.state === undefined) {
    const stateRules = [
      ...new Set(
        programs
          .filter(({ row }) => row.state !== undefined && row.requirement === 'required')
          .map(({ row }) => `${row.name} (${row.citation})`),
      ),
    ];
    if (stateRules.length) {
      warnings.push(
        `State programs could not be checked because no state was given: ${stateRules.join(', ')} require a second opinion for listed procedures. Give \`state\` to check them.`,
      );
    }
  }
  if (facts.codeInName) {
    warnings.push(
      `"${facts.text}" contains what looks like a procedure code (${facts.codeInName}); a code is matched against code lists only when it is given alone as the procedure.`,
    );
  }
  warnings.push(...notes);

  const decision: SsoDecision = {
    requirement,
    reason,
    citation: primary.citation,
    ruleStatus: status,
    warnings: eachOnce(warnings),
    ruleIds: eachOnce(ruleIds),
    ruleSet: ruleSet.ref,
  };
  if (coverage.length)
    decision.coverage = coverage.map((row) => sentence(row.coverage, row.citation)).join(' ');
  if (penalty) decision.penalty = penalty;
  if (primary.sourceUrl) decision.sourceUrl = primary.sourceUrl;
  if (primary.matchedProcedure) decision.matchedProcedure = primary.matchedProcedure;
  if (exemption) decision.exemption = exemption;
  return decision;
}

/** What a program says about the procedure, or undefined when it leaves it to the plan's own rules. */
function programFinding(
  program: CompiledProgram,
  facts: ProcedureFacts,
  planMatch: ListMatch | undefined,
  rules: SsoRules,
): Finding | undefined {
  const { row, list } = program;
  const base = {
    citation: row.citation,
    sourceUrl: row.sourceUrl,
    status: row.status,
    ruleIds: [row.id, ...(list ? [list.row.id] : [])],
    warnings: row.warning ? [row.warning] : [],
    ...(row.urgentExemption ? { urgentExemption: row.urgentExemption } : {}),
  };
  if (!list) {
    return { ...base, requirement: row.requirement, reason: row.reason ?? row.citation };
  }
  const listCitation = list.row.citation;
  const required = (entry: string, extra: Partial<Finding> = {}): Finding => ({
    ...base,
    requirement: 'required',
    reason: `${row.name} requires a second surgical opinion before ${entry} (${row.citation}).`,
    matchedProcedure: entry,
    ...(row.penalty ? { penalty: row.penalty } : {}),
    ...extra,
  });
  const match = matchList(rules.vocabulary, facts, list.procedures);
  if (match.kind === 'match') {
    return required(match.entry, { warnings: [...base.warnings, ...synonymWarning(facts, match.entry)] });
  }
  if (match.kind === 'possible') {
    return {
      ...base,
      requirement: 'plan_dependent',
      reason: `${row.name} requires a second surgical opinion before ${match.entry} (${row.citation}); "${facts.text}" does not say whether it is that procedure.`,
      warnings: [...base.warnings, possibleWarning(facts, match, `the list of ${listCitation}`)],
    };
  }
  if (!list.row.complete) {
    // The program's list is not (all) in the rule set: the caller's list stands in for it.
    if (planMatch?.kind === 'match') {
      return required(planMatch.entry, {
        ruleIds: [...base.ruleIds, rules.planList.id],
        warnings: [
          ...base.warnings,
          `"${planMatch.entry}" was found on the list given as planSsoProcedures, taken as ${row.name}'s list (${listCitation}).`,
        ],
      });
    }
  } else if (match.kind === 'cannot_compare') {
    return {
      ...base,
      requirement: 'plan_dependent',
      reason: `${row.name} requires a second surgical opinion before the procedures ${listCitation} lists; a ${match.listedBy === 'name' ? 'code' : 'name'} cannot be checked against that list.`,
      warnings: [...base.warnings, cannotCompareWarning(match.listedBy, listCitation)],
    };
  }
  switch (row.whenNotListed) {
    case 'not_required':
      return {
        ...base,
        requirement: 'not_required',
        reason: `"${facts.text}" is not among the procedures ${listCitation} lists for ${row.name}'s second surgical opinion program.`,
      };
    case 'plan_dependent':
      return {
        ...base,
        requirement: 'plan_dependent',
        reason: `${row.name} requires a second surgical opinion before the procedures listed in ${listCitation}, a list this rule set does not hold.`,
        warnings: [...base.warnings, (row.notListedWarning ?? '').replaceAll('{procedure}', facts.text)],
      };
    default:
      return undefined;
  }
}

/** What the caller's list says about the procedure. */
function planListFinding(rules: SsoRules, facts: ProcedureFacts, match: ListMatch): Finding {
  const row = rules.planList;
  const base = {
    citation: row.citation,
    ...(row.sourceUrl ? { sourceUrl: row.sourceUrl } : {}),
    status: row.status,
    ruleIds: [row.id],
    warnings: row.warning ? [row.warning] : [],
  };
  switch (match.kind) {
    case 'match':
      return {
        ...base,
        requirement: 'required',
        reason: `The plan's list names "${match.entry}": a second surgical opinion is needed before this surgery.`,
        matchedProcedure: match.entry,
        warnings: [...base.warnings, ...synonymWarning(facts, match.entry)],
      };
    case 'possible':
      return {
        ...base,
        requirement: 'plan_dependent',
        reason: `The plan's list names "${match.entry}"; "${facts.text}" does not say whether it is that procedure.`,
        warnings: [...base.warnings, possibleWarning(facts, match, "the plan's list")],
      };
    case 'cannot_compare':
      return {
        ...base,
        requirement: 'plan_dependent',
        reason: `The plan's list cannot be checked for a ${match.listedBy === 'name' ? 'code' : 'name'}.`,
        warnings: [...base.warnings, cannotCompareWarning(match.listedBy, "the plan's list")],
      };
    default:
      return {
        ...base,
        requirement: 'not_required',
        reason: `"${facts.text}" is not on the plan's list as given.`,
        warnings: [
          ...base.warnings,
          `"${facts.text}" was checked against the plan's list by whole words and known synonyms; if the plan's document words the procedure differently, check it there.`,
        ],
      };
  }
}

/**
 * The vocabulary's synonyms are the project's own reading (unconfirmed): when a name matched a list entry
 * through them rather than by the entry's own words, say so.
 */
function synonymWarning(facts: ProcedureFacts, entry: string): string[] {
  if (facts.code || termKey(facts.text).includes(termKey(entry))) return [];
  return [
    `"${facts.text}" was matched to the listed "${entry}" through overturn's own synonym list, not the list's wording; confirm with the program or plan that it counts.`,
  ];
}

function possibleWarning(
  facts: ProcedureFacts,
  match: Extract<ListMatch, { kind: 'possible' }>,
  where: string,
): string {
  return match.why === 'broader'
    ? `"${facts.text}" is broader than "${match.entry}", on ${where}: if the surgery is the listed "${match.entry}", a second opinion is required. Describe the procedure more exactly to settle it.`
    : `"${facts.text}" may be what "${match.entry}", on ${where}, means: check the entry's wording.`;
}

function cannotCompareWarning(listedBy: 'name' | 'code', where: string): string {
  const subject = where.charAt(0).toUpperCase() + where.slice(1);
  return listedBy === 'name'
    ? `${subject} names procedures, and a code is matched only against codes (no code-to-name table is shipped): give the procedure's name to check it.`
    : `${subject} gives procedures by billing code: give the procedure's HCPCS/CPT code to check it.`;
}

/** A statement and its citation as one sentence: `Text (citation).` */
function sentence(text: string, citation: string): string {
  return `${text.replace(/[.\s]+$/, '')} (${citation}).`;
}
