import type {
  ClassificationCandidate,
  ClassificationEvidence,
  DenialClassification,
  DenialInput,
} from '../types.js';

/** The store's bound: emptied when full, so memory stays flat whatever the input. */
const LIMIT = 2048;

/** What the store needs of a rule set: when each decision rule is in effect. */
interface DatedRules {
  decisionRules: readonly { effectiveFrom?: string; effectiveTo?: string }[];
}

/**
 * Answers remembered for input with codes and no text. A remittance repeats the same few code sets (CO-45,
 * PR-1, CO-97 with M15…) thousands of times, and with no text the answer is a pure function of the codes as
 * written, the stage, the plan type, the decision rules in effect on the date, and the rule set: computing it
 * once per set (from its second sight) and handing out a copy is what lets a remittance of a hundred thousand
 * lines be classified at close to the speed of a table lookup.
 *
 * The date enters the key only as the period it falls in between the decision rules' effective dates (the
 * rules in effect are all the date changes), so claims from remittances of different days share answers.
 */
export class CodeOnlyAnswers {
  /** The answer for each code set seen twice; null for a set seen once. */
  private readonly answers = new Map<string, DenialClassification | null>();
  /** Each rule's first day in effect, and the day after its last, sorted: the date's period is its rank. */
  private readonly starts: string[];
  private readonly ends: string[];

  constructor(rules: DatedRules) {
    this.starts = rules.decisionRules.flatMap((rule) => rule.effectiveFrom ?? []).sort();
    this.ends = rules.decisionRules.flatMap((rule) => rule.effectiveTo ?? []).sort();
  }

  /**
   * The key of a code-only input, or undefined when the input has text (its answer depends on the words).
   * Fields are joined with NUL, which no valid code, stage or plan type can contain.
   */
  keyOf(input: DenialInput): string | undefined {
    if (input.text !== undefined || !input.codes) return undefined;
    // No date reads only the rules without an end (isInEffect): a period of its own.
    const period = input.asOf === undefined ? '' : this.periodOf(input.asOf);
    return `${input.stage ?? ''}\0${input.planType ?? ''}\0${period}\0${input.codes.join('\0')}`;
  }

  /** A copy of the remembered answer for the key, or undefined when there is none. */
  get(key: string): DenialClassification | undefined {
    const answer = this.answers.get(key);
    return answer ? copyOf(answer) : undefined;
  }

  /**
   * Remembers an answer the second time its code set is seen (a copy: the caller keeps the original). A set
   * seen once costs only its key: where every set is new, keeping answers would double the cost of a call
   * (copies, and the garbage collector moving them), and a set that recurs recurs many times.
   */
  offer(key: string, answer: DenialClassification): void {
    const seen = this.answers.has(key);
    if (!seen && this.answers.size >= LIMIT) this.answers.clear();
    this.answers.set(key, seen ? copyOf(answer) : null);
  }

  /** Rules starting on or before the date, and rules ending before it: together they say which apply. */
  private periodOf(asOf: string): string {
    if (!this.starts.length && !this.ends.length) return '0';
    return `${rank(this.starts, asOf, true)}.${rank(this.ends, asOf, false)}`;
  }
}

/** How many of the sorted dates are before the date (or on it, when `orOn`). */
function rank(sorted: readonly string[], date: string, orOn: boolean): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const value = sorted[middle] as string;
    if (value < date || (orOn && value === date)) low = middle + 1;
    else high = middle;
  }
  return low;
}

const stores = new WeakMap<object, CodeOnlyAnswers>();

/** The remembered answers of a rule set's compiled classification rules. */
export function codeOnlyAnswersOf(rules: DatedRules): CodeOnlyAnswers {
  let answers = stores.get(rules);
  if (!answers) {
    answers = new CodeOnlyAnswers(rules);
    stores.set(rules, answers);
  }
  return answers;
}

/**
 * A copy deep enough that nothing a caller changes reaches the store: every array and object of the
 * answer is new; strings are immutable and the rule-set reference is shared as it is on every answer.
 */
function copyOf(answer: DenialClassification): DenialClassification {
  // Filled by push, not preallocated: a preallocated array is holey, slower for every later reader.
  const evidence: ClassificationEvidence[] = [];
  for (const item of answer.evidence) evidence.push(copyOfEvidence(item));
  const candidates: ClassificationCandidate[] = [];
  for (const { category, score } of answer.candidates) candidates.push({ category, score });
  return {
    category: answer.category,
    disputeKind: answer.disputeKind,
    secondOpinionHelps: answer.secondOpinionHelps,
    externalReviewEligible: answer.externalReviewEligible,
    confidence: answer.confidence,
    candidates,
    evidence,
    ruleIds: answer.ruleIds.slice(),
    warnings: answer.warnings.slice(),
    ruleSet: answer.ruleSet,
  };
}

/**
 * One item of evidence, field by field in the order classify.ts writes them (code, phrase and model items
 * alike: kind, value, ruleId, category, label, status, matched, via), so that the copy prints as the original
 * does. Measured: an object spread here was a third of a remembered answer's cost.
 */
function copyOfEvidence(item: ClassificationEvidence): ClassificationEvidence {
  const copy = { kind: item.kind, value: item.value, ruleId: item.ruleId } as ClassificationEvidence;
  if (item.category !== undefined) copy.category = item.category;
  if (item.label !== undefined) copy.label = item.label;
  copy.status = item.status;
  if (item.matched !== undefined) copy.matched = item.matched;
  if (item.via !== undefined) copy.via = item.via.slice();
  return copy;
}
