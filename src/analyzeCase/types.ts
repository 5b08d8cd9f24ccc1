import type { Checklist, FundingType } from '../buildChecklist/types.js';
import type { SpecialistRecommendation } from '../recommendSpecialist/types.js';
import type { SsoDecision } from '../requiresSecondSurgicalOpinion/types.js';
import type { AppealDeadline, DenialClassification, PlanType, RuleSetRef } from '../types.js';

/** Everything overturn can say about one case, from one rule set. */
export interface CaseAnalysis {
  classification: DenialClassification;
  /** The specialist for a second opinion: present when one can help and the case names a condition, procedure or claim type. */
  specialist?: SpecialistRecommendation;
  deadline: AppealDeadline;
  /** Whether a second surgical opinion is required: present when the case names a procedure. */
  sso?: SsoDecision;
  checklist: Checklist;
  /** Every warning of every part, without repeats, in the order classification, deadline, specialist, surgical opinion, checklist. */
  warnings: string[];
  /** Today as the analysis used it, when given. */
  asOf?: string;
  ruleSet: RuleSetRef;
  /** The case's own facts, kept for the letters that quote them. */
  facts: CaseFacts;
}

/** What a case said, as the letters quote it: nothing inferred, and a fact the case does not hold is absent. */
export interface CaseFacts {
  /**
   * The sentence of the denial's text that states its reason (the one holding a recognised wording, else the one
   * quoting a code).
   */
  denialReason?: string;
  /** The denied service or procedure, as the case names it. */
  procedure?: string;
  /** The codes as given, then those the denial's text quotes (as overturn prints them: `CO-50`). */
  codes?: string[];
  planType: PlanType;
  noticeDate?: string;
  receivedDate?: string;
  state?: string;
  /** The condition in the case's words (the physician's letter and the specialist's briefing name it). */
  condition?: string;
  /** The ICD-10-CM codes as given. */
  icd10?: string[];
  /** How the employer plan is funded, when the case says. */
  funding?: FundingType;
  /** The case was marked urgent. */
  urgent?: true;
}
