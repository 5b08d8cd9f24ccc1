import { addOnce } from '../_lib/addOnce.js';
import type { UsState } from '../computeAppealDeadline/states.js';
import { addDays, daysBetween } from '../dates/arithmetic.js';
import type { CompiledRuleSet } from '../engine/compile.js';
import { evaluateIndexedRules } from '../engine/decisionRules.js';
import type { SpecialistRecommendation } from '../recommendSpecialist/types.js';
import type { SsoDecision } from '../requiresSecondSurgicalOpinion/types.js';
import type { AppealDeadline, AppealLevel, CareStep, DenialClassification, Duration } from '../types.js';
import type { ChecklistFacts, ChecklistParams, ChecklistRule, ChecklistStep } from './ruleData.js';
import type { CaseInput, Checklist, ChecklistItem, Regulator, TEMPLATE_FIELDS } from './types.js';

/** Dated items due within this many days of `asOf` are `due_soon` (as deadlines are). */
const DUE_SOON_DAYS = 14;

/** The answers a checklist is built from. */
export interface CaseParts {
  input: CaseInput;
  /** The state agencies for this plan ({@link regulatorsOf}). */
  regulators: Regulator[];
  classification: DenialClassification;
  deadline: AppealDeadline;
  specialist?: SpecialistRecommendation;
  sso?: SsoDecision;
}

/** What the checklist rules see of a case. Every fact is defined, as json-rules-engine requires. */
export function checklistFacts(parts: CaseParts): ChecklistFacts {
  const { input, classification, deadline, specialist, sso } = parts;
  return {
    category: classification.category,
    disputeKind: classification.disputeKind,
    secondOpinionHelps: classification.secondOpinionHelps,
    externalReviewEligible: classification.externalReviewEligible,
    confidence: classification.confidence,
    planType: input.planType,
    funding: input.funding ?? 'unknown',
    stage: input.denial.stage ?? 'unknown',
    urgent: input.urgent === true,
    state: input.state ?? 'unknown',
    level: deadline.level,
    hasNextLevel: deadline.nextLevels.length > 0,
    hasProcedure: input.procedure !== undefined,
    ssoRequirement: sso?.requirement ?? 'none',
    hasSpecialist: specialist !== undefined,
    deadlinePassed: input.asOf !== undefined && input.asOf > deadline.deadline,
    careSteps: (deadline.careSteps ?? []).map((step) => step.kind),
    hasStateRegulator: parts.regulators.length > 0,
  };
}

/**
 * The state agencies for this plan: the insurance department (and California's DMHC) for the insured and
 * individual plans a state regulates, the Medicaid agency for Medicaid. None for a self-funded plan (the
 * Labor Department), Medicare, FEHB or TRICARE, whose regulators are federal.
 */
export function regulatorsOf(ruleSet: CompiledRuleSet, input: CaseInput): Regulator[] {
  const state = input.state ? ruleSet.states.get(input.state as UsState) : undefined;
  if (!state) return [];
  const medicaid =
    input.planType === 'medicaid_managed_care' || input.planType === 'medicaid_fee_for_service';
  const stateRegulated =
    input.planType === 'individual_market' ||
    ((input.planType === 'employer_erisa' || input.planType === 'employer_non_erisa') &&
      input.funding !== 'self_funded');
  if (!medicaid && !stateRegulated) return [];
  return state.regulators
    .filter((row) => (medicaid ? row.role === 'medicaid' : row.role !== 'medicaid'))
    .map((row) => {
      const regulator: Regulator = {
        role: row.role,
        state: state.state,
        name: row.name,
        url: row.url,
        citation: row.citation,
        sourceUrl: row.sourceUrl,
        ruleId: row.id,
        ruleStatus: row.status,
      };
      if (row.phone) regulator.phone = row.phone;
      if (row.warning) regulator.warning = row.warning;
      return regulator;
    });
}

/** The date rules are picked by: the notice date, as the deadline rules are. */
export function ruleDateOf(input: CaseInput): string | undefined {
  return input.noticeDate ?? input.receivedDate ?? input.asOf;
}

/** Builds the checklist from the fired rules: one item per id (the highest-priority rule wins), ordered. */
export function buildChecklistFrom(
  ruleSet: CompiledRuleSet,
  parts: CaseParts,
  fired: readonly ChecklistRule[],
  warnings: readonly string[],
): Checklist {
  // One winner per item, the first fired; each winner's rank read once, and the handful of winners put in order by
  // insertion (no two share a rank: the item is part of it). A Map of winners, a Map of ranks and a sort with a
  // comparator were a third of building a checklist (profile of analyzeCase, 2026-12-07).
  const ordered: ChecklistRule[] = [];
  const steps: ChecklistStep[] = [];
  let taken = 0;
  for (const rule of fired) {
    const step = stepOf(ruleSet, rule);
    const bit = 1 << step.itemRank;
    if (taken & bit) continue;
    taken |= bit;
    let at = ordered.length;
    ordered.push(rule);
    steps.push(step);
    for (; at > 0 && (steps[at - 1] as ChecklistStep).order > step.order; at--) {
      ordered[at] = ordered[at - 1] as ChecklistRule;
      steps[at] = steps[at - 1] as ChecklistStep;
    }
    ordered[at] = rule;
    steps[at] = step;
  }
  const values = templateValues(parts);
  const items = ordered.map((rule, at) => itemOf(rule, steps[at] as ChecklistStep, parts, values));
  // Each warning once, in order: the case's, then the items', then the regulators'. A case has a handful, long
  // and mostly built for this call: comparing them is cheaper than hashing every character into a Set.
  const unique: string[] = [];
  for (const warning of warnings) addOnce(unique, warning);
  for (const item of items) if (item.warning) addOnce(unique, `“${item.title}”: ${item.warning}`);
  for (const regulator of parts.regulators)
    if (regulator.warning) addOnce(unique, `${regulator.name}: ${regulator.warning}`);
  return {
    items,
    deadline: parts.deadline,
    regulators: parts.regulators,
    warnings: unique,
    ruleSet: ruleSet.ref,
  };
}

/** Runs the compiled checklist rules over a case. */
export function firedChecklistRules(ruleSet: CompiledRuleSet, parts: CaseParts): ChecklistRule[] {
  return evaluateIndexedRules(ruleSet.checklist.index, checklistFacts(parts), ruleDateOf(parts.input));
}

/**
 * What building a rule's item needs, as its rule set worked it out (`ChecklistRules.steps`). Both engines fire the
 * rule set's own rule objects (the reference engine maps its ids back to them), so every fired rule has its step.
 */
function stepOf(ruleSet: CompiledRuleSet, rule: ChecklistRule): ChecklistStep {
  return ruleSet.checklist.steps.get(rule) as ChecklistStep;
}

function itemOf(
  rule: ChecklistRule,
  step: ChecklistStep,
  parts: CaseParts,
  caseValues: Record<string, string>,
): ChecklistItem {
  const { params } = step;
  // An item dated by a care step speaks of that step's date.
  const anchoredStep = params.due && careStepOf(parts.deadline, params.due.anchor);
  const values = anchoredStep ? { ...caseValues, careStepDue: careStepDueText(anchoredStep) } : caseValues;
  // Built field by field in the order a reader sees them: spreading the citation in copied an object per item,
  // a tenth of building a checklist.
  const cited = citationOf(rule, params.citeFrom, parts);
  const item = {
    id: params.item,
    title: fill(step.title, values),
    why: fill(step.why, values),
    priority: params.priority,
    phase: params.phase,
    citation: cited.citation,
  } as ChecklistItem;
  if ('sourceUrl' in cited) item.sourceUrl = cited.sourceUrl;
  item.ruleId = rule.id;
  item.ruleStatus = rule.status;
  if (params.due) {
    const { deadline, input } = parts;
    if (anchoredStep) {
      // A care step's date is the rule's own: never moved to today, even once it has passed.
      if (anchoredStep.dueDate) item.dueDate = addDays(anchoredStep.dueDate, params.due.offsetDays);
    } else {
      const anchor = params.due.anchor === 'deadline' ? deadline.deadline : deadline.clockStart.date;
      const onDeadline = params.due.anchor === 'deadline' && params.due.offsetDays === 0;
      item.dueDate = dueDateOf(addDays(anchor, params.due.offsetDays), onDeadline, deadline, input.asOf);
    }
    if (input.asOf !== undefined && item.dueDate !== undefined) {
      const left = daysBetween(input.asOf, item.dueDate);
      item.status = left < 0 ? 'passed' : left <= DUE_SOON_DAYS ? 'due_soon' : 'open';
    }
  }
  if (params.warning) item.warning = params.warning;
  if (params.sendTo) item.sendTo = params.sendTo;
  if (params.automatic) item.automatic = true;
  // The step's date rests on the care-step rule: its doubt is the item's.
  if (anchoredStep && anchoredStep.ruleStatus !== 'confirmed') {
    item.ruleStatus = anchoredStep.ruleStatus;
    if (anchoredStep.warning) item.warning = anchoredStep.warning;
  }
  return item;
}

/**
 * Keeps a due date inside the appeal: not before the clock started (or before today: a step not yet
 * taken is due now, not in the past) and never after the deadline. Once the deadline has passed, the
 * filing step stays on it (it is what was missed) and every other step is due today, for a late appeal.
 */
function dueDateOf(target: string, onDeadline: boolean, deadline: AppealDeadline, asOf: string | undefined) {
  if (asOf !== undefined && asOf > deadline.deadline) return onDeadline ? deadline.deadline : asOf;
  let earliest = deadline.clockStart.date;
  if (asOf !== undefined && asOf > earliest) earliest = asOf;
  let due = target < earliest ? earliest : target;
  if (due > deadline.deadline) due = deadline.deadline;
  return due;
}

/** The care step an anchor names (`continue_benefits`, `fast_review`), if the deadline has one. */
function careStepOf(deadline: AppealDeadline, anchor: string): CareStep | undefined {
  return deadline.careSteps?.find((step) => step.kind === anchor);
}

function citationOf(
  rule: ChecklistRule,
  citeFrom: ChecklistParams['citeFrom'],
  parts: CaseParts,
): { citation: string; sourceUrl?: string } {
  if (citeFrom === 'continue_benefits' || citeFrom === 'fast_review') {
    const step = careStepOf(parts.deadline, citeFrom);
    if (step) return { citation: step.citation, sourceUrl: step.sourceUrl };
  }
  if (citeFrom === 'regulator' && parts.regulators[0]) {
    return { citation: parts.regulators[0].citation, sourceUrl: parts.regulators[0].sourceUrl };
  }
  switch (citeFrom) {
    case 'deadline':
      return {
        citation: parts.deadline.citation,
        ...(parts.deadline.sourceUrl ? { sourceUrl: parts.deadline.sourceUrl } : {}),
      };
    case 'decisionDue':
      if (parts.deadline.decisionDue) return { citation: parts.deadline.decisionDue.citation };
      break;
    case 'sso':
      if (parts.sso?.citation) return { citation: parts.sso.citation };
      break;
  }
  return { citation: rule.citation, sourceUrl: rule.sourceUrl };
}

const LEVEL_NAMES: Record<AppealLevel, string> = {
  internal_appeal: 'internal appeal',
  external_review: 'external review',
  redetermination: 'redetermination',
  reconsideration: 'reconsideration',
  alj_hearing: 'hearing before an Administrative Law Judge',
  appeals_council: 'Medicare Appeals Council review',
  federal_court: 'federal court review',
  state_fair_hearing: 'state fair hearing',
  opm_review: 'OPM review',
  formal_review: 'formal review',
  hearing: 'hearing',
};

/** A level in words: `alj_hearing` → "hearing before an Administrative Law Judge". */
export function levelName(level: AppealLevel): string {
  return LEVEL_NAMES[level];
}

function durationText({ amount, unit }: Duration<string>): string {
  return `${amount} ${amount === 1 ? unit.replace(/s$/, '') : unit}`;
}

function templateValues(parts: CaseParts): Record<(typeof TEMPLATE_FIELDS)[number], string> {
  const { input, classification, deadline, specialist } = parts;
  const next = deadline.nextLevels[0];
  return {
    deadline: deadline.deadline,
    weekday: deadline.weekday,
    level: levelName(deadline.level),
    window: durationText(deadline.window),
    clockStartDate: deadline.clockStart.date,
    specialty: specialist?.specialty.name ?? 'the field of the denied care',
    board: specialist?.specialty.board ?? 'the specialty board',
    category: classification.category.replaceAll('_', ' '),
    nextLevel: next ? levelName(next) : 'the next level of review',
    procedure: input.procedure ?? 'the procedure',
    state: input.state ?? 'your state',
    decisionDue: deadline.decisionDue ? durationText(deadline.decisionDue) : 'the time the rules allow',
    regulator: regulatorText(parts.regulators, input.planType),
    careStepDue: careStepDueText(deadline.careSteps?.[0]),
  };
}

/** "the Ohio Department of Insurance (https://…, 1-800-…)", each regulator once, or a generic name. */
function regulatorText(regulators: readonly Regulator[], planType: string): string {
  if (!regulators.length)
    return planType.startsWith('medicaid')
      ? "your state's Medicaid agency"
      : "your state's insurance department";
  return regulatorsInWords(regulators);
}

/**
 * The state agencies in one line, each with its web page and phone, as the checklist and the letters name them.
 *
 * @example
 * ```ts
 * regulatorsInWords(checklist.regulators); // 'Texas Department of Insurance (https://www.tdi.texas.gov/, 800-252-3439)'
 * ```
 */
export function regulatorsInWords(regulators: readonly Regulator[]): string {
  return regulators
    .map((regulator) => `${regulator.name} (${[regulator.url, regulator.phone].filter(Boolean).join(', ')})`)
    .join(' or ');
}

/** A care step's due date in words: "noon on 2026-03-14", "2026-03-14", or "the day the care ends". */
function careStepDueText(step: CareStep | undefined): string {
  if (!step?.dueDate) return 'the day the care ends';
  return step.dueBy === 'noon' ? `noon on ${step.dueDate}` : step.dueDate;
}

// buildChecklistFrom marks the items taken in the bits of one 32-bit number: a test holds the list under 32 items
// (test/analyzeCase.test.ts), rather than a check that would throw when the package is imported.

/** Replaces each `{name}` of a template cut into parts (names at odd indexes) with its value (names are checked when the rule set is loaded). */
function fill(parts: readonly string[], values: Record<string, string>): string {
  if (parts.length === 1) return parts[0] as string;
  let out = parts[0] as string;
  for (let at = 1; at < parts.length; at += 2) {
    const name = parts[at] as string;
    out += values[name] ?? `{${name}}`;
    out += parts[at + 1] as string;
  }
  return out;
}
