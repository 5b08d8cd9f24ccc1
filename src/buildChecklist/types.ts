import type { REGULATOR_ROLES } from '../computeAppealDeadline/stateRules.js';
import type { ClaimType } from '../recommendSpecialist/types.js';
import type {
  AppealDeadline,
  AppealLevel,
  CareEnding,
  DenialInput,
  Duration,
  PlanType,
  RuleSetRef,
  RuleStatus,
} from '../types.js';

/** The stable ids of checklist items (closed set): safe to key translations, icons or tracking on. */
export const CHECKLIST_ITEM_IDS = [
  'request_expedited_review',
  'request_fast_review',
  'request_continued_benefits',
  'check_plan_governance',
  'request_claim_file',
  'document_calls',
  'review_summary_of_benefits',
  'verify_reviewer_specialty',
  'obtain_second_opinion',
  'treating_physician_letter',
  'cite_clinical_guidelines',
  'fix_and_resubmit',
  'request_retro_authorization',
  'check_sso_requirement',
  'submit_written_appeal',
  'external_review',
  'escalate_to_regulator',
] as const;

/** The id of a checklist item. */
export type ChecklistItemId = (typeof CHECKLIST_ITEM_IDS)[number];

/** How much an item matters: `critical` items can lose the appeal if missed. */
export const CHECKLIST_PRIORITIES = ['critical', 'high', 'normal'] as const;

/** How much an item matters. */
export type ChecklistPriority = (typeof CHECKLIST_PRIORITIES)[number];

/**
 * When in the appeal an item belongs: `now` (first days), `prepare` (building the evidence), `file`
 * (the appeal itself) and `after` (if the appeal is denied). Items are ordered by phase.
 */
export const CHECKLIST_PHASES = ['now', 'prepare', 'file', 'after'] as const;

/** When in the appeal an item belongs. */
export type ChecklistPhase = (typeof CHECKLIST_PHASES)[number];

/** For employer plans: who bears the risk, which decides whether state insurance law applies. */
export const FUNDING_TYPES = ['insured', 'self_funded'] as const;

/** For employer plans: insured (state insurance law applies) or self-funded (ERISA preempts it). */
export type FundingType = (typeof FUNDING_TYPES)[number];

/** The `{placeholders}` checklist rule texts may use; each is filled from the case. */
export const TEMPLATE_FIELDS = [
  'deadline',
  'weekday',
  'level',
  'window',
  'clockStartDate',
  'specialty',
  'board',
  'category',
  'nextLevel',
  'procedure',
  'state',
  'decisionDue',
  'regulator',
  'careStepDue',
] as const;

/** A whole case: the denial and what is known around it. At least one of `noticeDate` / `receivedDate`. */
export interface CaseInput {
  /** The denial: codes and/or letter text (`planType` and `asOf` default to the case's). */
  denial: DenialInput;
  planType: PlanType;
  /** The date printed on the denial notice (`YYYY-MM-DD`). */
  noticeDate?: string;
  /** The date the notice arrived, when known (`YYYY-MM-DD`). */
  receivedDate?: string;
  /** The care is urgent: expedited review applies. */
  urgent?: boolean;
  /** USPS state code (`NY`). */
  state?: string;
  /** ICD-10-CM codes of the condition. */
  icd10?: string[];
  /** The condition in plain words. */
  condition?: string;
  /** The denied procedure (name or HCPCS code). */
  procedure?: string;
  claimType?: ClaimType;
  /** Today (`YYYY-MM-DD`), for days remaining and for the dates of items to do now. */
  asOf?: string;
  /** The appeal level to plan for (default: the plan's first level). */
  level?: AppealLevel;
  /** The appeal window the plan's own documents give. */
  planWindow?: Duration;
  /** For employer plans: insured or self-funded, when known. */
  funding?: FundingType;
  /** The procedures the plan's own documents list as needing a second surgical opinion. */
  planSsoProcedures?: string[];
  /** The patient's age in years, for age-specific specialists. */
  age?: number;
  /** The notice ends care under way: a hospital discharge, or services that stop or are reduced. */
  careEnding?: CareEnding;
  /** The date that care ends or changes (the planned discharge date, the date services stop). */
  careEndDate?: string;
}

/** The kinds of state regulator (closed set). */
export type RegulatorRole = (typeof REGULATOR_ROLES)[number];

/** A state agency a person can turn to, from the state's rule file. */
export interface Regulator {
  /** `insurance` (the insurance department), `managed_care` (California's DMHC), `medicaid` (the Medicaid agency). */
  role: RegulatorRole;
  state: string;
  name: string;
  url: string;
  /** The consumer line, as the agency prints it; absent when it was not found on an official page. */
  phone?: string;
  citation: string;
  sourceUrl: string;
  ruleId: string;
  ruleStatus: RuleStatus;
  warning?: string;
}

/** One step of the plan. */
export interface ChecklistItem {
  /** A stable id (see {@link CHECKLIST_ITEM_IDS}). */
  id: ChecklistItemId;
  title: string;
  /** Why this step matters, in one or two plain sentences. */
  why: string;
  priority: ChecklistPriority;
  phase: ChecklistPhase;
  /** The date to have done it by (`YYYY-MM-DD`); `submit_written_appeal` is due on the deadline. */
  dueDate?: string;
  /** With `asOf`: `passed` once the due date is behind, `due_soon` within 14 days. */
  status?: 'open' | 'due_soon' | 'passed';
  citation?: string;
  sourceUrl?: string;
  /** The id of the checklist rule behind the item. */
  ruleId: string;
  /** How sure the rule is; anything but `confirmed` comes with a warning. */
  ruleStatus: RuleStatus;
  warning?: string;
  /** Where a letter for this step goes, when the rule names the body (the letters address it). */
  sendTo?: { name: string; url?: string; address?: string; form?: string };
  /** The plan takes this step itself (Medicare Advantage forwards the case to the review entity): nothing to send. */
  automatic?: true;
}

/** The dated, ordered plan for one case. */
export interface Checklist {
  items: ChecklistItem[];
  /** The deadline the dates are computed from. */
  deadline: AppealDeadline;
  /** The state agencies to turn to for this plan, when the state is known (the insurance department or DMHC; the Medicaid agency). */
  regulators: Regulator[];
  /** Every warning of the analysis behind the checklist, without repeats. */
  warnings: string[];
  ruleSet: RuleSetRef;
}
