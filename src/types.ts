/**
 * The public contract of overturn: the closed enums and the shapes of inputs and results.
 * Names here follow `DESIGN.md`; fields may be added, never renamed.
 * @module
 */

/** Every denial category overturn can return (closed set). */
export const DENIAL_CATEGORIES = [
  'medical_necessity',
  'experimental_investigational',
  'level_of_care',
  'diagnosis_dispute',
  'frequency_limit',
  'formulary_or_step_therapy',
  'prior_authorization',
  'referral_missing',
  'out_of_network',
  'provider_ineligible',
  'duplicate_or_bundled',
  'coding_error',
  'missing_information',
  'non_covered_service',
  'benefit_limit',
  'eligibility',
  'timely_filing',
  'coordination_of_benefits',
  'unknown',
] as const;

/** A denial category. Clinical ones turn on medical judgment; the rest are administrative. */
export type DenialCategory = (typeof DENIAL_CATEGORIES)[number];

/** The categories whose dispute turns on medical judgment, where a specialist's opinion can help. */
export const CLINICAL_CATEGORIES = [
  'medical_necessity',
  'experimental_investigational',
  'level_of_care',
  'diagnosis_dispute',
  'frequency_limit',
  'formulary_or_step_therapy',
] as const satisfies readonly DenialCategory[];

/** The kinds of US coverage overturn knows (closed set). */
export const PLAN_TYPES = [
  'employer_erisa',
  'employer_non_erisa',
  'individual_market',
  'medicare_original',
  'medicare_advantage',
  'medicare_part_d',
  'medicaid_managed_care',
  'medicaid_fee_for_service',
  'fehb',
  'tricare',
  'disability_erisa',
  'erisa_other_benefit',
] as const;

/** A kind of US coverage. */
export type PlanType = (typeof PLAN_TYPES)[number];

/** Where in the care process the denial happened. */
export const DENIAL_STAGES = ['prior_authorization', 'claim', 'concurrent_review'] as const;

/** Where in the care process the denial happened. */
export type DenialStage = (typeof DENIAL_STAGES)[number];

/** Whether a denial turns on medical judgment (`clinical`) or on facts to fix (`administrative`). */
export type DisputeKind = 'clinical' | 'administrative';

/** How sure a classification is. */
export type Confidence = 'high' | 'medium' | 'low';

/** Whether a rule is backed by its primary source. */
export type RuleStatus = 'confirmed' | 'unconfirmed' | 'conflict';

/** Names the rule set an answer came from. */
export interface RuleSetRef {
  id: string;
  version: string;
}

/** A denial as found on an EOB, an 835 remittance or a letter. */
export interface DenialInput {
  /** CARC/RARC codes as printed: `CO-50`, `CO50`, `co 50`, `50`, `PR-204`, `N115`, `MA130`. */
  codes?: string[];
  /** The denial letter or EOB reason text, any case and punctuation (up to 100,000 characters). */
  text?: string;
  /** Where in the care process the denial happened. */
  stage?: DenialStage;
  /** The kind of coverage. */
  planType?: PlanType;
  /** Date (`YYYY-MM-DD`) used to pick rules by their effective dates; usually the notice date. */
  asOf?: string;
}

/** One piece of evidence behind a classification. */
export interface ClassificationEvidence {
  /**
   * A code from the input (given in `codes`, or quoted in the text: "denial code CO-50"), a phrase found in the
   * text, or a term the text model weighed most toward the answer.
   */
  kind: 'code' | 'phrase' | 'model';
  /**
   * The normalised code (`CO-50`, `N115`), the phrase as listed in the rule set (the letter's own words
   * for a proximity pattern), or the letter's words behind a model term.
   */
  value: string;
  /**
   * For a phrase: the letter's own words that matched, when they differ from `value`. For a code quoted in the
   * text: the text's words for it ("denial code co 29"); absent for a code given in `codes`.
   */
  matched?: string;
  /** For a phrase: the shorthand read inside the match (`COV TERM → coverage terminated`). */
  via?: string[];
  /** The id of the table row or rule that recognised it. */
  ruleId: string;
  /** The category this evidence points to (absent for signals such as "criteria cited"). */
  category?: DenialCategory;
  /** Our short plain-language label of the code (never X12's text). */
  label?: string;
  /** The rule's status; evidence from unconfirmed rules lowers confidence. */
  status: RuleStatus;
}

/** One category considered, with its score. */
export interface ClassificationCandidate {
  category: DenialCategory;
  score: number;
}

/** The classification of a denial. */
export interface DenialClassification {
  category: DenialCategory;
  disputeKind: DisputeKind;
  /** True when an independent specialist's opinion can change the outcome. */
  secondOpinionHelps: boolean;
  /** True when the denial is of a kind 45 CFR 147.136(d)(1)(i) opens to federal external review (medical judgment; rescission). */
  externalReviewEligible: boolean;
  confidence: Confidence;
  /** Every category with a positive score, best first. */
  candidates: ClassificationCandidate[];
  /** The codes and phrases behind the answer. */
  evidence: ClassificationEvidence[];
  /** Ids of the decision rules that fired. */
  ruleIds: string[];
  /** Plain-language cautions (unknown codes, unconfirmed signals, no appeal rights, …). */
  warnings: string[];
  ruleSet: RuleSetRef;
}

/** Appeal levels (closed set). */
export const APPEAL_LEVELS = [
  'internal_appeal',
  'external_review',
  'redetermination',
  'reconsideration',
  'alj_hearing',
  'appeals_council',
  'federal_court',
  'state_fair_hearing',
  'opm_review',
  'formal_review',
  'hearing',
] as const;

/** An appeal level. */
export type AppealLevel = (typeof APPEAL_LEVELS)[number];

/** A span of time, as a rule states it. */
export interface Duration<Unit extends string = 'days' | 'months'> {
  amount: number;
  unit: Unit;
}

/** Care that a notice ends: a hospital discharge, or services that stop or are reduced (closed set). */
export const CARE_ENDING = ['hospital_discharge', 'services_ending'] as const;

/** Care that a notice ends. */
export type CareEnding = (typeof CARE_ENDING)[number];

/**
 * A deadline that runs beside the appeal and keeps care going: asking to keep Medicaid benefits during the
 * appeal (`continue_benefits`), or Medicare's fast review before a discharge or the end of services
 * (`fast_review`). Often days, not weeks, and lost more often than the appeal itself.
 */
export interface CareStep {
  kind: 'continue_benefits' | 'fast_review';
  /** The last day (`YYYY-MM-DD`); absent when it is the day the care ends and that date was not given. */
  dueDate?: string;
  /** The hour the request must be in by on that day. */
  dueBy: 'noon' | 'end_of_day';
  title: string;
  /** What to do and the rule, in plain words. */
  text: string;
  citation: string;
  sourceUrl: string;
  ruleId: string;
  ruleStatus: RuleStatus;
  warning?: string;
}

/** What to compute an appeal deadline from. At least one of `noticeDate` / `receivedDate`. */
export interface DeadlineInput {
  planType: PlanType;
  /** Default: the plan type's first level. */
  level?: AppealLevel;
  /** The date printed on the denial notice (`YYYY-MM-DD`). */
  noticeDate?: string;
  /** The date the notice actually arrived, when known (`YYYY-MM-DD`). */
  receivedDate?: string;
  /** An urgent (expedited) claim: changes the decision time. */
  urgent?: boolean;
  /** USPS state code (`NY`), for state rules. */
  state?: string;
  /** The window the plan's own documents give. */
  planWindow?: Duration;
  /** Whether the denied care is still to come (`pre_service`) or already given (`post_service`): changes the decision time. */
  serviceTiming?: 'pre_service' | 'post_service';
  /**
   * For employer plans: `insured` or `self_funded`. A self-funded ERISA plan is outside state insurance
   * law, so state external-review rules are not applied to it (the warning gives the state's date in case
   * the plan has opted in). Unknown: the earlier of the federal and the state date.
   */
  funding?: 'insured' | 'self_funded';
  /**
   * The notice ends care already under way: a hospital discharge, or services that stop or are reduced.
   * Adds the steps that keep care going while the appeal runs (`careSteps`).
   */
  careEnding?: CareEnding;
  /** The date the care ends or changes (the planned discharge date, the date services stop). */
  careEndDate?: string;
  /** Today, for `daysRemaining` and `status` (the core never reads the clock). */
  asOf?: string;
}

/** The last day to appeal at one level, with the rule behind it. */
export interface AppealDeadline {
  /** The last day to file (`YYYY-MM-DD`). */
  deadline: string;
  /** The weekday of the deadline. */
  weekday: string;
  level: AppealLevel;
  window: Duration;
  clockStart: { event: 'receipt' | 'notice_date'; date: string; presumed: boolean };
  rolledForward: boolean;
  /** True when the date is the latest the law could allow and the actual rule (a state's) may be earlier. */
  latestPossible: boolean;
  /**
   * True when the rule that governs is not known for sure (the state, its rule or the plan's funding is
   * unknown, or the rule is unconfirmed) and the date shown is the earliest it could be; the warnings say
   * how it was chosen and what to give for the exact date.
   */
  earliestPossible: boolean;
  /** What counts as filing in time. */
  filedWhen: 'received' | 'postmarked' | 'postmarked_or_received' | 'unstated';
  citation: string;
  sourceUrl?: string;
  /** How sure the rule is; anything but `confirmed` comes with a warning. */
  ruleStatus: RuleStatus;
  daysRemaining?: number;
  status?: 'open' | 'due_soon' | 'passed';
  /** The payer's or reviewer's time to decide at this level. */
  decisionDue?: { amount: number; unit: 'hours' | 'days'; citation: string };
  /** For impacted payers (CMS-0057-F), the time to decide a new prior-authorization request, when the care is still to come. */
  priorAuthorizationDecision?: { amount: number; unit: 'hours' | 'days'; citation: string };
  nextLevels: AppealLevel[];
  /** With `careEnding`: the steps that keep care going while the appeal runs, each with its own deadline. */
  careSteps?: CareStep[];
  warnings: string[];
  /** Ids of the rule rows behind the answer. */
  ruleIds: string[];
  ruleSet: RuleSetRef;
}
