/**
 * Plan-type hints in an ExplanationOfBenefit or ClaimResponse. An EOB rarely says which kind of plan it
 * is: `type` (`institutional`, `pharmacy`, CARIN's `inpatient-facility`…) is the kind of claim, not of
 * plan, and is never used. Only these count, and only when they all agree:
 *
 * - a contained Coverage's `type` coded in the Source of Payment Typology (SOPT) with a code that names
 *   one plan type (Medicare managed care → Medicare Advantage, Medicare FFS, Medicare drug benefit,
 *   Medicaid managed care, Medicaid non-managed care);
 * - a payer or coverage name that can mean only one plan type: "Medicare" alone (or "Original Medicare",
 *   "Medicare Part A/B", "Centers for Medicare & Medicaid Services": Medicare itself is the payer only in
 *   Original Medicare), "Medicare Advantage", "Medicare Part D", "TRICARE", "FEHB" / "Federal Employee
 *   Program".
 *
 * Anything else (an insurer's own name, "Medicaid" alone, SOPT "Medicare" without a subtype) is not
 * certain, and the caller must say.
 * @module
 */
import type { PlanType } from '../../types.js';
import { SOPT } from './systems.js';

/** A plan type read from the resource, and where from (for the warning). */
export interface PlanTypeHint {
  planType: PlanType;
  /** Where the hint is, in words: `insurer.display "Medicare"`. */
  source: string;
}

/**
 * SOPT codes that name exactly one plan type (codes as listed in CARIN's coverage-type comparison page,
 * https://build.fhir.org/ig/HL7/carin-bb/us-core-comparisons/vs-2.16.840.1.114222.4.11.3591-coverage-type.html).
 * Broader codes (`1` MEDICARE, `2` MEDICAID, `123` Medicare MSA, `14` dual eligibility…) are left out.
 */
const SOPT_PLAN_TYPES: Readonly<Record<string, PlanType>> = {
  '11': 'medicare_advantage', // Medicare Managed Care (includes Medicare Advantage plans)
  '111': 'medicare_advantage', // Medicare HMO
  '112': 'medicare_advantage', // Medicare PPO
  '113': 'medicare_advantage', // Medicare POS
  '119': 'medicare_advantage', // Medicare Managed Care Other
  '12': 'medicare_original', // Medicare (Non-managed Care)
  '121': 'medicare_original', // Medicare FFS
  '122': 'medicare_part_d', // Medicare Drug Benefit
  '21': 'medicaid_managed_care', // Medicaid (Managed Care)
  '211': 'medicaid_managed_care', // Medicaid HMO
  '212': 'medicaid_managed_care', // Medicaid PPO
  '213': 'medicaid_managed_care', // Medicaid PCCM
  '219': 'medicaid_managed_care', // Medicaid Managed Care Other
  '22': 'medicaid_fee_for_service', // Medicaid (Non-managed Care Plan)
};

/** Names that can mean only one plan type. The first rule that matches a name wins. */
const NAME_RULES: readonly (readonly [RegExp, PlanType])[] = [
  [/\bmedicare advantage\b|\bmedicare part c\b/, 'medicare_advantage'],
  [/\bmedicare part d\b|\bmedicare prescription drug plan\b/, 'medicare_part_d'],
  [
    /^(?:original medicare|medicare|medicare part [ab]|medicare parts a and b|medicare fee for service|centers for medicare (?:and|&) medicaid services)$/,
    'medicare_original',
  ],
  [/\btricare\b/, 'tricare'],
  [/\bfederal employees? health benefits?\b|\bfehbp?\b|\bfederal employee program\b/, 'fehb'],
];

/** The plan type a payer or plan name names, if only one. */
export function planTypeFromName(name: string): PlanType | undefined {
  const normal = name
    .slice(0, 200)
    .toLowerCase()
    .replace(/[\s\-_,.()]+/g, ' ')
    .trim();
  for (const [pattern, planType] of NAME_RULES) if (pattern.test(normal)) return planType;
  return undefined;
}

/** The plan type a SOPT code names, if only one. */
export function planTypeFromSopt(system: string | undefined, code: string | undefined): PlanType | undefined {
  if (system !== SOPT || code === undefined) return undefined;
  return Object.hasOwn(SOPT_PLAN_TYPES, code) ? SOPT_PLAN_TYPES[code] : undefined;
}

/** Shortens a name for a message. */
export function quote(value: string): string {
  const short = value.trim().slice(0, 60);
  return `"${short}${value.trim().length > 60 ? '…' : ''}"`;
}
