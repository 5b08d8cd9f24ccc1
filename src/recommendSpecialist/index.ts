import { DEFAULT_RULE_SET_REF, defaultSpecialists } from '../_lib/defaultRuleSet.js';
import type { RuleSetWith } from '../engine/compile.js';
import { parseInput } from '../errors.js';
import { recommend } from './recommend.js';
import { isValidSpecialistInput, specialistInputSchema } from './schema.js';
import type { SpecialistInput, SpecialistRecommendation } from './types.js';

/** The bundled rule set's specialists rules: this function bundles and compiles no other domain. */
let bundled: RuleSetWith<'specialists'> | undefined;

/**
 * Routes an independent second opinion to the right specialist: the specialty and preferred
 * subspecialty (NUCC taxonomy code and certifying board), alternatives, what the specialist and the
 * report must do, whom to avoid, and the clinical guidelines the report should cite.
 *
 * It routes from ICD-10-CM codes (the principal, first-listed, code picks the area through the most
 * specific range that holds it; the others add their specialists as alternatives; external-cause codes
 * V00–Y99 never pick), from a condition or a procedure in plain words (a procedure adds the specialty
 * that performs it), and from the claim type (`disability` adds functional capacity, `long_term_care`
 * cognition and daily living). The denial category adjusts the answer: a contested psychiatric diagnosis
 * goes to a psychiatrist, not a psychologist; an experimental-treatment denial wants a subspecialist who
 * can judge the research (WAC 284-43A-060(3)(d)). Input that names nothing overturn knows gets a general
 * internist (207R00000X) with `confidence: 'low'` and a warning, not an error.
 *
 * Synchronous and deterministic; phrases are matched in linear time; the rule set is compiled once.
 *
 * @param input - ICD-10-CM codes, condition, procedure, claim type, denial category, age (at least one of the first four)
 * @returns the recommendation, with the area, evidence, rule ids, citations and warnings behind it
 * @throws {OverturnError} `INVALID_INPUT` with `issues[]` for a malformed code, an unknown field or nothing to route from
 *
 * @example
 * ```ts
 * import { recommendSpecialist } from 'overturn';
 *
 * const heart = recommendSpecialist({ icd10: ['I21.4'], claimType: 'critical_illness' });
 * heart.specialty;    // { name: 'Cardiovascular Disease', taxonomyCode: '207RC0000X', board: 'American Board of Internal Medicine' }
 * heart.subspecialty?.taxonomyCode; // '207RI0011X' (Interventional Cardiology)
 *
 * recommendSpecialist({ condition: 'depression', denialCategory: 'diagnosis_dispute' })
 *   .avoid.includes('psychologist_for_contested_psychiatric_diagnosis'); // true
 *
 * recommendSpecialist({ procedure: 'lumbar fusion' }).specialty.taxonomyCode; // '207XS0117X'
 * ```
 */
export function recommendSpecialist(input: SpecialistInput): SpecialistRecommendation {
  bundled ??= { ref: DEFAULT_RULE_SET_REF, specialists: defaultSpecialists() };
  return recommendWith(bundled, input);
}

/**
 * Recommends with a given compiled rule set (used by `createOverturn`).
 *
 * @example
 * ```ts
 * const ruleSet = compileRuleSet(myRules);
 * recommendWith(ruleSet, { condition: 'stroke' }).specialty.taxonomyCode; // '2084N0400X'
 * ```
 */
export function recommendWith(
  ruleSet: RuleSetWith<'specialists'>,
  input: SpecialistInput,
): SpecialistRecommendation {
  // The schema only explains a refusal: a valid input passes the fast check as it is.
  const parsed = isValidSpecialistInput(input) ? input : parseInput(specialistInputSchema, input);
  return recommend(ruleSet, parsed as SpecialistInput);
}
