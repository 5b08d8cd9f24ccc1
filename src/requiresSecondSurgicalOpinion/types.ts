import type { PlanType, RuleSetRef, RuleStatus } from '../types.js';

/**
 * The answers {@link requiresSecondSurgicalOpinion} can give (closed set).
 *
 * @example
 * ```ts
 * import { SSO_REQUIREMENTS } from 'overturn';
 *
 * SSO_REQUIREMENTS.includes('plan_dependent'); // true
 * ```
 */
export const SSO_REQUIREMENTS = ['required', 'not_required', 'plan_dependent'] as const;

/**
 * Whether a second surgical opinion is needed before the surgery: `required` (a program or the plan's list
 * names the procedure), `not_required` (the rule that governs says no, or no requirement is stated), or
 * `plan_dependent` (it cannot be settled from the input: the plan's documents, a list that is not in the
 * rule set, or a procedure described too broadly decide it; the warnings say which).
 *
 * @example
 * ```ts
 * import type { SsoRequirement } from 'overturn';
 *
 * const needsAction = (requirement: SsoRequirement) => requirement !== 'not_required';
 * ```
 */
export type SsoRequirement = (typeof SSO_REQUIREMENTS)[number];

/**
 * What to decide a second-surgical-opinion requirement for.
 *
 * @example
 * ```ts
 * import type { SsoInput } from 'overturn';
 *
 * const input: SsoInput = {
 *   procedure: 'Total knee arthroplasty',
 *   planType: 'employer_erisa',
 *   state: 'NY',
 *   planSsoProcedures: ['Knee replacement', '27130'],
 * };
 * ```
 */
export interface SsoInput {
  /**
   * The surgery, by name (`total knee arthroplasty`, any case and punctuation) or by a bare HCPCS/CPT code
   * (`27447`, `J1234`). A code is matched only against code lists, never against names.
   */
  procedure: string;
  /** The kind of coverage. */
  planType: PlanType;
  /** USPS state code (`NC`), for state Medicaid programs and state coverage mandates. */
  state?: string;
  /**
   * The procedures the plan's documents (or, for Medicaid, the state's list) say need a second opinion:
   * names, matched by whole words and known synonyms, or bare codes.
   */
  planSsoProcedures?: string[];
  /** The surgery is urgent or an emergency: the requirements cover elective surgery. */
  urgent?: boolean;
  /** Date (`YYYY-MM-DD`) used to pick rules by their effective dates; without it, the rules now in force. */
  asOf?: string;
}

/**
 * Why a requirement does not apply to urgent or emergency surgery.
 *
 * @example
 * ```ts
 * import type { SsoExemption } from 'overturn';
 *
 * // New Jersey Medicaid states its exemption and its condition:
 * const exemption: SsoExemption = {
 *   reason: 'urgent_or_emergency',
 *   condition: 'Urgent or emergency surgery is exempt if it is certified as such.',
 *   citation: 'N.J.A.C. 10:54-5.40',
 * };
 * ```
 */
export interface SsoExemption {
  reason: 'urgent_or_emergency';
  /** What the rule asks for the exemption to hold (such as certification), when it says. */
  condition?: string;
  /** The rule that states the exemption; absent when no rule in the set states one (a warning says so). */
  citation?: string;
}

/**
 * Whether a second surgical opinion is needed, with the rule behind the answer.
 *
 * @example
 * ```ts
 * import { requiresSecondSurgicalOpinion, type SsoDecision } from 'overturn';
 *
 * const decision: SsoDecision = requiresSecondSurgicalOpinion({ procedure: 'CABG', planType: 'medicaid_fee_for_service', state: 'NC' });
 * decision.requirement;      // 'required'
 * decision.matchedProcedure; // 'coronary bypass'
 * ```
 */
export interface SsoDecision {
  requirement: SsoRequirement;
  /** The answer in one or two plain sentences. */
  reason: string;
  /** Whether and how the second opinion itself is paid for, with citations, where a rule says. */
  coverage?: string;
  /** What happens when a required opinion is skipped, only where a confirmed rule states it. */
  penalty?: string;
  /** The rule behind the requirement. */
  citation?: string;
  sourceUrl?: string;
  /** How sure the rule behind the answer is; anything but `confirmed` comes with a warning. */
  ruleStatus: RuleStatus;
  /** The list entry (a name or code, as the list gives it) that the procedure matched. */
  matchedProcedure?: string;
  /** Set when urgency turned a requirement into `not_required`. */
  exemption?: SsoExemption;
  /** Plain-language cautions: unconfirmed rules, lists not in the rule set, ambiguous procedures, … */
  warnings: string[];
  /** Ids of the rule rows behind the answer (requirement first, then coverage and cautions). */
  ruleIds: string[];
  ruleSet: RuleSetRef;
}
