import { DEFAULT_RULE_SET_REF, defaultSso } from '../_lib/defaultRuleSet.js';
import type { RuleSetWith } from '../engine/compile.js';
import { parseInput } from '../errors.js';
import { decideSso } from './decide.js';
import { isValidSsoInput, ssoInputSchema } from './schema.js';
import type { SsoDecision, SsoInput } from './types.js';

/** The bundled rule set's sso rules: this function bundles and compiles no other domain. */
let bundled: RuleSetWith<'sso'> | undefined;

/**
 * Whether a second surgical opinion (SSO) is needed before a surgery: `required`, `not_required` or
 * `plan_dependent`, with how the opinion itself is covered, the penalty for skipping it where a confirmed
 * rule states one, the citation, and warnings a person understands.
 *
 * What it knows: Original Medicare (no requirement is stated; Part B covers a second and a third opinion),
 * Medicare Advantage (the plan's own rules), the mandatory state Medicaid programs of North Carolina and
 * New Jersey (and Pennsylvania's, which ended on 1997-03-15: pass `asOf` for earlier dates), the plan's
 * own list when given (`planSsoProcedures`), the state mandates to cover an opinion on request (NY, NJ, RI),
 * and the urgent-surgery exemption. Names match by whole words and the rule set's synonyms ("total knee
 * arthroplasty" is a "knee surgery"); a bare code (`27447`) matches only code lists. A plan's penalty is
 * never guessed: the "50% benefit reduction" some sources call typical is only a warning.
 *
 * @param input - the procedure (name or bare HCPCS/CPT code), plan type, and optional state, plan list, urgency and date
 * @returns the requirement and everything behind it
 * @throws {OverturnError} `INVALID_INPUT` with `issues[]` for an unknown plan type or state, an empty
 *   procedure, a bad list or date, or an unknown field
 *
 * @example
 * ```ts
 * import { requiresSecondSurgicalOpinion } from 'overturn';
 *
 * // North Carolina Medicaid lists "knee surgery"; a total knee arthroplasty is one.
 * const nc = requiresSecondSurgicalOpinion({
 *   procedure: 'Total knee arthroplasty, right',
 *   planType: 'medicaid_fee_for_service',
 *   state: 'NC',
 * });
 * nc.requirement;      // 'required'
 * nc.matchedProcedure; // 'knee surgery'
 * nc.citation;         // '10A NCAC 25P .0201'
 *
 * // Original Medicare: no requirement is stated (unconfirmed, with a warning); Part B covers the opinion.
 * const medicare = requiresSecondSurgicalOpinion({ procedure: 'cataract surgery', planType: 'medicare_original' });
 * medicare.requirement; // 'not_required'
 * medicare.ruleStatus;  // 'unconfirmed'
 * medicare.coverage;    // 'Part B covers a second opinion … (Medicare.gov, Second surgical opinions).'
 * ```
 */
export function requiresSecondSurgicalOpinion(input: SsoInput): SsoDecision {
  bundled ??= { ref: DEFAULT_RULE_SET_REF, sso: defaultSso() };
  return decideSsoWith(bundled, input);
}

/**
 * Decides with a given compiled rule set (used by `createOverturn`).
 *
 * @example
 * ```ts
 * decideSsoWith(compileRuleSet(source), { procedure: 'CABG', planType: 'medicare_advantage' }).requirement; // 'plan_dependent'
 * ```
 */
export function decideSsoWith(ruleSet: RuleSetWith<'sso'>, input: SsoInput): SsoDecision {
  // The schema only explains a refusal: a valid input passes the fast check as it is.
  const parsed = isValidSsoInput(input) ? input : parseInput(ssoInputSchema, input);
  return decideSso(ruleSet, parsed as SsoInput);
}
