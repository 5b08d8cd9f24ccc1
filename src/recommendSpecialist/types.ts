/**
 * The public types of {@link recommendSpecialist}: what to route from and the recommendation.
 * Names follow `DESIGN.md`; fields may be added, never renamed.
 * @module
 */

import type { Confidence, DenialCategory, RuleSetRef } from '../types.js';

/**
 * The kinds of insurance claim the routing knows (closed set).
 *
 * @example
 * ```ts
 * CLAIM_TYPES.includes('disability'); // true
 * ```
 */
export const CLAIM_TYPES = ['health', 'critical_illness', 'disability', 'long_term_care'] as const;

/**
 * The kind of insurance claim: a health plan, a critical-illness, disability or long-term-care policy.
 *
 * @example
 * ```ts
 * const claimType: ClaimType = 'long_term_care';
 * ```
 */
export type ClaimType = (typeof CLAIM_TYPES)[number];

/**
 * What to route a second opinion from. At least one of `icd10`, `condition`, `procedure`, `claimType`.
 *
 * @example
 * ```ts
 * const input: SpecialistInput = { icd10: ['M51.16'], procedure: 'lumbar fusion', denialCategory: 'medical_necessity' };
 * ```
 */
export interface SpecialistInput {
  /** ICD-10-CM codes, principal (first-listed) diagnosis first: `I21.4`, `i214`, `C50.911`, `F32.A`. */
  icd10?: string[];
  /** The condition in plain words: `heart attack`, `breast cancer`, `chronic Lyme`. */
  condition?: string;
  /** The kind of claim; `disability` and `long_term_care` add functional and cognitive assessment. */
  claimType?: ClaimType;
  /** The denied procedure in plain words: `total knee arthroplasty`, `lumbar fusion`. */
  procedure?: string;
  /** The denial's category (from `classifyDenial`): changes who should review and what they must address. */
  denialCategory?: DenialCategory;
  /** The patient's age in whole years: under 18 prefers the pediatric subspecialist. */
  age?: number;
}

/**
 * A specialty as the NUCC Health Care Provider Taxonomy names it.
 *
 * @example
 * ```ts
 * const cardiology: Specialist = {
 *   name: 'Cardiovascular Disease',
 *   taxonomyCode: '207RC0000X',
 *   board: 'American Board of Internal Medicine',
 * };
 * ```
 */
export interface Specialist {
  /** The NUCC display name (`Cardiovascular Disease`). */
  name: string;
  /** The NUCC Health Care Provider Taxonomy code (`207RC0000X`). */
  taxonomyCode: string;
  /** The board that certifies it (an ABMS member board where there is one). */
  board?: string;
}

/**
 * Another specialty that fits, and why.
 *
 * @example
 * ```ts
 * recommendSpecialist({ icd10: ['C61'] }).alternatives[0]?.reason; // 'For hormone, drug or advanced-disease treatment'
 * ```
 */
export interface AlternativeSpecialist extends Specialist {
  /** When or why this specialty fits instead of, or beside, the recommended one. */
  reason?: string;
}

/**
 * One input signal behind a recommendation.
 *
 * @example
 * ```ts
 * recommendSpecialist({ icd10: ['I21.4'] }).evidence[0];
 * // { kind: 'icd10', value: 'I21.4', ruleId: 'icd10.I20-I25', area: 'cardiac', use: 'routing' }
 * ```
 */
export interface SpecialistEvidence {
  /** What the signal is. */
  kind: 'icd10' | 'condition' | 'procedure' | 'claim_type' | 'denial_category' | 'age';
  /**
   * The normalised code (`I21.4`), the phrase as listed in the rule set (for a condition found by the
   * ICD-10-CM search, the words given), the claim type or category, the age (or, for a child without an
   * age, the word or the childhood condition that says so: `"baby"`).
   */
  value: string;
  /** The id of the range, area, procedure or context row that recognised it. */
  ruleId: string;
  /** The condition area it points to, when it points to one. */
  area?: string;
  /** How it was used: to route, to add an alternative, to adjust the answer, or not at all. */
  use: 'routing' | 'alternative' | 'context' | 'ignored';
}

/**
 * A requirement or a pitfall explained in plain words.
 *
 * @example
 * ```ts
 * recommendSpecialist({ condition: 'asthma' }).notes.find((note) => note.id === 'examines_patient')?.text;
 * // 'Examines you in person where possible; a report on records alone is weaker.'
 * ```
 */
export interface SpecialistNote {
  /** The id as listed in `requirements` or `avoid`. */
  id: string;
  text: string;
}

/**
 * Who should give the independent second opinion, and what it must do.
 *
 * @example
 * ```ts
 * const { specialty, subspecialty, requirements } = recommendSpecialist({ condition: 'heart failure' });
 * specialty.taxonomyCode;      // '207RC0000X'
 * subspecialty?.taxonomyCode;  // '207RA0001X'
 * requirements.includes('no_insurer_ties'); // true
 * ```
 */
export interface SpecialistRecommendation {
  /** The specialty to ask for. */
  specialty: Specialist;
  /** The preferred subspecialty within (or beside) it, when there is one. */
  subspecialty?: Specialist;
  /** Other fitting specialties, most relevant first. */
  alternatives: AlternativeSpecialist[];
  /** Why, in words a patient can read. */
  rationale: string;
  /**
   * What the specialist and the report must satisfy: `board_certified`, `no_insurer_ties`,
   * `examines_patient`, `written_report_addresses_denial`, `cites_guidelines`, and, depending on the claim
   * and the denial, `addresses_policy_definition`, `assesses_functional_capacity`,
   * `assesses_adls_and_cognition`, `judges_research_evidence`.
   */
  requirements: string[];
  /** Whom or what to avoid: `general_practitioner`, `insurer_ime_physician`, `psychologist_for_contested_psychiatric_diagnosis`, … */
  avoid: string[];
  /** Every id of `requirements` and `avoid`, explained. */
  notes: SpecialistNote[];
  /** The clinical guidelines the report should cite, by issuing body. */
  guidelines: string[];
  /** The condition area the answer is routed to. */
  area: { id: string; name: string };
  /** `low` when nothing routed and the answer is the general fallback. */
  confidence: Confidence;
  /** The input signals behind the answer. */
  evidence: SpecialistEvidence[];
  /** Ids of the table rows behind the answer. */
  ruleIds: string[];
  /** Plain-language cautions (unknown codes, conflicting signals, unconfirmed data, …). */
  warnings: string[];
  /** The sources behind the answer's rows. */
  citations: string[];
  ruleSet: RuleSetRef;
}
